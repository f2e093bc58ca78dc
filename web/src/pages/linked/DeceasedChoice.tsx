import { deathOutsideHousehold } from "@domain/assistant-guidance.js";
import { type Kin, RELATIONSHIP_EN } from "@domain/assistant-kin.js";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { ErrorMessage } from "../../components/Status";
import { formatDate } from "../../lib/format";
import { useLoad } from "../../lib/hooks";

/** GET /api/me/household/relatives: the other living members of the citizen's household. */
type Relative = {
  personalNumber: string;
  fullName: string;
  birthDate: string;
  kin: Kin | null;
  relationshipToHead: string | null;
};

type Props = {
  value: string | null;
  /** A member chosen, or null: the person who died is not in the household (what to do is said). */
  onChange: (personalNumber: string | null) => void;
  /** The death registration's draft is started for the chosen person: the choice is fixed. */
  locked: boolean;
  /** Told once the list is known: whether there is anyone to choose (else the facts are typed). */
  onLoaded: (count: number) => void;
};

/**
 * A death with no electronic notice (a death at home, a paper notice): the citizen chooses the
 * deceased among their household's members, as the residence registry lists them; the form is then
 * filled from that person's record (`?deceased=` of the prefill, `deceasedNumber` of the draft).
 * "Người đã mất không có trong hộ của tôi" says where to go instead (the assistant's words).
 */
export function DeceasedChoice({ value, onChange, locked, onLoaded }: Props) {
  const { t, i18n } = useTranslation();
  const [outside, setOutside] = useState(false);
  const list = useLoad(
    (signal) =>
      api.get<{ items: Relative[] }>("/api/me/household/relatives", { signal }).then((r) => {
        onLoaded(r.items.length);
        return r;
      }),
    [],
  );
  if (list.error) return <ErrorMessage error={list.error} retry={list.reload} />;
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  const en = i18n.language.startsWith("en");
  const about = (r: Relative) =>
    r.kin
      ? t(`linked.deceasedKin.${r.kin}`)
      : r.relationshipToHead
        ? t("linked.deceasedOfHead", {
            relationship: en
              ? (RELATIONSHIP_EN[r.relationshipToHead] ?? r.relationshipToHead)
              : r.relationshipToHead,
          })
        : null;
  return (
    <fieldset className="card" data-testid="deceased-choice">
      <legend>{t("linked.deceasedChoice")}</legend>
      <p className="muted" id="deceased-choice-hint">
        {t("linked.deceasedChoiceHint")}
      </p>
      {items.map((r) => (
        <label key={r.personalNumber} className="linked-choice" data-testid={`deceased-${r.personalNumber}`}>
          <input
            type="radio"
            name="deceased"
            value={r.personalNumber}
            checked={value === r.personalNumber}
            disabled={locked && value !== r.personalNumber}
            aria-describedby="deceased-choice-hint"
            onChange={() => onChange(r.personalNumber)}
          />{" "}
          <span>
            <strong>{r.fullName}</strong>
            {[about(r), t("linked.deceasedBorn", { date: formatDate(r.birthDate, i18n.language) })]
              .filter(Boolean)
              .map((x) => `, ${x}`)
              .join("")}
          </span>
        </label>
      ))}
      <label className="linked-choice" data-testid="deceased-outside">
        <input
          type="radio"
          name="deceased"
          value=""
          checked={outside && value === null}
          disabled={locked}
          aria-describedby="deceased-choice-hint"
          onChange={() => {
            setOutside(true);
            onChange(null);
          }}
        />{" "}
        <span>{t("linked.deceasedOutside")}</span>
      </label>
      {outside && value === null && (
        <p className="alert alert-info" role="status" data-testid="deceased-outside-guidance">
          {en ? deathOutsideHousehold(null).en : deathOutsideHousehold(null).vi}
        </p>
      )}
      {locked && value && (
        <p className="help" data-testid="deceased-locked">
          {t("linked.deceasedLocked")}
        </p>
      )}
    </fieldset>
  );
}

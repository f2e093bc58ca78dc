import type { ChildHomeOption } from "@domain/linked-form.js";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { ErrorMessage, Loading } from "../../components/Status";
import { useLoad } from "../../lib/hooks";

type Props = {
  /** The offer the form is filed from: the parents are its notice's. */
  offer: string | undefined;
  /** The household chosen (its id), or null: the applicant's own (the default). */
  value: string | null;
  onChange: (householdId: string | null) => void;
};

/**
 * "Where the child will live" in the birth group's form (issue 12): the mother's and the father's
 * households, each named by its head and address as the population registry holds them (`GET
 * /api/linked-applications/child-homes`, whose reads are logged). Shown only when there is a
 * choice (the parents live in different households); otherwise the form says where in one line.
 * A household in another province cannot take the residence step of this application: shown
 * disabled, with what to do instead.
 */
export function ChildHomeChoice({ offer, value, onChange }: Props) {
  const { t } = useTranslation();
  const homes = useLoad(
    (signal) =>
      api.get<{ applicant: string | null; options: ChildHomeOption[] }>(
        `/api/linked-applications/child-homes${offer ? `?offer=${encodeURIComponent(offer)}` : ""}`,
        { signal },
      ),
    [offer],
  );
  if (homes.loading && !homes.data) return <Loading />;
  if (homes.error) return <ErrorMessage error={homes.error} retry={homes.reload} />;
  const options = homes.data?.options ?? [];
  if (options.length < 2) return null;
  const chosen = options.find((o) => o.householdId === value) ?? options.find((o) => o.own);
  return (
    <fieldset className="card" data-testid="child-home-choice">
      <legend>{t("linked.childHomeChoice")}</legend>
      <p className="muted" id="child-home-hint">
        {t("linked.childHomeChoiceHint")}
      </p>
      {options.map((o) => (
        <div key={o.householdId}>
          <label className="linked-choice" data-testid={`child-home-${o.of}`}>
            <input
              type="radio"
              name="child-home"
              value={o.householdId}
              checked={chosen?.householdId === o.householdId}
              disabled={!o.sameProvince}
              aria-describedby={o.sameProvince ? "child-home-hint" : `child-home-${o.of}-far`}
              onChange={() => onChange(o.own ? null : o.householdId)}
            />{" "}
            <span>
              <strong>{t(`linked.childHomeOf.${o.of}`)}</strong>
              {": "}
              {t("linked.childHomeHead", { head: o.headName, address: o.address })}
            </span>
          </label>
          {!o.sameProvince && (
            <p className="help" id={`child-home-${o.of}-far`}>
              {t("linked.childHomeFar")}
            </p>
          )}
        </div>
      ))}
      {chosen && !chosen.own && (
        <p className="help" data-testid="child-home-consent" aria-live="polite">
          {t(chosen.headIsParent ? "linked.childHomeConsentParent" : "linked.childHomeConsent", {
            head: chosen.headName,
            commune: chosen.communeName,
          })}
        </p>
      )}
    </fieldset>
  );
}

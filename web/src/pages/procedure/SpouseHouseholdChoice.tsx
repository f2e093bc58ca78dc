import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { ProcedureDefinition } from "../../api/types";
import { errorText, Loading } from "../../components/Status";
import { useLoad } from "../../lib/hooks";

/** GET /api/me/spouse-household (src/modules/dossiers/head-consent.ts `spouseHousehold`). */
type SpouseHousehold = {
  spouseName: string;
  headNumber: string;
  headName: string;
  address: string;
  communeCode: string;
  communeName: string;
  relationship: string | null;
  spouseIsHead: boolean;
};

/** The request value of permanent residence into the spouse's household (1.004222 version 3). */
export const SPOUSE_REQUEST = "join_spouse_household";

/** Whether the procedure's form offers registering into the spouse's household. */
export const offersSpouseHousehold = (def: ProcedureDefinition): boolean =>
  def.form.some((f) => f.key === "request" && (f.options ?? []).some((o) => o.value === SPOUSE_REQUEST));

/**
 * Permanent residence: where to register, chosen before the draft starts (Law on Residence 2020,
 * Art. 20(2)(a)): the citizen's own household or another lawful residence, or the spouse's
 * household. Chosen (`?household=spouse`, the assistant's "chuyển hộ khẩu về nhà chồng"), the
 * spouse's household is shown as the form will name it: head, personal number, address and the
 * commune police that decide; or, without a marriage or a household, why not, in plain words.
 */
export function SpouseHouseholdChoice({
  spouse,
  onChange,
}: {
  spouse: boolean;
  onChange: (spouse: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const home = useLoad(
    (signal) =>
      spouse ? api.get<SpouseHousehold>("/api/me/spouse-household", { signal }) : Promise.resolve(null),
    [spouse],
  );
  const h = home.data;
  return (
    <fieldset className="card" data-testid="spouse-household-choice">
      <legend>{t("procedure.spouse.question")}</legend>
      {(["own", "spouse"] as const).map((v) => (
        <label key={v} className="linked-choice" data-testid={`household-${v}`}>
          <input
            type="radio"
            name="household"
            value={v}
            checked={spouse === (v === "spouse")}
            onChange={() => onChange(v === "spouse")}
          />{" "}
          <span>{t(`procedure.spouse.${v}`)}</span>
        </label>
      ))}
      {spouse && home.loading && !h && <Loading />}
      {spouse && home.error ? (
        <p className="alert" role="alert" data-testid="spouse-household-refused">
          {errorText(home.error, i18n.language, t("common.error"))}
        </p>
      ) : null}
      {spouse && h && (
        <dl className="facts" data-testid="spouse-household" aria-live="polite">
          <dt>{t("procedure.spouse.head")}</dt>
          <dd data-testid="spouse-household-head">{h.headName}</dd>
          <dt>{t("procedure.spouse.headNumber")}</dt>
          <dd>{h.headNumber}</dd>
          <dt>{t("procedure.spouse.address")}</dt>
          <dd>{`${h.address}, ${h.communeName}`}</dd>
          {h.relationship && (
            <>
              <dt>{t("procedure.spouse.relationship")}</dt>
              <dd data-testid="spouse-household-relationship">{h.relationship}</dd>
            </>
          )}
          <dt>{t("procedure.spouse.authority")}</dt>
          <dd data-testid="spouse-household-authority">
            {t("procedure.spouse.police", { commune: h.communeName })}
          </dd>
        </dl>
      )}
      {spouse && h && (
        <p className="help">{t("procedure.spouse.consent", { head: h.headName, spouse: h.spouseName })}</p>
      )}
    </fieldset>
  );
}

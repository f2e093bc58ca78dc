import { filledKeys, formCounts } from "@domain/form-counts.js";
import { useTranslation } from "react-i18next";
import type { Prefill, ProcedureDefinition } from "../../api/types";
import { ErrorMessage, Loading } from "../../components/Status";
import { ValueText } from "../../components/ValueText";
import { useL } from "../../lib/hooks";
import { loginHref, useSession } from "../../session";

type Props = { def: ProcedureDefinition; prefill: Prefill | null; loading: boolean; error: unknown };

/** What the registries already know about the signed-in citizen, before any dossier exists. */
export function Known({ def, prefill, loading, error }: Props) {
  const { t } = useTranslation();
  const l = useL();
  const { principal } = useSession();
  const filled = filledKeys(prefill?.fields ?? []);
  const known = prefill?.fields.filter((f) => filled.has(f.key)) ?? [];
  // The procedure page's count ("you type N of T"), for this person: a binding without a value is typed.
  const counts = formCounts(def.form, filled);
  return (
    <section aria-labelledby="known-title" className="card">
      <h2 id="known-title">{t("procedure.knownTitle")}</h2>
      {!principal && (
        <p>
          {t("procedure.knownSignIn")}{" "}
          <a href={loginHref(`/thu-tuc/${def.code}`)} data-testid="known-sign-in">
            {t("auth.signIn")}
          </a>
        </p>
      )}
      {principal && principal.kind !== "citizen" && <p>{t("procedure.knownCitizenOnly")}</p>}
      {loading && principal?.kind === "citizen" && <Loading />}
      {error ? <ErrorMessage error={error} /> : null}
      {prefill && known.length === 0 && <p>{t("procedure.knownNone")}</p>}
      {known.length > 0 && (
        <>
          <p data-testid="known-summary">
            {t("procedure.knownSummary", {
              count: counts.prefilled,
              total: counts.total,
              typed: counts.typed,
            })}
            {counts.unfilled > 0 && <> {t("procedure.knownUnfilled", { count: counts.unfilled })}</>}
          </p>
          <dl className="known" data-testid="known-list">
            {known.map((f) => {
              const fd = def.form.find((x) => x.key === f.key);
              return (
                <div key={f.key}>
                  <dt>{l(f.labelVi, f.labelEn)}</dt>
                  <dd>
                    <ValueText value={f.value} type={fd?.type} options={fd?.options} />
                    {f.provenance && (
                      <span className="source">
                        {t("form.source", { source: l(f.provenance.sourceVi, f.provenance.sourceEn) })}
                      </span>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        </>
      )}
    </section>
  );
}

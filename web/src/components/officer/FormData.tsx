import { useTranslation } from "react-i18next";
import type { DossierField } from "../../api/types";
import { formatDate } from "../../lib/format";
import { useFieldText } from "../../lib/hooks";
import { ValueText } from "../ValueText";

/**
 * The form as filed: each value with where it came from (a registry, as of when) or who typed it.
 * Labels and sources speak of the citizen ("của người yêu cầu"), never to them (`useFieldText`).
 */
export function FormData({ fields }: { fields: DossierField[] }) {
  const { t, i18n } = useTranslation();
  const ft = useFieldText();
  const shown = fields.filter((f) => f.visible);
  return (
    <section aria-labelledby="ws-form-title" className="card">
      <h2 id="ws-form-title">{t("officer.view.form")}</h2>
      {shown.length === 0 ? (
        <p>{t("officer.view.formEmpty")}</p>
      ) : (
        <dl className="review-list ws-data" data-testid="form-data">
          {shown.map((f) => (
            <div key={f.key} data-testid={`field-${f.key}`} data-source={f.provenance ? "registry" : "typed"}>
              <dt>{ft(f.labelVi, f.labelEn)}</dt>
              <dd>
                <ValueText value={f.value} type={f.type} options={f.options} />
                {f.provenance ? (
                  <span className="source" data-testid="provenance">
                    {t("officer.view.provenance", {
                      source: ft(f.provenance.sourceVi, f.provenance.sourceEn),
                      date: formatDate(f.provenance.asOf, i18n.language),
                    })}
                    {f.provenance.ref && (
                      <>
                        {" "}
                        · {t("officer.view.recordRef")} <code className="mono">{f.provenance.ref}</code>
                      </>
                    )}
                  </span>
                ) : (
                  <span className="note">{t("officer.view.typed")}</span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

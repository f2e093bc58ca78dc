import { useTranslation } from "react-i18next";
import type { Dossier } from "../../api/types";
import { ValueText } from "../../components/ValueText";
import { useFieldText, useL } from "../../lib/hooks";

/** What was declared, folded away: registry facts marked as such. */
export function SubmittedData({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const l = useL();
  const ft = useFieldText();
  const fields = dossier.fields.filter((f) => f.visible);
  return (
    <details className="card" data-testid="submitted-data">
      <summary>{t("tracking.declared", { count: fields.length })}</summary>
      <dl className="review-list">
        {fields.map((f) => (
          <div key={f.key}>
            <dt>{ft(f.labelVi, f.labelEn)}</dt>
            <dd>
              <ValueText value={f.value} type={f.type} options={f.options} />
              {f.readOnly && f.provenance && (
                <span className="source">
                  {t("form.source", { source: ft(f.provenance.sourceVi, f.provenance.sourceEn) })}
                </span>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <ul className="needs">
        {dossier.components.map((c) => (
          <li key={c.key} className="need">
            <span className="need-name">{l(c.nameVi, c.nameEn)}</span>
            <span className={c.state === "missing" ? "muted" : "badge badge-ok"}>
              {t(`component.${c.state}`)}
            </span>
            {c.files.map((f) => (
              <a
                key={f.sha256}
                href={`/api/dossiers/${dossier.id}/files/${f.sha256}`}
                target="_blank"
                rel="noreferrer"
              >
                {f.filename}
              </a>
            ))}
          </li>
        ))}
      </ul>
    </details>
  );
}

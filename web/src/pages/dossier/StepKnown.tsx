import { formCounts } from "@domain/form-counts.js";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Dossier, FormValues, ProcedureDefinition } from "../../api/types";
import { ValueText } from "../../components/ValueText";
import { isVisible } from "../../lib/conditions";
import { formatDate } from "../../lib/format";
import { useAudienceT, useFieldText } from "../../lib/hooks";
import { CorrectionForm } from "./CorrectionForm";

type Props = { dossier: Dossier; def: ProcedureDefinition; values: FormValues };

export function StepKnown({ dossier, def, values }: Props) {
  const { i18n } = useTranslation();
  const t = useAudienceT();
  const ft = useFieldText();
  const [open, setOpen] = useState<string | null>(null);
  const [filed, setFiled] = useState<Record<string, number>>({});
  const visible = def.form.filter((f) => isVisible(f, values));
  const known = dossier.fields.filter((f) => f.readOnly && visible.some((v) => v.key === f.key));
  const replaced = dossier.components.filter((c) => c.state === "replaced");
  // The fields shown for the answers so far, by the rule every screen counts with.
  const counts = formCounts(
    def.form,
    new Set(dossier.fields.filter((f) => f.readOnly).map((f) => f.key)),
    values,
  );

  return (
    <div>
      <p className="banner banner-ok" data-testid="prefill-banner">
        {t("form.prefilledBanner", { count: counts.prefilled, total: counts.total })}
      </p>
      {known.length === 0 ? (
        <p>{t("form.knownNone")}</p>
      ) : (
        <ul className="known-list" data-testid="known-fields">
          {known.map((f) => {
            const label = ft(f.labelVi, f.labelEn);
            return (
              <li key={f.key} className="known-item" data-testid={`known-${f.key}`}>
                <span className="known-label">{label}</span>
                <span className="known-value" data-testid={`value-${f.key}`}>
                  <ValueText value={f.value} type={f.type} options={f.options} />
                </span>
                {f.provenance && (
                  <span className="source">
                    {t("form.source", { source: ft(f.provenance.sourceVi, f.provenance.sourceEn) })}
                    {f.provenance.asOf &&
                      ` · ${t("form.asOf", { date: formatDate(f.provenance.asOf, i18n.language) })}`}
                  </span>
                )}
                {filed[f.key] !== undefined ? (
                  <p className="banner banner-info" role="status" data-testid={`correction-filed-${f.key}`}>
                    {t("correction.filed", { id: filed[f.key] })}
                  </p>
                ) : open === f.key ? (
                  <CorrectionForm
                    dossierId={dossier.id}
                    fieldKey={f.key}
                    label={label}
                    onClose={() => setOpen(null)}
                    onDone={(id) => {
                      setFiled((x) => ({ ...x, [f.key]: id }));
                      setOpen(null);
                    }}
                  />
                ) : (
                  <button
                    type="button"
                    className="btn btn-link"
                    data-testid={`wrong-${f.key}`}
                    aria-expanded={false}
                    onClick={() => setOpen(f.key)}
                  >
                    {t("correction.open")}
                    <span className="sr-only">: {label}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {replaced.length > 0 && (
        <section aria-labelledby="replaced-title">
          <h3 id="replaced-title">{t("form.replacedTitle")}</h3>
          <ul className="needs">
            {replaced.map((c) => (
              <li key={c.key} className="need replaced" data-testid={`replaced-${c.key}`}>
                <span className="need-name">{ft(c.nameVi, c.nameEn)}</span>
                <span className="badge badge-ok">{t("procedure.replaced")}</span>
                {c.replacedBy?.fact && (
                  <span className="note">
                    {ft(c.replacedBy.fact.descriptionVi, c.replacedBy.fact.descriptionEn)}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

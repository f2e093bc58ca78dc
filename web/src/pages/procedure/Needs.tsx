import { useTranslation } from "react-i18next";
import type { Prefill, ProcedureDefinition } from "../../api/types";
import { formatBytes } from "../../lib/format";
import { useL } from "../../lib/hooks";

export function Needs({ def, prefill }: { def: ProcedureDefinition; prefill: Prefill | null }) {
  const { t, i18n } = useTranslation();
  const l = useL();
  const replaced = (key: string, fallback: boolean) => {
    const p = prefill?.components.find((c) => c.key === key);
    return p ? p.replaced : fallback;
  };
  return (
    <section aria-labelledby="needs-title" className="card">
      <h2 id="needs-title">{t("procedure.needsTitle")}</h2>
      {def.components.length === 0 ? (
        <p>{t("procedure.needsNone")}</p>
      ) : (
        <ul className="needs" data-testid="needs">
          {def.components.map((c) => {
            const isReplaced = replaced(c.key, c.kind === "data" || c.replacedBy !== undefined);
            return (
              <li key={c.key} data-testid={`need-${c.key}`} className={isReplaced ? "need replaced" : "need"}>
                <span className="need-name">{l(c.nameVi, c.nameEn)}</span>
                {isReplaced ? (
                  <span className="badge badge-ok">{t("procedure.replaced")}</span>
                ) : (
                  <span className="muted">
                    {c.required === false ? t("procedure.optional") : t("procedure.uploadNeeded")}
                    {c.maxBytes
                      ? ` · ${t("procedure.maxSize", { size: formatBytes(c.maxBytes, i18n.language) })}`
                      : ""}
                  </span>
                )}
                {isReplaced && c.replacedBy && (
                  <span className="note">{l(c.replacedBy.descriptionVi, c.replacedBy.descriptionEn)}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

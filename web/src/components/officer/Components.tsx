import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DossierComponent, StoredFile } from "../../api/types";
import { formatBytes } from "../../lib/format";
import { useL } from "../../lib/hooks";

const fileUrl = (dossierId: string, f: StoredFile) =>
  `/api/dossiers/${dossierId}/files/${encodeURIComponent(f.sha256)}`;

/** One file, inline: PDF in a frame, images as images, anything else as a link. */
function FileViewer({ dossierId, file }: { dossierId: string; file: StoredFile }) {
  const { t } = useTranslation();
  const url = fileUrl(dossierId, file);
  return (
    <figure className="file-viewer" data-testid="file-viewer" data-sha256={file.sha256} data-mime={file.mime}>
      {file.mime === "application/pdf" ? (
        <iframe src={url} title={t("officer.files.frameTitle", { name: file.filename })} />
      ) : file.mime.startsWith("image/") ? (
        <img src={url} alt={t("officer.files.imageAlt", { name: file.filename })} />
      ) : (
        <p>{t("officer.files.noPreview")}</p>
      )}
      <figcaption>
        {file.filename}{" "}
        <a href={url} target="_blank" rel="noreferrer" className="more-link" data-testid="file-open-new">
          {t("officer.files.openNew")}
        </a>
      </figcaption>
    </figure>
  );
}

/** Components: replaced by registry data (with the record behind it), uploaded (viewable), or missing. */
export function Components({ dossierId, components }: { dossierId: string; components: DossierComponent[] }) {
  const { t, i18n } = useTranslation();
  const l = useL();
  const files = components.flatMap((c) => c.files);
  const [selected, setSelected] = useState<string | null>(files[0]?.sha256 ?? null);
  const current = files.find((f) => f.sha256 === selected) ?? null;
  return (
    <section aria-labelledby="ws-comp-title" className="card">
      <h2 id="ws-comp-title">{t("officer.view.components")}</h2>
      {components.length === 0 ? (
        <p>{t("officer.view.componentsNone")}</p>
      ) : (
        <ul className="needs" data-testid="components">
          {components.map((c) => (
            <li key={c.key} className="need" data-testid={`component-${c.key}`} data-state={c.state}>
              <span className="need-name">{l(c.nameVi, c.nameEn)}</span>
              <span
                className={`badge ${c.state === "missing" ? (c.required ? "badge-bad" : "") : "badge-ok"}`}
              >
                {t(`component.${c.state}`)}
                {c.state === "missing" && !c.required ? ` — ${t("procedure.optional")}` : ""}
              </span>
              {c.state === "replaced" && c.replacedBy && (
                <span className="source" data-testid="replaced-by">
                  {c.replacedBy.fact
                    ? l(c.replacedBy.fact.descriptionVi, c.replacedBy.fact.descriptionEn)
                    : t("component.replaced")}
                  {c.replacedBy.ref && (
                    <>
                      {" "}
                      · {t("officer.view.recordRef")} <code className="mono">{c.replacedBy.ref}</code>
                    </>
                  )}
                </span>
              )}
              {c.files.length > 0 && (
                <ul className="ws-files">
                  {c.files.map((f) => (
                    <li key={f.sha256}>
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-pressed={selected === f.sha256}
                        data-testid="file-open"
                        data-sha256={f.sha256}
                        onClick={() => setSelected(f.sha256)}
                      >
                        {t("officer.files.view")}
                        <span className="sr-only">: {f.filename}</span>
                      </button>{" "}
                      <span className="ws-file-name">{f.filename}</span>{" "}
                      <span className="muted">({formatBytes(f.sizeBytes, i18n.language)})</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {current && <FileViewer dossierId={dossierId} file={current} />}
    </section>
  );
}

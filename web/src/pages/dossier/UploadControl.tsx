import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, uploadFile } from "../../api/client";
import type { DossierComponent } from "../../api/types";
import { errorText } from "../../components/Status";
import { formatBytes } from "../../lib/format";
import { useL } from "../../lib/hooks";

const DEFAULT_ACCEPT = ["application/pdf", "image/jpeg", "image/png"];

type Props = { dossierId: string; component: DossierComponent; problem?: string; onUploaded: () => void };

/** One dossier component: pick a file or take a photo; progress, state and the files already sent. */
export function UploadControl({ dossierId, component: c, problem, onUploaded }: Props) {
  const { t, i18n } = useTranslation();
  const l = useL();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const accept = c.accept ?? DEFAULT_ACCEPT;
  const base = `up-${c.key.replace(/\W/g, "-")}`;
  const name = l(c.nameVi, c.nameEn);

  const send = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setDone(null);
    if (c.maxBytes && file.size > c.maxBytes) {
      setError(t("upload.tooBig", { size: formatBytes(c.maxBytes, i18n.language) }));
      return;
    }
    if (file.type && !accept.includes(file.type)) {
      setError(t("upload.badType"));
      return;
    }
    setProgress(0);
    try {
      await uploadFile(
        `/api/dossiers/${dossierId}/components/${encodeURIComponent(c.key)}`,
        file,
        setProgress,
      );
      setDone(file.name);
      onUploaded();
    } catch (e) {
      const detail = e instanceof ApiError ? e.details[0] : undefined;
      setError(
        detail
          ? i18n.language === "en"
            ? detail.messageEn
            : detail.messageVi
          : errorText(e, i18n.language, t("upload.failed")),
      );
    } finally {
      setProgress(null);
    }
  };

  const message = error ?? problem ?? null;
  return (
    <fieldset
      className={`upload${message ? " has-error" : ""}`}
      data-testid={`component-${c.key}`}
      data-state={c.state}
    >
      <legend>
        {name}{" "}
        {c.required ? (
          <span className="req">{t("form.required")}</span>
        ) : (
          <span className="opt">{t("form.optional")}</span>
        )}
      </legend>
      <p className="help" id={`${base}-help`}>
        {t("upload.hint", { size: c.maxBytes ? formatBytes(c.maxBytes, i18n.language) : "—" })}
      </p>
      <div className="upload-buttons">
        <label className="btn file-btn" htmlFor={`${base}-file`}>
          {t("upload.choose")}
          <span className="sr-only">: {name}</span>
          <input
            id={`${base}-file`}
            type="file"
            name={c.key}
            data-testid={`upload-${c.key}`}
            accept={accept.join(",")}
            aria-describedby={`${base}-help${message ? ` ${base}-error` : ""}`}
            disabled={progress !== null}
            onChange={(e) => {
              void send(e.target.files?.[0]);
              e.target.value = "";
            }}
          />
        </label>
        <label className="btn file-btn" htmlFor={`${base}-camera`}>
          {t("upload.camera")}
          <span className="sr-only">: {name}</span>
          <input
            id={`${base}-camera`}
            type="file"
            data-testid={`camera-${c.key}`}
            accept={accept.filter((a) => a.startsWith("image/")).join(",") || "image/*"}
            capture="environment"
            disabled={progress !== null}
            onChange={(e) => {
              void send(e.target.files?.[0]);
              e.target.value = "";
            }}
          />
        </label>
      </div>
      <div aria-live="polite" className="upload-status" data-testid={`upload-status-${c.key}`}>
        {progress !== null && (
          <p>
            <label htmlFor={`${base}-progress`}>
              {t("upload.progress", { percent: Math.round(progress * 100) })}
            </label>{" "}
            <progress id={`${base}-progress`} max={1} value={progress} />
          </p>
        )}
        {done && <p className="ok">{t("upload.done", { name: done })}</p>}
      </div>
      {message && (
        <p className="field-error" id={`${base}-error`} role="alert">
          {message}
        </p>
      )}
      {c.files.length > 0 ? (
        <ul className="files">
          {c.files.map((f) => (
            <li key={f.sha256}>
              <a href={`/api/dossiers/${dossierId}/files/${f.sha256}`} target="_blank" rel="noreferrer">
                {f.filename}
              </a>{" "}
              <span className="muted">({formatBytes(f.sizeBytes, i18n.language)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("upload.none")}</p>
      )}
    </fieldset>
  );
}

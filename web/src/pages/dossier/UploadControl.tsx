import { uploadableTypes } from "@domain/files.js";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, uploadFile } from "../../api/client";
import type { DossierComponent } from "../../api/types";
import { errorText } from "../../components/Status";
import { formatBytes } from "../../lib/format";
import { useAudienceT, useL } from "../../lib/hooks";
import { needsShrinking, shrinkPhoto } from "../../lib/photo";

const DEFAULT_ACCEPT = ["application/pdf", "image/jpeg", "image/png"];

/** The ids a component's upload control uses (its file input: `${uploadIds(key)}-file`). */
export const uploadIds = (componentKey: string) => `up-${componentKey.replace(/\W/g, "-")}`;

type Props = { dossierId: string; component: DossierComponent; problem?: string; onUploaded: () => void };
type Progress = { phase: "shrinking" | "uploading"; fraction: number };

/**
 * One dossier component: pick a file or take a photo; progress, state and the files already sent.
 * A camera photo (often 2–8 MB, HEIC on iPhones) is first made a JPEG of at most 2400 px within the
 * component's limit on the phone itself (lib/photo.ts); the server judges what arrives.
 */
export function UploadControl({ dossierId, component: c, problem, onUploaded }: Props) {
  const { i18n } = useTranslation();
  const t = useAudienceT();
  const l = useL();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const accept = c.accept ?? DEFAULT_ACCEPT;
  const takes = uploadableTypes(accept);
  const base = uploadIds(c.key);
  const name = l(c.nameVi, c.nameEn);

  const send = async (picked: File | undefined) => {
    if (!picked) return;
    setError(null);
    setDone(null);
    const tooBig = () => setError(t("upload.tooBig", { size: formatBytes(c.maxBytes ?? 0, i18n.language) }));
    // Some browsers give no type for a HEIC file: the server then judges the content.
    if (picked.type && !takes.includes(picked.type)) {
      setError(t("upload.badType"));
      return;
    }
    let file = picked;
    if (needsShrinking(picked, accept)) {
      setProgress({ phase: "shrinking", fraction: 0 });
      const shrunk = await shrinkPhoto(picked, c.maxBytes ?? Number.POSITIVE_INFINITY, (fraction) =>
        setProgress({ phase: "shrinking", fraction }),
      );
      // A browser that cannot read the photo sends it as it is (the server converts HEIC).
      if (shrunk) file = shrunk;
    }
    if (c.maxBytes && file.size > c.maxBytes) {
      setProgress(null);
      tooBig();
      return;
    }
    setProgress({ phase: "uploading", fraction: 0 });
    try {
      const stored = await uploadFile<{ filename: string }>(
        `/api/dossiers/${dossierId}/components/${encodeURIComponent(c.key)}`,
        file,
        (fraction) => setProgress({ phase: "uploading", fraction }),
      );
      setDone(stored.filename);
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
            accept={[...takes, ...(takes.includes("image/heic") ? [".heic", ".heif"] : [])].join(",")}
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
          <p data-testid={`upload-progress-${c.key}`} data-phase={progress.phase}>
            <label htmlFor={`${base}-progress`}>
              {t(progress.phase === "shrinking" ? "upload.shrinking" : "upload.progress", {
                percent: Math.round(progress.fraction * 100),
              })}
            </label>{" "}
            <progress id={`${base}-progress`} max={1} value={progress.fraction} />
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

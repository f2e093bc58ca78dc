import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import type { Loaded } from "../lib/hooks";
import { loginHref } from "../session";

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      {label ?? t("common.loading")}
    </p>
  );
}

/** An API or network error in the current language; a sign-in link when the session is missing. */
export function ErrorMessage({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t, i18n } = useTranslation();
  const e = error instanceof ApiError ? error : null;
  const text = e ? (i18n.language === "en" ? e.messageEn : e.messageVi) : t("common.error");
  return (
    <div className="alert alert-error" role="alert" data-testid="error">
      <p>{text}</p>
      {e?.status === 401 && (
        <p>
          <a className="btn btn-primary" href={loginHref(location.pathname + location.search)}>
            {t("auth.signIn")}
          </a>
        </p>
      )}
      {/* Trying again helps only when the failure may pass (the network, the server, a rate limit). */}
      {retry && (!e || e.status >= 500 || e.status === 429) && (
        <button type="button" className="btn" onClick={retry}>
          {t("common.retry")}
        </button>
      )}
      {e?.status === 404 && (
        <p>
          <a className="btn" href="/">
            {t("nav.home")}
          </a>
        </p>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="empty" data-testid="empty">
      {children}
    </div>
  );
}

/** Text of an error, for inline messages. */
export function errorText(error: unknown, lang: string, fallback: string): string {
  if (!(error instanceof ApiError)) return fallback;
  const en = lang === "en";
  // A refused request says what was wrong in its details ("Chọn từ 1 đến 3 thủ tục…"): shown
  // after the general words, never dropped.
  const details =
    error.code === "VALIDATION_FAILED"
      ? [...new Set(error.details.map((d) => (en ? d.messageEn : d.messageVi)).filter((m) => m))]
      : [];
  return [en ? error.messageEn : error.messageVi, ...details].join(" ");
}

/**
 * The one way a page shows a loaded resource: the spinner until the first answer, the error with a
 * retry, then `children(data)`; a reload keeps the previous data on screen (no flash of spinner).
 */
export function LoadedView<T>({
  res,
  label,
  children,
}: {
  res: Loaded<T>;
  label?: string;
  children: (data: T) => ReactNode;
}): ReactNode {
  if (res.loading && res.data === undefined) return <Loading label={label} />;
  if (res.error) return <ErrorMessage error={res.error} retry={res.reload} />;
  return res.data === undefined ? null : children(res.data);
}

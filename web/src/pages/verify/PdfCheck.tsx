import { useState } from "react";
import { useTranslation } from "react-i18next";
import { request } from "../../api/client";
import type { PdfCheck as PdfCheckT } from "../../api/types";
import { errorText } from "../../components/Status";

/** Check a downloaded PDF: is it exactly the document the platform issued? */
export function PdfCheck() {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PdfCheckT | null>(null);
  const [error, setError] = useState<unknown>(null);
  const check = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      setResult(
        await request<PdfCheckT>("POST", "/api/results/verify", file, {
          headers: { "content-type": "application/pdf" },
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const reason = result ? (i18n.language === "en" ? result.reasonEn : result.reasonVi) : undefined;
  return (
    <section aria-labelledby="pdf-title" className="card">
      <h2 id="pdf-title">{t("verify.pdfTitle")}</h2>
      <p className="help" id="pdf-help">
        {t("verify.pdfHelp")}
      </p>
      <label className="btn file-btn" htmlFor="verify-file">
        {t("verify.pdfChoose")}
        <input
          id="verify-file"
          data-testid="verify-file"
          type="file"
          accept="application/pdf"
          aria-describedby="pdf-help"
          disabled={busy}
          onChange={(e) => {
            void check(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </label>
      <div aria-live="polite" data-testid="verify-pdf-status">
        {busy && <p>{t("verify.checking")}</p>}
        {result && (
          <div
            className={`card verdict ${result.valid ? "verdict-ok" : "verdict-bad"}`}
            data-testid="verify-pdf-result"
            data-valid={String(result.valid)}
          >
            <p className="verdict-title">
              {result.valid ? t("verify.pdfValid", { number: result.number ?? "" }) : t("verify.pdfInvalid")}
            </p>
            {reason && <p>{reason}</p>}
          </div>
        )}
        {error ? (
          <p className="alert alert-error" role="alert">
            {errorText(error, i18n.language, t("common.error"))}
          </p>
        ) : null}
      </div>
    </section>
  );
}

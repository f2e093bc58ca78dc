import { useState } from "react";
import { useTranslation } from "react-i18next";
import { request } from "../../api/client";
import type { Verification } from "../../api/types";
import { errorText } from "../../components/Status";
import { ResultCard } from "./ResultCard";

/** Check a downloaded PDF: is it exactly the document the platform issued? */
export function PdfCheck() {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const check = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      setResult(
        await request<Verification>("POST", "/api/results/verify", file, {
          headers: { "content-type": "application/pdf" },
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
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
          <ResultCard
            r={result}
            testId="verify-pdf-result"
            title={result.valid ? t("verify.pdfValid", { number: result.number }) : t("verify.pdfInvalid")}
          />
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

import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError, api } from "../api/client";
import type { Verification } from "../api/types";
import { ErrorMessage, Loading } from "../components/Status";
import { useLoad, useTitle } from "../lib/hooks";
import { PdfCheck } from "./verify/PdfCheck";
import { ResultCard } from "./verify/ResultCard";

/** Public: anyone (a bank, a school) checks that a result is genuine, by its number or its PDF. */
export default function Verify() {
  const { number = "" } = useParams();
  // The verification code printed in the result's QR link: with it, the full facts; without, genuine and type only.
  const [search] = useSearchParams();
  const code = search.get("t");
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [input, setInput] = useState(number);
  useEffect(() => setInput(number), [number]);
  useTitle(t("verify.title"));
  const res = useLoad(
    (signal) =>
      number
        ? api.get<Verification>(
            `/api/results/${encodeURIComponent(number)}${code ? `?t=${encodeURIComponent(code)}` : ""}`,
            { signal },
          )
        : Promise.resolve(null),
    [number, code],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = input.trim();
    if (n) navigate(`/xac-minh/${encodeURIComponent(n)}`);
  };
  const notFound = res.error instanceof ApiError && res.error.status === 404;
  return (
    <section>
      <h1>{t("verify.title")}</h1>
      <p className="lead">{t("verify.intro")}</p>
      <form className="card" onSubmit={submit} data-testid="verify-form">
        <div className="field">
          <label htmlFor="verify-number">{t("verify.numberLabel")}</label>
          <p className="help" id="verify-number-help">
            {t("verify.numberHelp")}
          </p>
          <input
            id="verify-number"
            data-testid="verify-input"
            value={input}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="verify-number-help"
            onChange={(e) => setInput(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary" data-testid="verify-submit">
          {t("verify.check")}
        </button>
      </form>
      <div aria-live="polite">
        {number && res.loading && <Loading label={t("verify.checking")} />}
        {notFound && (
          <p
            className="card verdict verdict-bad"
            data-testid="verify-result"
            data-valid="false"
            role="status"
          >
            {t("verify.notFound", { number })}
          </p>
        )}
        {res.error && !notFound ? <ErrorMessage error={res.error} retry={res.reload} /> : null}
        {res.data && <ResultCard r={res.data} testId="verify-result" />}
      </div>
      <PdfCheck />
    </section>
  );
}

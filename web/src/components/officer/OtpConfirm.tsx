import { OTP_LENGTH } from "@domain/inputs.js";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { OtpSent } from "../../api/types";
import { apiMessage } from "./apiMessage";
import { DemoSmsHint } from "./DemoSms";

/** The citizen confirms an on-behalf filing by reading out the code sent to the phone on file. */
export function OtpConfirm({ dossierId, onConfirmed }: { dossierId: string; onConfirmed: () => void }) {
  const { t, i18n } = useTranslation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState<"send" | "verify" | null>(null);
  const [error, setError] = useState<unknown>(null);

  const send = async () => {
    setBusy("send");
    setError(null);
    try {
      const r = await api.post<OtpSent>(`/api/dossiers/${dossierId}/otp`);
      setSentTo(r.sentTo);
      requestAnimationFrame(() => document.getElementById("otp-code")?.focus());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const verify = async (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) {
      setError(t("officer.otp.codeMissing"));
      document.getElementById("otp-code")?.focus();
      return;
    }
    setBusy("verify");
    setError(null);
    try {
      await api.post(`/api/dossiers/${dossierId}/otp/verify`, { code: code.trim() });
      onConfirmed();
    } catch (err) {
      setError(err);
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="otp-title" className="card" data-testid="otp">
      <h2 id="otp-title">{t("officer.otp.title")}</h2>
      <p>{t("officer.otp.intro")}</p>
      <button
        type="button"
        className={`btn ${sentTo ? "" : "btn-primary"}`}
        data-testid="otp-send"
        disabled={busy !== null}
        aria-busy={busy === "send"}
        onClick={() => void send()}
      >
        {busy === "send" ? t("common.sending") : sentTo ? t("officer.otp.resend") : t("officer.otp.send")}
      </button>
      <p role="status" className={sentTo ? "banner banner-info" : "sr-only"} data-testid="otp-sent">
        {sentTo ? t("officer.otp.sent", { phone: sentTo }) : ""}
      </p>
      <form onSubmit={(e) => void verify(e)} noValidate className="ws-otp">
        <div className="field">
          <label htmlFor="otp-code">{t("officer.otp.codeLabel")}</label>
          <input
            id="otp-code"
            data-testid="otp-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={OTP_LENGTH}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
            aria-describedby="otp-code-help"
          />
          <p id="otp-code-help" className="help">
            {t("officer.otp.codeHelp")}
          </p>
        </div>
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="otp-verify"
          disabled={busy !== null}
          aria-busy={busy === "verify"}
        >
          {busy === "verify" ? t("common.sending") : t("officer.otp.verify")}
        </button>
      </form>
      <div aria-live="assertive">
        {error ? (
          <p className="alert alert-error" role="alert" data-testid="otp-error">
            {apiMessage(error, i18n.language, t("common.error"))}
          </p>
        ) : null}
      </div>
      <DemoSmsHint />
    </section>
  );
}

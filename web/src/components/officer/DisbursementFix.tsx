import { ACCOUNT_NUMBER_PATTERN } from "@domain/allowances.js";
import { TEXT_LIMITS } from "@domain/inputs.js";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { Disbursement } from "../../api/types";
import { formatMoney } from "../../lib/format";
import { apiMessage } from "./apiMessage";

/**
 * A flagged allowance transfer, for the paying agency's officer: the account (and bank) the
 * beneficiary gave them, or nothing to send the same account again, and the reason (audited:
 * `POST /api/dossiers/:id/disbursement/resend`). Money moves again only on a second tap: the form
 * first asks, in the page, which account gets how much and why. The transfer's checks run again
 * before money moves.
 */
export function DisbursementFix({
  dossierId,
  disbursement,
  onDone,
}: {
  dossierId: string;
  disbursement: Disbursement;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [account, setAccount] = useState("");
  const [bank, setBank] = useState("");
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!confirming) {
      setError(null);
      setConfirming(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/dossiers/${dossierId}/disbursement/resend`, {
        ...(account.trim() ? { accountNumber: account.trim() } : {}),
        ...(bank.trim() ? { bank: bank.trim() } : {}),
        reason: reason.trim(),
      });
      setConfirming(false);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="disbursement-fix" data-testid="disbursement-fix" onSubmit={(e) => void submit(e)}>
      <h3>{t("disbursement.fix.title")}</h3>
      <div className="field">
        <label htmlFor="fix-account">{t("disbursement.fix.account")}</label>
        <input
          id="fix-account"
          data-testid="fix-account"
          inputMode="numeric"
          autoComplete="off"
          pattern={ACCOUNT_NUMBER_PATTERN.source.replace(/^\^|\$$/g, "")}
          value={account}
          onChange={(e) => setAccount(e.target.value)}
          aria-describedby="fix-account-help"
        />
        <p id="fix-account-help" className="help">
          {t("disbursement.fix.accountHelp")}
        </p>
      </div>
      <div className="field">
        <label htmlFor="fix-bank">{t("disbursement.fix.bank")}</label>
        <input id="fix-bank" data-testid="fix-bank" value={bank} onChange={(e) => setBank(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="fix-reason">{t("disbursement.fix.reason")}</label>
        <textarea
          id="fix-reason"
          data-testid="fix-reason"
          required
          rows={3}
          maxLength={TEXT_LIMITS.reason}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      {confirming ? (
        <div className="confirm" data-testid="fix-confirm">
          <p>
            {t(account.trim() ? "disbursement.fix.confirmNew" : "disbursement.fix.confirmSame", {
              amount: formatMoney(disbursement.amount, i18n.language),
              account: account.trim() || disbursement.account,
              reason: reason.trim(),
            })}
          </p>
          <button type="submit" className="btn btn-primary" data-testid="fix-confirm-yes" disabled={busy}>
            {busy ? t("common.sending") : t("disbursement.fix.submit")}
          </button>{" "}
          <button type="button" className="btn" data-testid="fix-keep" onClick={() => setConfirming(false)}>
            {t("disbursement.fix.keep")}
          </button>
        </div>
      ) : (
        <button type="submit" className="btn btn-primary" data-testid="fix-submit">
          {t("disbursement.fix.submit")}
        </button>
      )}
      <div aria-live="assertive">
        {error ? (
          <p className="alert alert-error" role="alert">
            {apiMessage(error, i18n.language, t("common.error"))}
          </p>
        ) : null}
      </div>
    </form>
  );
}

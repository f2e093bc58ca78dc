import { useTranslation } from "react-i18next";
import type { Disbursement } from "../api/types";
import { formatDateTime, formatMoney } from "../lib/format";
import { useAudienceT } from "../lib/hooks";

const TONE: Record<Disbursement["state"], string> = {
  pending: "badge badge-info",
  retrying: "badge badge-warn",
  paid: "badge badge-ok",
  flagged: "badge badge-bad",
};

/**
 * An allowance paid to a bank account, in plain words: amount, account (last digits), and where
 * the transfer stands (pending, retried, paid with the bank's reference, or stopped and why).
 * Shown on the citizen's group page (told to the beneficiary: "your account") and the officer's
 * dossier page (told to the officer, about the beneficiary: the keys' `_officer` variants).
 */
export function DisbursementStatus({ d }: { d: Disbursement }) {
  const { i18n } = useTranslation();
  // In the workspace a key's `_officer` variant speaks of the beneficiary (useAudienceT).
  const t = useAudienceT();
  const say = (key: string, values?: Record<string, unknown>) => t(`disbursement.${key}`, values);
  const why = d.lastError && i18n.exists(`disbursement.why.${d.lastError}`) ? d.lastError : "other";
  const words =
    d.state === "paid"
      ? say("paid", { date: formatDateTime(d.paidAt, i18n.language), ref: d.bankRef ?? "" })
      : d.state === "flagged"
        ? say("flagged", { why: say(`why.${why}`) })
        : d.state === "retrying"
          ? say("retrying", { n: d.attempts })
          : say("pending");
  return (
    <div className="disbursement" data-testid="disbursement" data-state={d.state}>
      <h3>{say("title")}</h3>
      <p>
        {t("disbursement.amount", { amount: formatMoney(d.amount, i18n.language) })}
        {d.monthlyAmount > 0 && (
          <> · {t("disbursement.monthly", { amount: formatMoney(d.monthlyAmount, i18n.language) })}</>
        )}
      </p>
      <p>{t("disbursement.account", { account: d.account, bank: d.bank })}</p>
      <p>
        <span className={TONE[d.state]} data-testid="disbursement-words">
          {words}
        </span>
      </p>
    </div>
  );
}

import { useTranslation } from "react-i18next";
import type { Disbursement } from "../api/types";
import { formatDateTime, formatMoney } from "../lib/format";

const TONE: Record<Disbursement["state"], string> = {
  pending: "badge badge-info",
  retrying: "badge badge-warn",
  paid: "badge badge-ok",
  flagged: "badge badge-bad",
};

/**
 * An allowance paid to a bank account, in plain words: amount, account (last digits), and where
 * the transfer stands (pending, retried, paid with the bank's reference, or stopped and why).
 * Shown on the citizen's group page and the officer's dossier page.
 */
export function DisbursementStatus({ d }: { d: Disbursement }) {
  const { t, i18n } = useTranslation();
  const why = d.lastError && i18n.exists(`disbursement.why.${d.lastError}`) ? d.lastError : "other";
  const words =
    d.state === "paid"
      ? t("disbursement.paid", { date: formatDateTime(d.paidAt, i18n.language), ref: d.bankRef ?? "" })
      : d.state === "flagged"
        ? t("disbursement.flagged", { why: t(`disbursement.why.${why}`) })
        : d.state === "retrying"
          ? t("disbursement.retrying", { n: d.attempts })
          : t("disbursement.pending");
  return (
    <div className="disbursement" data-testid="disbursement" data-state={d.state}>
      <h3>{t("disbursement.title")}</h3>
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

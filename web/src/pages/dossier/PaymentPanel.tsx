import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client";
import type { Dossier, Payment } from "../../api/types";
import { ErrorMessage, Loading } from "../../components/Status";
import { formatDateTime, formatMoney } from "../../lib/format";
import { useLoad } from "../../lib/hooks";
import { QrImage } from "./QrImage";

/**
 * The fee: what is still owed (VietQR for exactly that, bank details, the demo bank) while the
 * dossier can take it; the receipt once paid; money received that will be refunded, and why. A
 * spouse's request into a household: nothing to pay until its head agrees (`awaiting_consent`),
 * nothing charged when the head refused.
 */
export function PaymentPanel({ dossier }: { dossier: Dossier }) {
  const { t, i18n } = useTranslation();
  const needed = dossier.paymentStatus !== "not_required";
  const res = useLoad(
    (signal) =>
      needed ? api.get<Payment>(`/api/dossiers/${dossier.id}/payment`, { signal }) : Promise.resolve(null),
    [dossier.id, dossier.status, dossier.log.length, needed],
  );
  if (res.loading && !res.data) return <Loading label={t("payment.loading")} />;
  if (res.error instanceof ApiError && res.error.status === 404) return null;
  if (res.error) return <ErrorMessage error={res.error} retry={res.reload} />;
  const p = res.data;
  if (!p || p.status === "not_required") return null;
  const amount = formatMoney(p.amount, i18n.language);
  const owed = formatMoney(p.owed, i18n.language);
  const money = (n: number) => formatMoney(n, i18n.language);
  const refunds = p.transfers.filter((x) => x.refundAmount > 0);
  return (
    <section
      aria-labelledby="pay-title"
      className="card payment"
      data-testid="payment"
      data-status={p.status}
    >
      <h2 id="pay-title">{t("payment.title")}</h2>
      {p.status === "awaiting_consent" ? (
        <p className="banner banner-info" data-testid="payment-awaiting-consent">
          {t("payment.awaitingConsent", { amount })}
        </p>
      ) : p.status === "closed" ? (
        <p className="banner banner-info" data-testid="payment-closed">
          {dossier.headConsent?.refusal && p.transfers.length === 0
            ? t("payment.headRefused")
            : t("payment.closed")}
        </p>
      ) : p.status === "paid" ? (
        <>
          <p className="banner banner-ok" data-testid="payment-paid">
            {t("payment.paid", { amount, at: formatDateTime(p.paidAt, i18n.language) })}
          </p>
          {p.receiptUrl && (
            <a
              className="btn"
              href={p.receiptUrl}
              data-testid="receipt-link"
              target="_blank"
              rel="noreferrer"
            >
              {t("payment.receipt")}
            </a>
          )}
        </>
      ) : (
        <>
          <p className="banner banner-warn" data-testid="payment-due">
            {p.received > 0
              ? t("payment.dueRest", { amount, received: money(p.received), owed })
              : t("payment.due", { amount })}
          </p>
          {p.vietqr && (
            <div className="vietqr">
              <QrImage
                payload={p.vietqr.payload}
                alt={t("payment.qrAlt", {
                  amount: money(p.vietqr.amount),
                  bank: p.vietqr.bankName,
                  account: p.vietqr.accountNumber,
                })}
              />
              <p className="help">{t("payment.qrHelp")}</p>
              <dl className="facts">
                <div>
                  <dt>{t("payment.bank")}</dt>
                  <dd>{p.vietqr.bankName}</dd>
                </div>
                <div>
                  <dt>{t("payment.account")}</dt>
                  <dd data-testid="pay-account">{p.vietqr.accountNumber}</dd>
                </div>
                <div>
                  <dt>{t("payment.accountName")}</dt>
                  <dd>{p.vietqr.accountName}</dd>
                </div>
                <div>
                  <dt>{t("payment.amount")}</dt>
                  <dd data-testid="pay-amount">{money(p.vietqr.amount)}</dd>
                </div>
                <div>
                  <dt>{t("payment.content")}</dt>
                  <dd data-testid="pay-content">{p.vietqr.content}</dd>
                </div>
              </dl>
            </div>
          )}
          {p.demoBankUrl && (
            <a className="btn btn-primary btn-big" href={p.demoBankUrl} data-testid="pay-link">
              {t("payment.demoBank")}
            </a>
          )}
        </>
      )}
      {refunds.length > 0 && (
        <div className="refunds" data-testid="payment-refunds">
          <p className={`banner ${p.refundDue > 0 ? "banner-warn" : "banner-ok"}`}>
            {p.refundDue > 0
              ? t("payment.refundDue", { amount: money(p.refundDue) })
              : t("payment.refundedAll")}
          </p>
          <ul>
            {refunds.map((x) => (
              <li key={x.id} data-testid="payment-refund">
                {t(`payment.refundReason.${x.refundReason ?? "overpaid"}`, {
                  amount: money(x.refundAmount),
                  ref: x.bankRef,
                })}{" "}
                {x.refundedAt
                  ? t("payment.refundedOn", {
                      at: formatDateTime(x.refundedAt, i18n.language),
                      ref: x.refundRef,
                    })
                  : null}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

import { REFUND_VIEWERS } from "@domain/principal.js";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError, api } from "../../api/client";
import type { OfficerDossier, Payment } from "../../api/types";
import { formatDateTime, formatMoney } from "../../lib/format";
import { useLoad } from "../../lib/hooks";
import { ErrorMessage, Loading } from "../Status";
import { useOfficer } from "./useOfficer";

/**
 * The fee: amount, whether it is paid (or what is still owed), every bank transfer received, and
 * money owed back to the payer (overpaid, paid twice, paid after the dossier closed), with a link
 * to the refund queue. A spouse's request into a household: the fee waits for its head's consent.
 */
export function FeePanel({ dossier }: { dossier: OfficerDossier }) {
  const { t, i18n } = useTranslation();
  const officer = useOfficer();
  const needed = dossier.paymentStatus !== "not_required" && (dossier.feeAmount ?? 0) > 0;
  const res = useLoad(
    (signal) =>
      needed ? api.get<Payment>(`/api/dossiers/${dossier.id}/payment`, { signal }) : Promise.resolve(null),
    [dossier.id, dossier.status, dossier.log.length, needed],
  );
  const p = res.data;
  const status = p?.status ?? dossier.paymentStatus ?? (needed ? "unpaid" : "not_required");
  const amount = p?.amount ?? dossier.feeAmount ?? 0;
  const money = (n: number) => formatMoney(n, i18n.language);
  const badge = status === "paid" || status === "closed" || status === "awaiting_consent" ? status : "unpaid";
  return (
    <section
      aria-labelledby="ws-fee-title"
      className="card"
      data-testid="ws-fee"
      data-status={status}
      data-refund-due={p?.refundDue ?? 0}
    >
      <h2 id="ws-fee-title">{t("officer.fee.title")}</h2>
      {res.loading && !p && needed ? (
        <Loading />
      ) : res.error && !(res.error instanceof ApiError && res.error.status === 404) ? (
        <ErrorMessage error={res.error} retry={res.reload} />
      ) : status === "not_required" ? (
        <p>{t("officer.fee.none")}</p>
      ) : (
        <>
          <p>
            {t("officer.fee.amount")} <strong>{money(amount)}</strong>{" "}
            <span className={`badge ${badge === "paid" ? "badge-ok" : "badge-warn"}`}>
              {t(`officer.fee.${badge}`)}
            </span>
          </p>
          {status === "awaiting_consent" && (
            <p className="muted" data-testid="ws-fee-awaiting-consent">
              {t("officer.fee.awaitingConsent")}
            </p>
          )}
          {p && p.status === "unpaid" && p.received > 0 && (
            <p data-testid="ws-fee-owed">
              {t("officer.fee.received")} {money(p.received)} · {t("officer.fee.owed")}{" "}
              <strong>{money(p.owed)}</strong>
            </p>
          )}
          {p?.paidAt && (
            <p className="muted">
              {t("officer.fee.paidAt", { at: formatDateTime(p.paidAt, i18n.language) })}
            </p>
          )}
          {p && p.refundDue > 0 && (
            <p className="banner banner-warn" data-testid="ws-fee-refund">
              {t("officer.fee.refundDue", { amount: money(p.refundDue) })}
            </p>
          )}
          {p && p.transfers.length > 0 && (
            <>
              <h3 className="h-small">{t("officer.fee.transfers")}</h3>
              <ul className="ws-transfers" data-testid="ws-fee-transfers">
                {p.transfers.map((x) => (
                  <li key={x.id}>
                    <span className="mono">
                      {t("officer.fee.transfer", { ref: x.bankRef, amount: money(x.amount) })}
                    </span>
                    {" — "}
                    {[
                      x.applied > 0 ? t("officer.fee.applied", { amount: money(x.applied) }) : null,
                      x.refundAmount > 0
                        ? `${t("officer.fee.refund", { amount: money(x.refundAmount) })} (${t(
                            `officer.fee.reason.${x.refundReason ?? "overpaid"}`,
                          )}${x.refundedAt ? `, ${t("officer.fee.refunded")}` : ""})`
                        : null,
                    ]
                      .filter(Boolean)
                      .join("; ")}
                  </li>
                ))}
              </ul>
            </>
          )}
          {p && p.refundDue > 0 && REFUND_VIEWERS.includes(officer.role) && (
            <Link to="/can-bo/hoan-tien">{t("officer.fee.queueLink")}</Link>
          )}
          {p?.receiptUrl && (
            <a href={p.receiptUrl} target="_blank" rel="noreferrer">
              {t("payment.receipt")}
            </a>
          )}
        </>
      )}
    </section>
  );
}

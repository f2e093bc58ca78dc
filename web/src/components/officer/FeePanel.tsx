import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client";
import type { OfficerDossier, Payment } from "../../api/types";
import { formatDateTime, formatMoney } from "../../lib/format";
import { useLoad } from "../../lib/hooks";
import { ErrorMessage, Loading } from "../Status";

/** The fee and whether it is paid. */
export function FeePanel({ dossier }: { dossier: OfficerDossier }) {
  const { t, i18n } = useTranslation();
  const needed = dossier.paymentStatus !== "not_required" && (dossier.feeAmount ?? 0) > 0;
  const res = useLoad(
    (signal) =>
      needed ? api.get<Payment>(`/api/dossiers/${dossier.id}/payment`, { signal }) : Promise.resolve(null),
    [dossier.id, dossier.status, dossier.log.length, needed],
  );
  const p = res.data;
  const status = p?.status ?? dossier.paymentStatus ?? (needed ? "unpaid" : "not_required");
  const amount = p?.amount ?? dossier.feeAmount ?? 0;
  return (
    <section aria-labelledby="ws-fee-title" className="card" data-testid="ws-fee" data-status={status}>
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
            {t("officer.fee.amount")} <strong>{formatMoney(amount, i18n.language)}</strong>{" "}
            <span className={`badge ${status === "paid" ? "badge-ok" : "badge-warn"}`}>
              {t(`officer.fee.${status === "paid" ? "paid" : "unpaid"}`)}
            </span>
          </p>
          {p?.paidAt && (
            <p className="muted">
              {t("officer.fee.paidAt", { at: formatDateTime(p.paidAt, i18n.language) })}
            </p>
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

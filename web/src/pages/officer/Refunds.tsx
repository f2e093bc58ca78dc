import { TEXT_LIMITS } from "@domain/inputs.js";
import { REFUNDERS } from "@domain/principal.js";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client";
import type { RefundItem, RefundQueue } from "../../api/types";
import { TableWrap } from "../../components/officer/TableWrap";
import { Tabs } from "../../components/officer/Tabs";
import { useOfficer } from "../../components/officer/useOfficer";
import { Empty, errorText, LoadedView } from "../../components/Status";
import { formatDateTime, formatMoney } from "../../lib/format";
import { useLoad, useTitle } from "../../lib/hooks";

/** Records one refund: the bank's reference of the transfer back to the payer. */
function RecordRefund({ item, onDone }: { item: RefundItem; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const [ref, setRef] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = `refund-ref-${item.id}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/officer/refunds/${item.id}`, { refundRef: ref.trim() });
      onDone(
        t("officer.refunds.recorded", {
          amount: formatMoney(item.refundAmount, i18n.language),
          ref: item.bankRef,
        }),
      );
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} data-testid="refund-form">
      <label htmlFor={id}>{t("officer.refunds.refundRef")}</label>
      <input
        id={id}
        value={ref}
        onChange={(e) => setRef(e.target.value)}
        required
        maxLength={TEXT_LIMITS.bankRef}
        autoComplete="off"
      />
      <button type="submit" className="btn" disabled={busy || ref.trim() === ""} aria-busy={busy}>
        {t("officer.refunds.record")}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {errorText(error, i18n.language, t("common.error"))}
        </p>
      ) : null}
    </form>
  );
}

/** The refund queue of the officer's jurisdiction: money owed back to payers, and refunds made. */
export default function Refunds() {
  const { t, i18n } = useTranslation();
  const officer = useOfficer();
  useTitle(t("officer.refunds.title"));
  const [status, setStatus] = useState<"due" | "done">("due");
  const [notice, setNotice] = useState<string | null>(null);
  const res = useLoad(
    (signal) => api.get<RefundQueue>(`/api/officer/refunds?status=${status}&limit=200`, { signal }),
    [status],
  );
  const canRecord = REFUNDERS.includes(officer.role);
  const money = (n: number) => formatMoney(n, i18n.language);
  return (
    <section aria-labelledby="refunds-title" className="ws-refunds" data-testid="refunds">
      <h1 id="refunds-title">{t("officer.refunds.title")}</h1>
      <p>{t("officer.refunds.intro")}</p>
      <Tabs
        values={["due", "done"] as const}
        current={status}
        onChange={setStatus}
        label={(s) => t(`officer.refunds.${s}`)}
        testId={(s) => `refunds-${s}`}
      />
      <div aria-live="polite">
        {notice && (
          <p className="banner banner-ok" data-testid="refund-recorded">
            {notice}
          </p>
        )}
      </div>
      <LoadedView res={res}>
        {(q) => (
          <>
            <p data-testid="refunds-total" data-total-due={q.totalDue}>
              {t("officer.refunds.totalDue", {
                amount: money(q.totalDue),
                count: status === "due" ? q.total : 0,
              })}
            </p>
            {q.items.length === 0 ? (
              <Empty>
                <p>{t("officer.refunds.empty")}</p>
              </Empty>
            ) : (
              <TableWrap labelledBy="refunds-title">
                <table className="ws-table" data-testid="refunds-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("officer.refunds.col.dossier")}</th>
                      <th scope="col">{t("officer.refunds.col.payer")}</th>
                      <th scope="col">{t("officer.refunds.col.transfer")}</th>
                      <th scope="col">{t("officer.refunds.col.received")}</th>
                      <th scope="col">{t("officer.refunds.col.amount")}</th>
                      <th scope="col">{t("officer.refunds.col.reason")}</th>
                      <th scope="col">{t("officer.refunds.col.refund")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {q.items.map((x) => (
                      <tr key={x.id} data-testid="refund-row" data-ref={x.bankRef}>
                        <th scope="row">
                          <Link to={`/can-bo/ho-so/${x.dossierId}`} className="mono-code">
                            {x.dossierCode ?? x.dossierId}
                          </Link>
                        </th>
                        <td>{x.payerName}</td>
                        <td className="mono">
                          {x.bankRef}
                          <span className="note">{x.transferContent}</span>
                        </td>
                        <td>{formatDateTime(x.receivedAt, i18n.language)}</td>
                        <td data-testid="refund-amount">{money(x.refundAmount)}</td>
                        <td>{t(`officer.fee.reason.${x.refundReason ?? "overpaid"}`)}</td>
                        <td>
                          {x.refundedAt ? (
                            t("officer.refunds.refundedOn", {
                              at: formatDateTime(x.refundedAt, i18n.language),
                              ref: x.refundRef,
                              by: x.refundedBy,
                            })
                          ) : canRecord ? (
                            <RecordRefund
                              item={x}
                              onDone={(m) => {
                                setNotice(m);
                                res.reload();
                              }}
                            />
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </>
        )}
      </LoadedView>
    </section>
  );
}

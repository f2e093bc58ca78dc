import { QUEUE_VIEWS, type QueueView } from "@domain/delivery.js";
import { DELIVERY_REASON_MIN, TEXT_LIMITS } from "@domain/inputs.js";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { OutboxItem, QueueList } from "../../api/types";
import { apiMessage } from "../../components/officer/apiMessage";
import { TableWrap } from "../../components/officer/TableWrap";
import { Tabs } from "../../components/officer/Tabs";
import { Pager } from "../../components/Pager";
import { Empty, LoadedView } from "../../components/Status";
import { formatDateTime } from "../../lib/format";
import { useLoad, useTitle } from "../../lib/hooks";

const PAGE = 25;

/** Retry or discard one message, with the reason the audit log keeps. */
function Decide({ item, onDone }: { item: OutboxItem; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const key = `${item.provinceCode}-${item.id}`;
  const run = async (e: FormEvent, action: "retry" | "discard") => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/admin/outbox/${action}`, {
        provinceCode: item.provinceCode,
        id: item.id,
        reason: reason.trim(),
      });
      onDone(t(`officer.outbox.${action}Done`, { id: key }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const ready = reason.trim().length >= DELIVERY_REASON_MIN && !busy;
  return (
    <form className="inline-form" onSubmit={(e) => void run(e, "retry")} data-testid="outbox-decide">
      <label htmlFor={`reason-${key}`}>{t("officer.outbox.reason")}</label>
      <input
        id={`reason-${key}`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        minLength={DELIVERY_REASON_MIN}
        maxLength={TEXT_LIMITS.deliveryReason}
        required
        autoComplete="off"
        aria-describedby={`reason-help-${key}`}
      />
      <span id={`reason-help-${key}`} className="note">
        {t("officer.outbox.reasonHelp", { min: DELIVERY_REASON_MIN })}
      </span>
      <button type="submit" className="btn btn-primary" disabled={!ready} data-testid="outbox-retry">
        {t("officer.outbox.retry")}
      </button>
      <button
        type="button"
        className="btn"
        disabled={!ready}
        onClick={(e) => void run(e, "discard")}
        data-testid="outbox-discard"
      >
        {t("officer.outbox.discard")}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {apiMessage(error, i18n.language, t("common.error"))}
        </p>
      ) : null}
    </form>
  );
}

/** The administrator's delivery queue: messages waiting, failing and dead, and what to do with one. */
export default function Outbox() {
  const { t, i18n } = useTranslation();
  useTitle(t("officer.outbox.title"));
  const [view, setView] = useState<QueueView>("dead");
  const [offset, setOffset] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const res = useLoad(
    (signal) =>
      api.get<QueueList>(`/api/admin/outbox?view=${view}&limit=${PAGE}&offset=${offset}`, { signal }),
    [view, offset],
  );
  const q = res.data;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : "—");
  return (
    <section aria-labelledby="outbox-title" className="ws-outbox" data-testid="outbox">
      <h1 id="outbox-title">{t("officer.outbox.title")}</h1>
      <p>{t("officer.outbox.intro")}</p>
      <Tabs
        values={QUEUE_VIEWS}
        current={view}
        onChange={(v) => {
          setView(v);
          setOffset(0);
        }}
        label={(v) => `${t(`officer.outbox.view.${v}`)}${q ? ` (${q.counts[v]})` : ""}`}
        testId={(v) => `outbox-${v}`}
      />
      <div aria-live="polite">
        {notice && (
          <p className="banner banner-ok" data-testid="outbox-notice">
            {notice}
          </p>
        )}
      </div>
      <LoadedView res={res}>
        {(q) =>
          q.items.length === 0 ? (
            <Empty>
              <p>{t(`officer.outbox.empty.${view}`)}</p>
            </Empty>
          ) : (
            <>
              <TableWrap labelledBy="outbox-title">
                <table className="ws-table" data-testid="outbox-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("officer.outbox.col.topic")}</th>
                      <th scope="col">{t("officer.outbox.col.dossier")}</th>
                      <th scope="col">{t("officer.outbox.col.attempts")}</th>
                      <th scope="col">{t("officer.outbox.col.created")}</th>
                      <th scope="col">{t("officer.outbox.col.next")}</th>
                      <th scope="col">{t("officer.outbox.col.error")}</th>
                      <th scope="col">{t("officer.outbox.col.decide")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {q.items.map((x) => (
                      <tr key={`${x.provinceCode}-${x.id}`} data-testid="outbox-row" data-id={x.id}>
                        <th scope="row">
                          <code className="mono">{x.topic}</code>
                          <span className="note">
                            {t("officer.outbox.messageId", { province: x.provinceCode, id: x.id })}
                          </span>
                        </th>
                        <td className="mono-code">{x.dossierCode ?? "—"}</td>
                        <td>{x.attempts}</td>
                        <td>{when(x.createdAt)}</td>
                        <td>
                          {x.view === "dead" || x.view === "discarded"
                            ? t("officer.outbox.never")
                            : when(x.nextAttemptAt)}
                        </td>
                        <td className="outbox-error">{x.lastError ?? "—"}</td>
                        <td>
                          {x.view === "discarded" ? (
                            <p data-testid="outbox-discarded">
                              {t("officer.outbox.discardedBy", {
                                by: x.discardedBy ?? "—",
                                at: when(x.discardedAt),
                              })}
                              <br />
                              {t("officer.outbox.discardedWhy", { reason: x.discardReason ?? "—" })}
                            </p>
                          ) : x.view === "pending" ? (
                            <span className="muted">{t("officer.outbox.inProgress")}</span>
                          ) : (
                            <Decide
                              item={x}
                              onDone={(m) => {
                                setNotice(m);
                                res.reload();
                              }}
                            />
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              <Pager list={q} offset={offset} pageSize={PAGE} onPage={setOffset} />
            </>
          )
        }
      </LoadedView>
    </section>
  );
}

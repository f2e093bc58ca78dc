import { MESSAGE_LABELS } from "@domain/message-labels.js";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { AccessEntry, AccessLog as AccessLogPage } from "../../api/types";
import { Pager } from "../../components/Pager";
import { Empty, ErrorMessage, Loading } from "../../components/Status";
import { formatDateTime } from "../../lib/format";
import { useLoad } from "../../lib/hooks";

const PAGE = 20;

function messageLabel(type: string, lang: string): string {
  const label = (MESSAGE_LABELS as Record<string, { vi: string; en: string } | undefined>)[type];
  return label ? (lang === "en" ? label.en : label.vi) : type;
}

/**
 * "Ai đã xem dữ liệu của tôi": who read my data, when, why, on what legal basis, which fields;
 * repeated reads are one line with how many times and since when (the server collapses them).
 * An exchange between agencies (actorKind "agency") names the office that received the data,
 * the dossier it was about and the kind of message.
 */
export function AccessLog() {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const res = useLoad(
    (signal) => api.get<AccessLogPage>(`/api/me/access-log?limit=${PAGE}&offset=${offset}`, { signal }),
    [offset],
  );
  const total = res.data?.total ?? 0;
  const actor = (e: AccessEntry) => {
    const role = e.actorRole
      ? t(`role.${e.actorRole}`, { defaultValue: e.actorRole })
      : t(`actorKind.${e.actorKind}`, { defaultValue: e.actorKind });
    return e.actorName ? `${e.actorName} (${role})` : `${role} ${e.actorId}`;
  };
  return (
    <section aria-labelledby="access-title" className="card" data-testid="access-log">
      <h2 id="access-title">{t("access.title")}</h2>
      <p className="help">{t("access.intro")}</p>
      <div aria-live="polite" aria-busy={res.loading}>
        {res.loading && <Loading />}
      </div>
      {res.error ? <ErrorMessage error={res.error} retry={res.reload} /> : null}
      {res.data && res.data.items.length === 0 && <Empty>{t("access.empty")}</Empty>}
      {res.data && res.data.items.length > 0 && (
        <ol className="access-list">
          {res.data.items.map((e) => (
            <li key={`${e.at}|${e.actorId}|${e.purpose}|${e.resource ?? ""}`} data-testid="access-item">
              <p>
                <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time> —{" "}
                <strong>{actor(e)}</strong>
              </p>
              {e.count > 1 && (
                <p className="muted" data-testid="access-times" data-count={e.count}>
                  {t("access.times", { count: e.count, first: formatDateTime(e.firstAt, i18n.language) })}
                </p>
              )}
              <p>
                {t("access.purpose")} {t(`purpose.${e.purpose}`, { defaultValue: e.purpose })}
              </p>
              <p className="muted">
                {t("access.legalBasis")} {e.legalBasis}
              </p>
              <p className="muted">
                {t(e.actorKind === "agency" ? "access.received" : "access.fields")}{" "}
                {e.fields.map((f) => t(`dataField.${f}`, { defaultValue: f })).join(", ")}
              </p>
              {e.dossierCode && (
                <p className="muted" data-testid="access-dossier">
                  {t("access.dossier")} {e.dossierCode}
                </p>
              )}
              {e.messageType && (
                <p className="muted">
                  {t("access.message")} {messageLabel(e.messageType, i18n.language)}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {res.data && total > PAGE && (
        <Pager list={res.data} offset={offset} pageSize={PAGE} onPage={setOffset} label={t("access.pages")} />
      )}
    </section>
  );
}

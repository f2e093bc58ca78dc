import { dueStateOf } from "@domain/due.js";
import { awaitedBefore } from "@domain/waiting-words.js";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { QueueItem } from "../../api/types";
import { formatDate, formatDateTime } from "../../lib/format";
import { useL } from "../../lib/hooks";
import { DUE_TONE, statusTone } from "../../lib/status";
import { DueBadge } from "./DueBadge";
import { TableWrap } from "./TableWrap";
import { workspaceHref } from "./workspace";

type Props = {
  items: QueueItem[];
  names: Map<string, { vi: string; en: string }>;
  caption: string;
  showAssignee?: boolean;
  /** The viewer's role: a row it cannot act on yet says what it waits for. */
  role?: string | null;
};

/** The queue as a table: one row per dossier, its code linking to the dossier view. */
export function QueueTable({ items, names, caption, showAssignee = true, role }: Props) {
  const { t, i18n } = useTranslation();
  const l = useL();
  const now = new Date();
  return (
    <TableWrap labelledBy="queue-caption">
      <table className="ws-table">
        <caption id="queue-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("officer.col.code")}</th>
            <th scope="col">{t("officer.col.procedure")}</th>
            <th scope="col">{t("officer.col.applicant")}</th>
            <th scope="col">{t("officer.col.channel")}</th>
            <th scope="col">{t("officer.col.status")}</th>
            <th scope="col">{t("officer.col.submitted")}</th>
            <th scope="col">{t("officer.col.due")}</th>
            {showAssignee && <th scope="col">{t("officer.col.assignee")}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((d) => {
            // The domain's one due rule, on the instants the API sent.
            const due = dueStateOf(d, now) ?? "none";
            const n = names.get(d.procedureCode);
            const holder = d.assignee;
            return (
              <tr
                key={d.id}
                data-testid="queue-row"
                data-id={d.id}
                data-status={d.status}
                data-due={due}
                className={due !== "none" && DUE_TONE[due] !== "ok" ? `row-${due}` : undefined}
              >
                <th scope="row">
                  <Link to={workspaceHref(d)} data-testid="queue-link" className="mono-code">
                    {d.code ?? t("officer.queue.draft")}
                  </Link>
                </th>
                <td>
                  {n ? l(n.vi, n.en) : l(d.procedureNameVi, d.procedureNameEn) || d.procedureCode}
                  <span className="note">{d.procedureCode}</span>
                  {d.linkedStep && (
                    <span className="badge badge-info" data-testid="queue-linked">
                      {t("officer.queue.linkedStep", d.linkedStep)}
                    </span>
                  )}
                </td>
                <td>
                  {d.applicantName ?? t("common.notGiven")}
                  <span className="note mono">{d.applicantNumber}</span>
                </td>
                <td>{t(`officer.channel.${d.channel}`, { defaultValue: d.channel })}</td>
                <td>
                  <span className={`badge badge-${statusTone(d.status)}`}>
                    {t(`status.${d.status}.short`, { defaultValue: d.status })}
                  </span>
                  {role !== undefined && <Awaited status={d.status} role={role} />}
                </td>
                <td>{d.submittedAt ? formatDateTime(d.submittedAt, i18n.language) : "—"}</td>
                <td>
                  {d.dueAt ? <time dateTime={d.dueAt}>{formatDate(d.dueAt, i18n.language)}</time> : "—"}{" "}
                  <DueBadge state={due} />
                  {d.complaintDueAt && (
                    <span className="note" data-testid="queue-complaint-due">
                      {t("officer.queue.complaintDue", { due: formatDate(d.complaintDueAt, i18n.language) })}
                    </span>
                  )}
                </td>
                {showAssignee && (
                  <td data-testid="queue-assignee">
                    {holder ?? <span className="muted">{t("officer.assign.nobody")}</span>}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** What a row waits for before this officer can act (the one-stop desk's receipt), in plain words. */
function Awaited({ status, role }: { status: QueueItem["status"]; role: string | null }) {
  const l = useL();
  const words = awaitedBefore(status, role);
  return words ? (
    <span className="note" data-testid="queue-awaited">
      {l(words.vi, words.en)}
    </span>
  ) : null;
}

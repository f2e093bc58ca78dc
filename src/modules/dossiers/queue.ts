import type { Queryable } from "../../db/client.js";
import type { DueState } from "../../domain/due.js";
import type { Channel, Status } from "../../domain/lifecycle.js";
import { AGGREGATE_ONLY_ROLES, actorOf, ON_BEHALF_FILERS, type Principal } from "../../domain/principal.js";
import { foldVietnamese } from "../../domain/text.js";
import { AppError } from "../../kernel/errors.js";
import { logDossierReads } from "../exchange/index.js";
import { dueStateSql } from "./due-instants.js";

export type QueueFilter = {
  status?: Status | undefined;
  procedure?: string | undefined;
  due?: DueState | undefined;
  channel?: string | undefined;
  q?: string | undefined;
  assignee?: "me" | "none" | undefined;
  limit: number;
  offset: number;
};

export type QueueItem = {
  id: string;
  code: string | null;
  procedureCode: string;
  procedureNameVi: string;
  procedureNameEn: string;
  status: Status;
  channel: Channel;
  applicantNumber: string;
  applicantName: string | null;
  communeCode: string | null;
  submittedAt: Date | null;
  dueAt: Date | null;
  nearDueAt: Date | null;
  assignee: string | null;
};

/**
 * The officer's queue: dossiers of the jurisdiction (drafts excluded), filtered, sorted by due date;
 * a postal/community agent's: what they filed. The rows seen are those `dossierReadRight` lets the
 * officer see, and each applicant shown is one row in their access log (`logDossierReads`, use
 * "queue"; `limit` 0 gives the counts alone and shows nobody). Citizens and the roles that see
 * aggregates only get FORBIDDEN. The due filter is `dueStateOf` of src/domain/due.ts at `now`: only
 * dossiers whose clock runs, compared with their stored due and near-due instants (`dueStateSql`).
 */
export async function officerQueue(q: Queryable, p: Principal, f: QueueFilter, now: Date) {
  if (p.kind !== "officer" || AGGREGATE_ONLY_ROLES.has(p.role)) throw new AppError("FORBIDDEN");
  const params: unknown[] = [];
  // Agents see what they filed (drafts too); others see their jurisdiction's submitted dossiers.
  const where = ON_BEHALF_FILERS.has(p.role) ? [] : ["d.status <> 'draft'"];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (ON_BEHALF_FILERS.has(p.role)) {
    // The filer's kind and id together: an officer username never matches a citizen's number.
    add("d.created_by_kind = ?", actorOf(p).kind);
    add("d.created_by = ?", actorOf(p).id);
  } else if (p.jurisdiction.level === "commune") {
    // The province first: it is the distribution key (one shard on Citus, docs/scaling.md).
    add("d.province_code = ?", p.jurisdiction.provinceCode);
    add("d.commune_code = ?", p.jurisdiction.code);
  } else if (p.jurisdiction.level === "province") add("d.province_code = ?", p.jurisdiction.code);
  if (f.assignee === "me") add("d.assignee = ?", p.username);
  if (f.assignee === "none") where.push("d.assignee is null");
  if (f.status) add("d.status = ?", f.status);
  if (f.procedure) add("d.procedure_code = ?", f.procedure);
  if (f.channel) add("d.channel = ?", f.channel);
  if (f.q) {
    // LIKE wildcards typed by the officer are literal characters, not patterns.
    const literal = (text: string) => text.replace(/[\\%_]/g, "\\$&");
    // A code or a personal number: prefix match on indexed columns; words: the citizen's name.
    if (/[0-9.]/.test(f.q)) {
      params.push(`${literal(f.q)}%`);
      where.push(`(d.code like $${params.length} or d.applicant_number like $${params.length})`);
    } else {
      // The applicant's folded name travels with the dossier: the search is complete within the jurisdiction.
      params.push(`%${literal(foldVietnamese(f.q))}%`);
      where.push(`d.applicant_search_name like $${params.length}`);
    }
  }
  if (f.due) {
    params.push(now);
    where.push(dueStateSql(f.due, `$${params.length}`));
  }
  const clause = where.length > 0 ? where.join(" and ") : "true";
  const counts = await q.query<{ status: string; n: number }>(
    `select d.status, count(*)::int as n from dossiers d where ${clause} group by d.status`,
    params,
  );
  params.push(f.limit, f.offset);
  // Page first (an index walk in due-date order), then look up names for those rows only.
  const { rows } = await q.query<QueueItem & { provinceCode: string }>(
    `select d.id, d.code, d.province_code as "provinceCode", d.procedure_code as "procedureCode", pv.definition->>'nameVi' as "procedureNameVi",
       pv.definition->>'nameEn' as "procedureNameEn", d.status, d.channel, d.applicant_number as "applicantNumber",
       d.applicant_name as "applicantName", d.commune_code as "communeCode", d.submitted_at as "submittedAt", d.due_at as "dueAt",
       d.near_due_at as "nearDueAt", d.assignee
     from (select * from dossiers d where ${clause} order by d.due_at asc nulls last, d.submitted_at asc, d.id
           limit $${params.length - 1} offset $${params.length}) d
     join procedure_versions pv on pv.code = d.procedure_code and pv.version = d.procedure_version
     order by d.due_at asc nulls last, d.submitted_at asc, d.id`,
    params,
  );
  await logDossierReads(q, p, "queue", rows);
  const byStatus = Object.fromEntries(counts.rows.map((r) => [r.status, r.n]));
  return {
    items: rows.map(({ provinceCode: _p, ...item }): QueueItem => item),
    total: counts.rows.reduce((s, r) => s + r.n, 0),
    byStatus,
  };
}

export async function citizenDossiers(
  q: Queryable,
  personalNumber: string,
  page: { limit: number; offset: number },
) {
  const { rows } = await q.query<QueueItem & { total: number }>(
    `select d.id, d.code, d.procedure_code as "procedureCode", pv.definition->>'nameVi' as "procedureNameVi",
       pv.definition->>'nameEn' as "procedureNameEn", d.status, d.channel, d.applicant_number as "applicantNumber",
       null as "applicantName", d.commune_code as "communeCode", d.submitted_at as "submittedAt", d.due_at as "dueAt",
       d.near_due_at as "nearDueAt", d.assignee, count(*) over ()::int as total
     from dossiers d join procedure_versions pv on pv.code = d.procedure_code and pv.version = d.procedure_version
     where d.applicant_number = $1 order by d.created_at desc limit $2 offset $3`,
    [personalNumber, page.limit, page.offset],
  );
  return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
}

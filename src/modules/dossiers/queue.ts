import type { Queryable } from "../../db/client.js";
import { all, type Expression, qb, type SqlBool, sql } from "../../db/query.js";
import { draftSubject } from "../../domain/draft-subject.js";
import type { DueState } from "../../domain/due.js";
import { formCounts } from "../../domain/form-counts.js";
import type { Channel, Status } from "../../domain/lifecycle.js";
import { stepPosition } from "../../domain/linked-step-position.js";
import { AGGREGATE_ONLY_ROLES, actorOf, ON_BEHALF_FILERS, type Principal } from "../../domain/principal.js";
import type { ProcedureDefinition as FormDefinition } from "../../domain/procedure.js";
import { foldVietnamese } from "../../domain/text.js";
import { AppError } from "../../kernel/errors.js";
import { type GroupVersion, getGroupVersion } from "../catalog/index.js";
import { logDossierReads } from "../exchange/index.js";
import {
  type DossierExpressions,
  dueStateIs,
  inJurisdiction,
  onDossierKey,
  ownedBy,
  provinceOfJurisdiction,
} from "./conditions.js";

export type QueueFilter = {
  status?: Status | undefined;
  procedure?: string | undefined;
  due?: DueState | undefined;
  channel?: string | undefined;
  q?: string | undefined;
  assignee?: "me" | "none" | undefined;
  /** "open": the dossiers with a complaint not yet answered (src/modules/dossiers/complaints.ts). */
  complaint?: "open" | undefined;
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
  /** The earliest due instant of the dossier's complaints not yet answered; null: none open. */
  complaintDueAt: Date | null;
  /** A linked group's step: its place in the group ("Liên thông", step 2 of 3); null: none. */
  linkedStep: { position: number; of: number } | null;
};

/** The dossier `d` has a complaint not yet answered. */
const openComplaint = (province: string | null) => sql<SqlBool>`exists (select 1 from dossier_complaints oc
  where ${onDossierKey("oc", "d", province)} and oc.answered_at is null)`;
/** The earliest due instant of the open complaints of the dossier `d` (null: none open). */
const openComplaintDue = (
  province: string | null,
) => sql<Date | null>`(select min(oc.due_at) from dossier_complaints oc
  where ${onDossierKey("oc", "d", province)} and oc.answered_at is null)`;

/**
 * The officer's queue: dossiers of the jurisdiction (drafts excluded), filtered, sorted by due date;
 * a postal/community agent's: what they filed. The rows seen are those `dossierReadRight` lets the
 * officer see, and each applicant shown is one row in their access log (`logDossierReads`, use
 * "queue"; `limit` 0 gives the counts alone and shows nobody). Citizens and the roles that see
 * aggregates only get FORBIDDEN. The due filter is `dueStateOf` of src/domain/due.ts at `now`: only
 * dossiers whose clock runs, compared with their stored due and near-due instants (`dueStateIs`).
 * `complaint=open`: the dossiers with a complaint awaiting an answer, the earliest complaint due
 * first; `openComplaints` counts them under the other filters (the badge of that filter), each
 * row says its earliest open complaint's due instant (`complaintDueAt`).
 */
export async function officerQueue(q: Queryable, p: Principal, f: QueueFilter, now: Date) {
  if (p.kind !== "officer" || AGGREGATE_ONLY_ROLES.has(p.role)) throw new AppError("FORBIDDEN");
  // Agents see what they filed (drafts too); others see their jurisdiction's submitted dossiers.
  const province = ON_BEHALF_FILERS.has(p.role) ? null : provinceOfJurisdiction(p.jurisdiction);
  const filter = (eb: DossierExpressions, byComplaint = true): Expression<SqlBool> => {
    const where: Expression<SqlBool>[] = [];
    if (ON_BEHALF_FILERS.has(p.role)) {
      // The filer's kind and id together: an officer username never matches a citizen's number.
      where.push(eb("d.created_by_kind", "=", actorOf(p).kind), eb("d.created_by", "=", actorOf(p).id));
    } else {
      where.push(eb("d.status", "<>", "draft"), ...inJurisdiction(eb, p.jurisdiction));
    }
    // An agency's officers see their agency's dossiers only (the steps of a group it serves).
    if (p.agency) where.push(ownedBy(eb, p.agency));
    if (f.assignee === "me") where.push(eb("d.assignee", "=", p.username));
    if (f.assignee === "none") where.push(eb("d.assignee", "is", null));
    if (f.status) where.push(eb("d.status", "=", f.status));
    if (f.procedure) where.push(eb("d.procedure_code", "=", f.procedure));
    if (f.channel) where.push(eb("d.channel", "=", f.channel as Channel));
    const typed = f.q?.trim();
    if (typed) {
      // LIKE wildcards typed by the officer are literal characters, not patterns.
      const literal = (text: string) => text.replace(/[\\%_]/g, "\\$&");
      // A code (any part of it, any case: "261201-0001", "ub.20194") or a personal number's first
      // digits; words: the citizen's name. A part of a code is a scan bounded by the filters above
      // (the jurisdiction's, or the agent's own, dossiers), like the name search.
      if (/[0-9.]/.test(typed)) {
        const code = literal(typed.toUpperCase().replace(/\s+/g, ""));
        where.push(eb.or([eb("d.code", "like", `%${code}%`), eb("d.applicant_number", "like", `${code}%`)]));
      } else {
        // The applicant's folded name travels with the dossier: the search is complete within the jurisdiction.
        where.push(eb("d.applicant_search_name", "like", `%${literal(foldVietnamese(typed))}%`));
      }
    }
    if (f.due) where.push(dueStateIs(eb, f.due, now));
    if (byComplaint && f.complaint === "open") where.push(openComplaint(province));
    return eb.and(where);
  };
  const counts = await all(
    q,
    qb
      .selectFrom("dossiers as d")
      .select((eb) => [
        "d.status",
        eb.fn.countAll<number>().as("n"),
        eb.fn.countAll<number>().filterWhere(openComplaint(province)).as("open"),
      ])
      // The other filters: the open complaints' badge counts under them whether it is on or not.
      .where((eb) => filter(eb, false))
      .groupBy("d.status"),
  );
  // Page first (an index walk in due-date order), then look up names for those rows only.
  const page = qb
    .selectFrom("dossiers as d")
    .selectAll("d")
    .select(openComplaintDue(province).as("complaint_due_at"))
    .where((eb) => filter(eb))
    // The open complaints' filter: the complaint due first.
    .$if(f.complaint === "open", (b) => b.orderBy(sql`complaint_due_at`, "asc"))
    .orderBy("d.due_at", (o) => o.asc().nullsLast())
    .orderBy("d.submitted_at", "asc")
    .orderBy("d.id")
    .limit(f.limit)
    .offset(f.offset)
    .as("d");
  const rows = await all(
    q,
    qb
      .selectFrom(page)
      .innerJoin("procedure_versions as pv", (j) =>
        j.onRef("pv.code", "=", "d.procedure_code").onRef("pv.version", "=", "d.procedure_version"),
      )
      .select((eb) => [
        "d.id",
        "d.code",
        "d.province_code as provinceCode",
        "d.procedure_code as procedureCode",
        eb.ref("pv.definition", "->>").key("nameVi").as("procedureNameVi"),
        eb.ref("pv.definition", "->>").key("nameEn").as("procedureNameEn"),
        "d.status",
        "d.channel",
        "d.applicant_number as applicantNumber",
        "d.applicant_name as applicantName",
        // An agent's on-behalf draft shows no commune before the citizen confirms (the name is
        // stored only then: createDossier, confirmOnBehalf).
        eb
          .case()
          .when(eb.and([eb("d.channel", "=", "online_on_behalf"), eb("d.applicant_name", "is", null)]))
          .then(null)
          .else(eb.ref("d.commune_code"))
          .end()
          .as("communeCode"),
        "d.submitted_at as submittedAt",
        "d.due_at as dueAt",
        "d.near_due_at as nearDueAt",
        "d.assignee",
        "d.complaint_due_at as complaintDueAt",
      ])
      .$if(f.complaint === "open", (b) => b.orderBy("d.complaint_due_at", "asc"))
      .orderBy("d.due_at", (o) => o.asc().nullsLast())
      .orderBy("d.submitted_at", "asc")
      .orderBy("d.id"),
  );
  await logDossierReads(q, p, "queue", rows);
  const steps = await linkedSteps(q, rows);
  const shown = (r: { n: number; open: number }) => Number(f.complaint === "open" ? r.open : r.n);
  const byStatus = Object.fromEntries(counts.map((r) => [r.status, shown(r)]));
  return {
    items: rows.map(
      ({ provinceCode: _p, ...item }): QueueItem => ({
        ...item,
        linkedStep: steps.get(item.id) ?? null,
      }),
    ),
    total: counts.reduce((s, r) => s + shown(r), 0),
    byStatus,
    openComplaints: counts.reduce((s, r) => s + Number(r.open), 0),
  };
}

export async function citizenDossiers(
  q: Queryable,
  personalNumber: string,
  page: { limit: number; offset: number },
) {
  // Every province the citizen filed in (listed in docs/scaling.md).
  const rows = await all(
    q,
    qb
      .selectFrom("dossiers as d")
      .innerJoin("procedure_versions as pv", (j) =>
        j.onRef("pv.code", "=", "d.procedure_code").onRef("pv.version", "=", "d.procedure_version"),
      )
      .select((eb) => [
        "d.id",
        "d.code",
        "d.procedure_code as procedureCode",
        eb.ref("pv.definition", "->>").key("nameVi").as("procedureNameVi"),
        eb.ref("pv.definition", "->>").key("nameEn").as("procedureNameEn"),
        "d.status",
        "d.channel",
        "d.applicant_number as applicantNumber",
        eb.lit(null).as("applicantName"),
        "d.commune_code as communeCode",
        "d.submitted_at as submittedAt",
        "d.due_at as dueAt",
        "d.near_due_at as nearDueAt",
        "d.assignee",
        "d.created_at as createdAt",
        "d.updated_at as updatedAt",
        // For the answers given so far, counted by the one rule every screen uses (formCounts).
        eb.ref("pv.definition", "->").key("form").$castTo<FormDefinition["form"]>().as("formFields"),
        "d.form",
        "d.prefill",
        eb.fn.countAll<number>().over().as("total"),
      ])
      .where("d.applicant_number", "=", personalNumber)
      // A draft the citizen deleted (withdrawn, never submitted) is gone from their list.
      .where((eb) => eb.not(eb.and([eb("d.status", "=", "withdrawn"), eb("d.submitted_at", "is", null)])))
      .orderBy("d.created_at", "desc")
      .limit(page.limit)
      .offset(page.offset),
  );
  return {
    items: rows.map(({ total: _t, formFields, form, prefill, ...r }) => {
      const counts = formCounts(formFields, new Set(Object.keys(prefill)), form);
      // A draft is named by whom it is about (two death registrations told apart by the deceased).
      const subject = r.status === "draft" ? draftSubject(form) : null;
      return { ...r, filledCount: counts.answered, fieldCount: counts.total, subject };
    }),
    total: rows[0]?.total ?? 0,
  };
}

/** The queue rows that are a linked group's steps: each one's place in its group (`stepPosition`). */
async function linkedSteps(q: Queryable, rows: readonly { id: string; provinceCode: string }[]) {
  const out = new Map<string, { position: number; of: number }>();
  if (rows.length === 0) return out;
  const found = await all(
    q,
    qb
      .selectFrom("linked_group_steps as ls")
      .innerJoin("linked_groups as g", (j) =>
        j.onRef("g.province_code", "=", "ls.province_code").onRef("g.id", "=", "ls.group_id"),
      )
      .innerJoin("linked_group_steps as o", (j) =>
        j.onRef("o.province_code", "=", "ls.province_code").onRef("o.group_id", "=", "ls.group_id"),
      )
      .select([
        "ls.dossier_id as dossierId",
        "ls.step_key as stepKey",
        "g.group_code as groupCode",
        "g.group_version as groupVersion",
        "o.step_key as chosenKey",
      ])
      .where("ls.province_code", "in", [...new Set(rows.map((r) => r.provinceCode))])
      .where(
        "ls.dossier_id",
        "in",
        rows.map((r) => r.id),
      ),
  );
  const byDossier = new Map<string, { stepKey: string; code: string; version: number; chosen: string[] }>();
  for (const r of found) {
    const id = r.dossierId as string;
    const e = byDossier.get(id) ?? {
      stepKey: r.stepKey,
      code: r.groupCode,
      version: r.groupVersion,
      chosen: [],
    };
    e.chosen.push(r.chosenKey);
    byDossier.set(id, e);
  }
  // Each group definition once per page, however many of its steps the page lists.
  const definitions = new Map<string, Promise<GroupVersion>>();
  for (const [id, e] of byDossier) {
    const key = `${e.code}@${e.version}`;
    const version = definitions.get(key) ?? getGroupVersion(q, e.code, e.version);
    definitions.set(key, version);
    const def = (await version).definition;
    const at = stepPosition(
      def.members.map((m) => m.key),
      e.chosen,
      e.stepKey,
    );
    if (at) out.set(id, at);
  }
  return out;
}

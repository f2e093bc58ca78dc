import { type Database, type Expression, type ExpressionBuilder, type SqlBool, sql } from "../../db/query.js";
import { type AgencyId, agencyCodePrefixes } from "../../domain/agencies.js";
import { type DueState, MAX_SUPPLEMENT_REQUESTS_ON_TIME } from "../../domain/due.js";
import { HEAD_REFUSAL_ACTIONS, HEAD_REFUSAL_MARKER } from "../../domain/head-refusal.js";
import { CLOCK_RUNNING } from "../../domain/lifecycle.js";
import type { Jurisdiction } from "../../domain/principal.js";

/** Conditions on the dossiers projection aliased `d`, shared by the queue, the leader's view and the refunds. */
export type DossierExpressions = ExpressionBuilder<{ d: Database["dossiers"] }, "d">;
/** The same, in a query over the whole database (a condition that reads the dossier's log). */
export type DossierLogExpressions = ExpressionBuilder<Database & { d: Database["dossiers"] }, "d">;

/**
 * The dossiers of a jurisdiction: the province first (the distribution key, one shard on Citus,
 * docs/scaling.md), then a commune within it; the country is every dossier (no condition).
 */
export function inJurisdiction(eb: DossierExpressions, j: Jurisdiction): Expression<SqlBool>[] {
  if (j.level === "commune")
    return [eb("d.province_code", "=", j.provinceCode), eb("d.commune_code", "=", j.code)];
  if (j.level === "province") return [eb("d.province_code", "=", j.code)];
  return [];
}

/**
 * The province's value of a jurisdiction (the distribution key of its dossiers, docs/scaling.md):
 * a commune's or a province's own; null for the country (a national read).
 */
export function provinceOfJurisdiction(j: Jurisdiction): string | null {
  return j.level === "country" ? null : j.provinceCode;
}

/**
 * A correlated subquery's rows of the dossier `outer`: the table aliased `alias`, keyed (province,
 * dossier), on the dossier's full key, with the province's value repeated when the query has one
 * (a subquery pinned only by its correlation runs on every shard on Citus; docs/scaling.md rule 7).
 * `province` null: a national read, the correlation alone.
 */
export function onDossierKey(alias: string, outer: string, province: string | null): Expression<SqlBool> {
  const col = (table: string, column: string) => sql.ref(`${table}.${column}`);
  const key = sql<SqlBool>`${col(alias, "province_code")} = ${col(outer, "province_code")} and ${col(alias, "dossier_id")} = ${col(outer, "id")}`;
  return province === null
    ? sql<SqlBool>`(${key})`
    : sql<SqlBool>`(${col(alias, "province_code")} = ${province} and ${key})`;
}

/** Dossiers an agency owns, by the first part of their agency code (`agencyCodePrefixes`). */
export function ownedBy(eb: DossierExpressions, agency: AgencyId): Expression<SqlBool> {
  return eb.or(agencyCodePrefixes(agency).map((prefix) => eb("d.agency_code", "like", `${prefix}.%`)));
}

/**
 * The due rule of src/domain/due.ts as query conditions over the dossiers projection aliased `d`:
 * the queue's `due=` filter and the leader's view use these, and a test checks they agree with
 * `dueStateOf` and `clockOf` on a table of instants. They compare `now` with the stored `due_at`
 * and `near_due_at` (the threshold lives in the domain, which computed them), so the queue's index
 * on (jurisdiction, due_at) serves every filter. This is `dueStateOf(d, now) === state`.
 */
export function dueStateIs(eb: DossierExpressions, state: DueState, now: Date): Expression<SqlBool> {
  const running = [eb("d.status", "in", [...CLOCK_RUNNING]), eb("d.near_due_at", "is not", null)];
  switch (state) {
    case "overdue":
      return eb.and([...running, eb("d.due_at", "<", now)]);
    case "near_due":
      return eb.and([...running, eb("d.due_at", ">=", now), eb("d.near_due_at", "<=", now)]);
    case "on_time":
      // near_due_at <= due_at: the bound on due_at is implied, and lets the index serve.
      return eb.and([...running, eb("d.due_at", ">", now), eb("d.near_due_at", ">", now)]);
  }
}

/** `decidedOnTime` as a condition (KPIS.md "on time"), for a decided dossier `d`. */
export function decidedOnTime(eb: DossierExpressions): Expression<SqlBool> {
  return eb.and([
    eb("d.decided_at", "<=", eb.ref("d.due_at")),
    eb("d.supplement_requests", "<=", MAX_SUPPLEMENT_REQUESTS_ON_TIME),
  ]);
}

/**
 * `endedByHeadRefusal` of src/domain/head-refusal.ts as a condition on the dossier `d`: one of its
 * actions is a refusal (`HEAD_REFUSAL_ACTIONS`) carrying the head's refusal (`HEAD_REFUSAL_MARKER`
 * in its payload), looked up on the action log's key (province, dossier). Such a dossier is never
 * counted finished, on time or late (the leader's view, as the KPIs). `province`: the province's
 * value when the query has one, null for a national read (`onDossierKey`).
 */
export function endedByHeadRefusal(eb: DossierLogExpressions, province: string | null): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom("dossier_actions as a")
      .select(eb.lit(1).as("one"))
      .where(onDossierKey("a", "d", province))
      .where("a.action", "in", [...HEAD_REFUSAL_ACTIONS])
      .where(sql<boolean>`a.payload -> ${sql.lit(HEAD_REFUSAL_MARKER)} is not null`),
  );
}

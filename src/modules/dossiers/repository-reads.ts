import type { Queryable } from "../../db/client.js";
import { all, first, qb } from "../../db/query.js";
import type { Channel, DossierAction, Status } from "../../domain/lifecycle.js";
import { provinceOfId } from "../../kernel/locality.js";
import type { PrefilledValue } from "./prefill.js";

/** SQL reading dossiers: the projection row, its columns and the append-only log (writes: repository-writes.ts). */
export type DossierRow = {
  id: string;
  code: string | null;
  procedureCode: string;
  procedureVersion: number;
  provinceCode: string;
  communeCode: string | null;
  agencyCode: string;
  applicantNumber: string;
  /** As the population registry had it when the dossier was filed. */
  applicantName: string | null;
  createdByKind: string;
  createdBy: string;
  channel: Channel;
  status: Status;
  form: Record<string, string | number | boolean | null>;
  /** A draft's values the form refused, kept with their message (migration 352); never answers. */
  refused: Record<string, RefusedValue>;
  prefill: Record<string, PrefilledValue>;
  components: Record<string, unknown>;
  fieldsTotal: number;
  fieldsPrefilled: number;
  fieldsTyped: number;
  componentsReplaced: number;
  feeAmount: number;
  submittedAt: Date | null;
  receivedAt: Date | null;
  /** The due instant (moved by closed supplement waits) and the near-due instant: src/domain/due.ts. */
  dueAt: Date | null;
  nearDueAt: Date | null;
  finishedAt: Date | null;
  decidedAt: Date | null;
  supplementRequests: number;
  lastSeq: number;
  assignee: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** A value the form refused, as typed, with what refused it (shown again with the draft). */
export type RefusedValue = {
  value: string | number | boolean | null;
  code?: string | undefined;
  messageVi: string;
  messageEn: string;
};

/** The projection row as `DossierRow` names it, over `dossiers as d`. */
export const DOSSIER_COLUMNS = [
  "d.id",
  "d.code",
  "d.procedure_code as procedureCode",
  "d.procedure_version as procedureVersion",
  "d.province_code as provinceCode",
  "d.commune_code as communeCode",
  "d.agency_code as agencyCode",
  "d.applicant_number as applicantNumber",
  "d.applicant_name as applicantName",
  "d.created_by_kind as createdByKind",
  "d.created_by as createdBy",
  "d.channel",
  "d.status",
  "d.form",
  "d.refused",
  "d.prefill",
  "d.components",
  "d.fields_total as fieldsTotal",
  "d.fields_prefilled as fieldsPrefilled",
  "d.fields_typed as fieldsTyped",
  "d.components_replaced as componentsReplaced",
  "d.fee_amount as feeAmount",
  "d.submitted_at as submittedAt",
  "d.received_at as receivedAt",
  "d.due_at as dueAt",
  "d.near_due_at as nearDueAt",
  "d.finished_at as finishedAt",
  "d.decided_at as decidedAt",
  "d.supplement_requests as supplementRequests",
  "d.last_seq as lastSeq",
  "d.assignee",
  "d.created_at as createdAt",
  "d.updated_at as updatedAt",
] as const;

/** The projection rows, built once (builders are immutable; this halves the cost of each lookup). */
const dossierRows = qb.selectFrom("dossiers as d").select(DOSSIER_COLUMNS);

/**
 * How a dossier is addressed: its province (the distribution key, docs/scaling.md) and its id.
 * Every statement on a dossier and its rows names both.
 */
export type DossierKey = Pick<DossierRow, "id" | "provinceCode">;

/**
 * The dossier with this id, by its full key: the province its id carries (src/kernel/locality.ts).
 * `forUpdate` locks the row (`… where province_code = $1 and id = $2 for update`, one shard).
 * An id of a dossier created before migration 090 carries no province: its province is looked up
 * first, by id alone (every shard on Citus; such dossiers only exist on databases that started
 * unsharded).
 */
export async function findDossier(
  q: Queryable,
  id: string,
  forUpdate = false,
): Promise<DossierRow | undefined> {
  const province = await provinceOf(q, id);
  if (!province) return undefined;
  return first(
    q,
    dossierRows
      .where("d.province_code", "=", province)
      .where("d.id", "=", id)
      .$if(forUpdate, (s) => s.forUpdate())
      .$castTo<DossierRow>(),
  );
}

/**
 * Where a dossier stands as the platform reads it, for another module's rule (a linked step filed
 * on its own: is it still a draft?): its status and code, no principal, no read logged; undefined
 * when there is no such dossier.
 */
export async function dossierStanding(
  q: Queryable,
  id: string,
): Promise<Pick<DossierRow, "id" | "status" | "code"> | undefined> {
  const d = await findDossier(q, id);
  return d ? { id: d.id, status: d.status, code: d.code } : undefined;
}

/** The province of a dossier: the one its id carries, else looked up by id (see `findDossier`). */
export async function provinceOf(q: Queryable, id: string): Promise<string | undefined> {
  const province = provinceOfId(id);
  if (province) return province;
  return (await first(q, qb.selectFrom("dossiers").select("province_code").where("id", "=", id)))
    ?.province_code;
}

export type LoggedAction = DossierAction & { seq: number; actorKind: string };

export async function loadLog(q: Queryable, d: DossierKey): Promise<LoggedAction[]> {
  const rows = await all(
    q,
    qb
      .selectFrom("dossier_actions")
      .select(["seq", "at", "action", "actor_kind", "actor_id", "actor_role", "channel", "reason", "payload"])
      .where("province_code", "=", d.provinceCode)
      .where("dossier_id", "=", d.id)
      .orderBy("seq"),
  );
  return rows.map((r) => ({
    seq: r.seq,
    type: r.action,
    at: r.at,
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    role: r.actor_role,
    channel: r.channel,
    reason: r.reason ?? undefined,
    payload: r.payload,
  }));
}

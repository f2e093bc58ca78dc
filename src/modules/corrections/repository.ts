import type { Queryable } from "../../db/client.js";
import { all, type Database, type ExpressionBuilder, qb } from "../../db/query.js";
import type { CorrectionStatus } from "../../domain/corrections.js";
import type { CorrectionRequestRow } from "../dossiers/index.js";

/** A correction request as its owning office holds it (`correction_cases`): the evidence and the decision. */
export type CorrectionCase = {
  provinceCode: string;
  id: number;
  messageId: string;
  ownerAgency: string;
  ownerUnit: string;
  requestProvince: string;
  requestId: number;
  dossierId: string;
  dossierCode: string | null;
  subjectNumber: string;
  registry: "population" | "residence" | "civil_status" | "health_insurance" | "allowances";
  attribute: string;
  fieldKey: string;
  currentValue: string | null;
  proposedValue: string;
  note: string | null;
  status: CorrectionStatus;
  receivedAt: Date;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  reason: string | null;
  appliedValue: string | null;
};

const COLUMNS = [
  "province_code as provinceCode",
  "id",
  "message_id as messageId",
  "owner_agency as ownerAgency",
  "owner_unit as ownerUnit",
  "request_province as requestProvince",
  "request_id as requestId",
  "dossier_id as dossierId",
  "dossier_code as dossierCode",
  "subject_number as subjectNumber",
  "registry",
  "attribute",
  "field_key as fieldKey",
  "current_value as currentValue",
  "proposed_value as proposedValue",
  "note",
  "status",
  "received_at as receivedAt",
  "decided_by as decidedBy",
  "decided_by_name as decidedByName",
  "decided_at as decidedAt",
  "reason",
  "applied_value as appliedValue",
] as const;

type Row = Omit<CorrectionCase, "id" | "requestId" | "registry" | "status"> & {
  id: string | number;
  requestId: string | number;
  registry: string;
  status: string;
};
const toCase = (r: Row): CorrectionCase => ({
  ...r,
  id: Number(r.id),
  requestId: Number(r.requestId),
  registry: r.registry as CorrectionCase["registry"],
  status: r.status as CorrectionStatus,
});

/** Opens the case of a request message received by its owner; a message seen before opens none. */
export async function insertCase(
  q: Queryable,
  c: {
    provinceCode: string;
    messageId: string;
    ownerAgency: string;
    ownerUnit: string;
    request: CorrectionRequestRow;
    receivedAt: Date;
  },
): Promise<void> {
  const r = c.request;
  await q.query(
    `insert into correction_cases (province_code, message_id, owner_agency, owner_unit, request_province, request_id,
       dossier_id, dossier_code, subject_number, registry, attribute, field_key, current_value, proposed_value, note,
       received_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     on conflict (province_code, message_id) do nothing`,
    [
      c.provinceCode,
      c.messageId,
      c.ownerAgency,
      c.ownerUnit,
      r.provinceCode,
      r.id,
      r.dossierId,
      r.dossierCode,
      r.subjectNumber,
      r.registry,
      r.attribute,
      r.fieldKey,
      r.registryValue,
      r.claimedValue,
      r.note,
      c.receivedAt,
    ],
  );
}

export async function findCase(
  q: Queryable,
  provinceCode: string,
  id: number,
  forUpdate = false,
): Promise<CorrectionCase | undefined> {
  const rows = await all(
    q,
    qb
      .selectFrom("correction_cases")
      .select(COLUMNS)
      .where("province_code", "=", provinceCode)
      .where("id", "=", id)
      .$if(forUpdate, (s) => s.forUpdate()),
  );
  return rows[0] ? toCase(rows[0] as Row) : undefined;
}

/** The offices (agency and unit) of one province an officer answers for. */
const ofOffices =
  (offices: ReadonlyArray<{ agency: string; unit: string }>) =>
  (eb: ExpressionBuilder<Database, "correction_cases">) =>
    eb.or(offices.map((o) => eb.and([eb("owner_agency", "=", o.agency), eb("owner_unit", "=", o.unit)])));

/**
 * The cases of these offices in one province with a status, oldest first (open ones are a queue),
 * newest first once decided; with the count of that status.
 */
export async function listCases(
  q: Queryable,
  o: {
    provinceCode: string;
    offices: ReadonlyArray<{ agency: string; unit: string }>;
    status: CorrectionStatus;
    limit: number;
    offset: number;
  },
): Promise<{ items: CorrectionCase[]; total: number }> {
  if (o.offices.length === 0) return { items: [], total: 0 };
  const base = qb
    .selectFrom("correction_cases")
    .where("province_code", "=", o.provinceCode)
    .where("status", "=", o.status)
    .where(ofOffices(o.offices));
  const [count] = await all(
    q,
    base.select((eb) => eb.fn.countAll<number>().as("n")),
  );
  const rows = await all(
    q,
    base
      .select(COLUMNS)
      .orderBy("received_at", o.status === "open" ? "asc" : "desc")
      .orderBy("id")
      .limit(o.limit)
      .offset(o.offset),
  );
  return { items: rows.map((r) => toCase(r as Row)), total: Number(count?.n ?? 0) };
}

/** Writes an officer's decision on an open case. */
export async function decideCase(
  q: Queryable,
  c: { provinceCode: string; id: number },
  d: {
    status: "accepted" | "rejected";
    decidedBy: string;
    decidedByName: string;
    at: Date;
    reason: string | null;
    appliedValue: string | null;
  },
): Promise<void> {
  await q.query(
    `update correction_cases set status = $3, decided_by = $4, decided_by_name = $5, decided_at = $6, reason = $7,
       applied_value = $8
     where province_code = $1 and id = $2 and status = 'open'`,
    [c.provinceCode, c.id, d.status, d.decidedBy, d.decidedByName, d.at, d.reason, d.appliedValue],
  );
}

import type { Queryable } from "../../db/client.js";
import { all, qb } from "../../db/query.js";
import { attributeLabel, correctionNotice } from "../../domain/corrections.js";
import { getDefinition } from "../catalog/index.js";
import { type Ctx, getVisibleDossier } from "./access.js";
import { enqueue } from "./repository-writes.js";
import { findReusingDossiers } from "./reused-values.js";

/** The owner's decision on a correction request, as its signed answer brought it back. */
export type CorrectionDecision = {
  requestProvince: string;
  requestId: number;
  correctionId: string;
  outcome: "accepted" | "rejected";
  registry: string;
  subjectNumber: string;
  attribute: string;
  previousValue: string | null;
  newValue: string | null;
  reason: string | null;
  /** The deciding office's name ("Công an phường Hải Vân"), for the citizen's notice. */
  officeVi: string;
  at: Date;
};

/**
 * Records the owner's decision on the citizen's request inside `q`'s transaction (the delivery's):
 * the request's status, reason and applied value (what the citizen reads with the dossier); the
 * citizen is told by SMS and e-mail (`notify.citizen`, naming the field in plain words); and, when
 * accepted, every open dossier whose prefill reused the old value (same person, same registry,
 * same value) gets an alert its officer sees, old → new. Idempotent: a request already decided
 * changes nothing. Returns the dossiers alerted.
 */
/**
 * The owner's office received correction request `requestId` (province `requestProvince`) at
 * `at`: its case is open in the owner's queue. Only the first receipt counts.
 */
export async function recordCorrectionReceived(
  q: Queryable,
  requestProvince: string,
  requestId: number,
  at: Date,
): Promise<void> {
  await q.query(
    `update correction_requests set received_at = $3
     where province_code = $1 and id = $2 and received_at is null`,
    [requestProvince, requestId, at],
  );
}

export async function recordCorrectionDecision(q: Queryable, d: CorrectionDecision): Promise<string[]> {
  const { rows } = await q.query<{
    dossierId: string;
    fieldKey: string;
    registryValue: string | null;
  }>(
    `update correction_requests set status = $3, decided_at = $4, decision_reason = $5, applied_value = $6
     where province_code = $1 and id = $2 and status = 'open'
     returning dossier_id as "dossierId", field_key as "fieldKey", registry_value as "registryValue"`,
    [d.requestProvince, d.requestId, d.outcome, d.at, d.reason, d.newValue],
  );
  const request = rows[0];
  if (!request) return [];
  const alerted: string[] = [];
  if (d.outcome === "accepted" && d.newValue !== null) {
    const old = d.previousValue ?? request.registryValue;
    const reused = old === null ? [] : await findReusingDossiers(q, d.subjectNumber, d.registry, old);
    for (const r of reused) {
      await q.query(
        `insert into dossier_registry_alerts (province_code, dossier_id, correction_id, field_key, attribute,
           old_value, new_value, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing`,
        [r.provinceCode, r.dossierId, d.correctionId, r.fieldKey, d.attribute, old, d.newValue, d.at],
      );
      alerted.push(r.dossierId);
    }
    if (old !== null) await refreshDraft(q, d, request, old);
  }
  const { rows: dossiers } = await q.query<{
    applicantNumber: string;
    communeCode: string | null;
    code: string | null;
    procedureCode: string;
    procedureVersion: number;
  }>(
    `select applicant_number as "applicantNumber", commune_code as "communeCode", code,
       procedure_code as "procedureCode", procedure_version as "procedureVersion"
     from dossiers where province_code = $1 and id = $2`,
    [d.requestProvince, request.dossierId],
  );
  const dossier = dossiers[0];
  if (dossier) {
    const def = await getDefinition(q, dossier.procedureCode, dossier.procedureVersion);
    await enqueue(
      q,
      "notify.citizen",
      `notify:${request.dossierId}`,
      {
        dossierId: request.dossierId,
        applicantNumber: dossier.applicantNumber,
        communeCode: dossier.communeCode,
        code: dossier.code,
        procedureVi: def.nameVi,
        procedureEn: def.nameEn,
        action: `correction_${d.outcome}`,
        ...correctionNotice(d),
      },
      d.requestProvince,
      { at: d.at, dossierCode: dossier.code },
    );
  }
  return alerted;
}

/**
 * The citizen's own draft that filed the correction shows the registry's new value (a draft's
 * prefill is otherwise read afresh only at submission): its prefilled field, and the form's copy
 * of it, take `newValue` as of the decision, when it still shows the old value.
 */
async function refreshDraft(
  q: Queryable,
  d: CorrectionDecision,
  request: { dossierId: string; fieldKey: string },
  old: string,
): Promise<void> {
  await q.query(
    `update dossiers set
       prefill = jsonb_set(jsonb_set(prefill, array[$3, 'value'], to_jsonb($4::text)),
         array[$3, 'provenance', 'asOf'], to_jsonb($5::text)),
       form = case when form ? $3 then jsonb_set(form, array[$3], to_jsonb($4::text)) else form end
     where province_code = $1 and id = $2 and status = 'draft' and prefill->$3->>'value' = $6
       and prefill->$3->'provenance'->>'ref' = $7`,
    [
      d.requestProvince,
      request.dossierId,
      request.fieldKey,
      d.newValue,
      d.at.toISOString(),
      old,
      d.subjectNumber,
    ],
  );
}

/** An alert on a dossier: a value it reused was corrected since, old → new. */
export type RegistryAlert = {
  fieldKey: string;
  attribute: string;
  labelVi: string;
  labelEn: string;
  oldValue: string | null;
  newValue: string;
  correctionId: string;
  createdAt: Date;
};

/** The alerts of a dossier, through the dossier's gate (NOT_FOUND to whoever may not see it). */
export async function registryAlertsOf(ctx: Ctx, id: string): Promise<RegistryAlert[]> {
  const d = await getVisibleDossier(ctx, id, "correction");
  const rows = await all(
    ctx.db,
    qb
      .selectFrom("dossier_registry_alerts")
      .select([
        "field_key as fieldKey",
        "attribute",
        "old_value as oldValue",
        "new_value as newValue",
        "correction_id as correctionId",
        "created_at as createdAt",
      ])
      .where("province_code", "=", d.provinceCode)
      .where("dossier_id", "=", d.id)
      .orderBy("created_at"),
  );
  return rows.map((r) => {
    const label = attributeLabel(r.attribute);
    return { ...r, labelVi: label.vi, labelEn: label.en };
  });
}

/** A correction request as the relay to its owner reads it (with its dossier's code and place). */
export type CorrectionRequestRow = {
  provinceCode: string;
  id: number;
  dossierId: string;
  dossierCode: string | null;
  dossierCommune: string | null;
  subjectNumber: string;
  fieldKey: string;
  attribute: string;
  registry: string;
  registryValue: string | null;
  claimedValue: string;
  note: string | null;
  status: string;
};

/** One correction request by its province and id; undefined when there is none. */
export async function findCorrectionRequest(
  q: Queryable,
  provinceCode: string,
  id: number,
): Promise<CorrectionRequestRow | undefined> {
  const { rows } = await q.query<CorrectionRequestRow>(
    `select c.province_code as "provinceCode", c.id::int as id, c.dossier_id as "dossierId", d.code as "dossierCode",
       d.commune_code as "dossierCommune", coalesce(c.subject_number, d.applicant_number) as "subjectNumber",
       c.field_key as "fieldKey", coalesce(c.attribute, c.field_key) as attribute, c.registry,
       c.registry_value as "registryValue", coalesce(c.claimed_value, '') as "claimedValue", c.note, c.status
     from correction_requests c join dossiers d on d.province_code = c.province_code and d.id = c.dossier_id
     where c.province_code = $1 and c.id = $2`,
    [provinceCode, id],
  );
  return rows[0];
}

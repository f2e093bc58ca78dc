import type { Queryable } from "../../db/client.js";
import type { PayloadOf } from "../../domain/messages.js";
import type { Provenance } from "./writeback.js";

/**
 * Applies `allowances.paid@1` to the allowance registry: the allowance record of the beneficiary
 * (its kind, the one-time amount, the monthly amount from the decision date, the deceased it is
 * for) and its payment (the bank's reference, when, to which account as printed), with
 * provenance (which dossier, which decision, which message, as of when). Idempotent by the
 * record's id (`<kind>:<decision number>`): a redelivered message changes nothing. Filed under the
 * beneficiary's number, colocated with the person (docs/scaling.md). Legal source: Decree
 * 20/2021/NĐ-CP (social assistance records); Law on Social Insurance 2024 (survivor benefit).
 */
export async function applyAllowancePaid(
  q: Queryable,
  p: PayloadOf<"allowances.paid@1">,
  prov: Provenance,
): Promise<{ applied: boolean }> {
  const { rows: person } = await q.query<{ province: string; commune: string | null }>(
    `select province_code as province, permanent_commune_code as commune from persons where personal_number = $1`,
    [p.personalNumber],
  );
  const place = person[0];
  if (!place?.commune) throw new Error(`unknown person or residence ${p.personalNumber}`);
  const { rows } = await q.query(
    `insert into allowances (personal_number, id, province_code, commune_code, kind, monthly_amount, since, until,
       one_time_amount, payment, provenance)
     values ($1, $2, $3, $4, $5, $6, $7, null, $8, $9::jsonb, $10::jsonb)
     on conflict (personal_number, id) do nothing returning id`,
    [
      p.personalNumber,
      `${p.kind}:${p.decisionNumber}`,
      place.province,
      place.commune,
      p.kind,
      p.monthlyAmount,
      p.decidedOn,
      p.amount,
      JSON.stringify(p.payment),
      JSON.stringify({
        dossierCode: prov.dossierCode,
        resultNumber: prov.resultNumber ?? null,
        messageId: prov.messageId,
        at: prov.at.toISOString(),
        deceasedNumber: p.deceasedNumber,
      }),
    ],
  );
  return { applied: rows.length > 0 };
}

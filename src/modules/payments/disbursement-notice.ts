import type { Queryable } from "../../db/client.js";
import { ALLOWANCE_RULES, disbursementNotice } from "../../domain/allowances.js";
import { enqueue } from "../delivery/index.js";

/** What of a disbursement its beneficiary is told. */
type Told = {
  provinceCode: string;
  dossierId: string;
  kind: string;
  beneficiaryNumber: string;
  accountNumber: string;
  bank: string;
  amount: number;
};

/**
 * The beneficiary told that the transfer stopped or was paid, in the transaction of that change
 * (`notify.citizen`: SMS and e-mail about the dossier, listed with its notifications; the in-app
 * copy on the linked group the dossier is a step of). Told once per change: the caller holds the
 * row's lock and has just changed its state (a redelivery finds it flagged or paid and tells nothing).
 */
export async function tellBeneficiary(
  q: Queryable,
  r: Told,
  news: { event: "flagged"; error: string } | { event: "paid"; bankRef: string; paidAt: string },
  at: Date,
): Promise<void> {
  const { rows } = await q.query<{
    code: string | null;
    communeCode: string | null;
    groupId: string | null;
  }>(
    `select d.code, d.commune_code as "communeCode",
       (select s.group_id from linked_group_steps s where s.province_code = d.province_code
          and s.dossier_id = d.id) as "groupId"
     from dossiers d where d.province_code = $1 and d.id = $2`,
    [r.provinceCode, r.dossierId],
  );
  const d = rows[0];
  const rule = ALLOWANCE_RULES.find((x) => x.kind === r.kind);
  if (!d || !rule) return;
  await enqueue(q, {
    topic: "notify.citizen",
    key: `notify:${r.dossierId}`,
    payload: {
      dossierId: r.dossierId,
      applicantNumber: r.beneficiaryNumber,
      communeCode: d.communeCode,
      code: d.code,
      procedureVi: rule.nameVi,
      procedureEn: rule.nameEn,
      action: `disbursement_${news.event}`,
      groupId: d.groupId,
      ...disbursementNotice({
        kind: r.kind,
        amount: r.amount,
        account: r.accountNumber,
        bank: r.bank,
        code: d.code,
        ...news,
      }),
    },
    provinceCode: r.provinceCode,
    at,
    dossierCode: d.code,
  });
}

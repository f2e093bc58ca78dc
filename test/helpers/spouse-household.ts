import { expect } from "vitest";
import type { Db } from "../../src/db/client.js";
import { foldVietnamese } from "../../src/domain/text.js";
import { localityId } from "../../src/kernel/locality.js";
import { A, B } from "./fixtures.js";
import type { Browser } from "./server.js";

/**
 * A married woman living apart from her husband (issue 14, "chuyển hộ khẩu về nhà chồng"): she
 * heads household HA-7 alone in commune A (Hải Vân); her husband lives in HB-7 in commune B (Liên
 * Chiểu), headed by his father; the marriage is in the civil-status register (filed under each).
 */
export const wife = { pn: "048195000702", name: "Võ Thị Lan", hh: "HA-7", commune: A.commune };
export const husband = { pn: "048093000701", name: "Hồ Văn Tùng", hh: "HB-7", commune: B.commune };
export const fatherInLaw = { pn: "048065000700", name: "Hồ Văn Sơn", hh: "HB-7", commune: B.commune };

/** Adds the two households, the three persons and the marriage to the fixtures' registries. */
export async function addSpouseApart(db: Db): Promise<void> {
  await db.tx(async (q) => {
    for (const [hh, commune, head, members] of [
      [wife.hh, wife.commune, wife.pn, [wife.pn]],
      [husband.hh, husband.commune, fatherInLaw.pn, [fatherInLaw.pn, husband.pn]],
    ] as const)
      await q.query(
        `insert into households (id, province_code, commune_code, address, head_number, member_numbers)
         values ($1, '48', $2, 'Số 7, đường Nguyễn Lương Bằng', $3, $4::bpchar[])`,
        [hh, commune, head, members],
      );
    for (const [p, sex, birth, rel] of [
      [wife, "F", "1995-02-14", "chủ hộ"],
      [husband, "M", "1993-06-01", "con"],
      [fatherInLaw, "M", "1965-10-10", "chủ hộ"],
    ] as const)
      await q.query(
        `insert into persons (personal_number, province_code, full_name, search_name, birth_date, sex, ethnicity,
           birth_registration_old_province, permanent_commune_code, permanent_address, household_id, relationship_to_head)
         values ($1, '48', $2, $3, $4, $5, 'Kinh', '048', $6, 'Số 7, đường Nguyễn Lương Bằng', $7, $8)`,
        [p.pn, p.name, foldVietnamese(p.name), birth, sex, p.commune, p.hh, rel],
      );
    for (const filedUnder of [husband.pn, wife.pn])
      await q.query(
        `insert into civil_status_records (personal_number, kind, registration_number, registered_on, province_code, commune_code, subject_number, spouse_number)
         values ($4, 'marriage', 'KH-20197-2026-0007', '2026-09-20', '48', $1, $2, $3)`,
        [B.commune, husband.pn, wife.pn, filedUnder],
      );
  });
}

/**
 * A spouse's dossier as one submitted before the fee waited for the head's consent: its payment
 * request opened at submission (as `openPaymentRequest` did then), so it could be paid, received
 * and processed while the head had not answered (its transfer content, the dossier's code, which a
 * bank's transfer may carry as it is). Returns the request's id.
 */
export async function openLegacyPaymentRequest(db: Db, dossierId: string): Promise<string> {
  const { rows } = await db.query<{ code: string; fee: number; province: string }>(
    "select code, fee_amount as fee, province_code as province from dossiers where id = $1",
    [dossierId],
  );
  const d = rows[0];
  if (!d) throw new Error(`no dossier ${dossierId}`);
  const id = localityId(d.province);
  await db.query(
    `insert into payments (id, dossier_id, amount, status, transfer_content, province_code)
     values ($1, $2, $3, 'unpaid', $4, $5)`,
    [id, dossierId, d.fee, d.code, d.province],
  );
  return id;
}

/** The wife (signed in on `wife`) files into her husband's household and submits: the dossier's view. */
export async function submitSpouseRequest<T extends { id: string }>(wife: Browser): Promise<T> {
  const r = await wife.send<T>("POST", "/api/dossiers", { procedureCode: "1.004222", household: "spouse" });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const sub = await wife.send<T>("POST", `/api/dossiers/${r.body.id}/submit`, {
    values: { "household.headConsent": true },
  });
  expect(sub.status, JSON.stringify(sub.body)).toBe(200);
  return sub.body;
}

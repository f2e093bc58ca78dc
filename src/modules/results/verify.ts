import { createHash, createPublicKey, timingSafeEqual, verify } from "node:crypto";
import type { SelectQueryBuilder } from "kysely";
import type { Queryable } from "../../db/client.js";
import { type Database, first, qb } from "../../db/query.js";
import { provinceOfCode } from "../../kernel/locality.js";
import type { ResultKey } from "../../lib/secrets.js";
import { type ResultRow, results, verificationToken } from "./results.js";

/**
 * Public verification of every document the platform signs (results, apology slips, fee
 * receipts), by number or by file: one path for all. A number is matched in its canonical form
 * (trimmed, upper case); the file's SHA-256 must be a recorded document's and its signature valid
 * under the platform's key.
 */
/**
 * The apology slips (src/modules/results/apology.ts) under the names of `ResultRow`, for the same
 * public verification: signed with the same key, numbered PXL-<dossier code>-<n>.
 */
const slips = () =>
  qb
    .selectFrom("apology_slips")
    .select((eb) => [
      "number",
      "dossier_id as dossierId",
      "holder_number as holderNumber",
      "holder_name as holderName",
      eb.val("apology_slip").as("kind"),
      "name_vi as nameVi",
      "name_en as nameEn",
      "issuer",
      "issued_at as issuedAt",
      "sha256",
      "signature",
      "key_id as keyId",
    ]);

/** The fee receipt's name, as the document and the verification page give it. */
export const RECEIPT_NAME = { vi: "Biên lai thu phí, lệ phí", en: "Fee receipt" } as const;

/**
 * The fee receipts (src/modules/payments/receipt.ts) under the names of `ResultRow`, with what a
 * receipt's verification also says: the dossier, the procedure and the amount (đồng).
 */
const receipts = () =>
  qb
    .selectFrom("fee_receipts")
    .select((eb) => [
      "number",
      "dossier_id as dossierId",
      "payer_number as holderNumber",
      "payer_name as holderName",
      eb.val("fee_receipt").as("kind"),
      eb.val<string>(RECEIPT_NAME.vi).as("nameVi"),
      eb.val<string>(RECEIPT_NAME.en).as("nameEn"),
      "issuer",
      "issued_at as issuedAt",
      "sha256",
      "signature",
      "key_id as keyId",
      "dossier_code as dossierCode",
      "procedure_vi as procedureVi",
      "procedure_en as procedureEn",
      "amount",
    ]);

/** Extra facts a receipt's verification states (absent for results and slips). */
type ReceiptFacts = { dossierCode?: string; procedureVi?: string; procedureEn?: string; amount?: number };
type SignedRow = ResultRow & ReceiptFacts;
/** A lookup of any signed kind, typed as the results' (same filter columns). */
type SignedQuery = SelectQueryBuilder<Database, "results", SignedRow>;

/**
 * Every kind of document the platform signs, by the prefix of its number: one verification path
 * for all of them (by number, by file).
 */
const SIGNED_KINDS: ReadonlyArray<{ prefix: string; rows: () => SignedQuery }> = [
  { prefix: "KQ-", rows: results },
  // The three tables share the columns a lookup filters on (province_code, number, sha256).
  { prefix: "PXL-", rows: slips as unknown as () => SignedQuery },
  { prefix: "BL-", rows: receipts as unknown as () => SignedQuery },
];

/** A dossier code ("CA.20242.H48-261202-0001"): printed on the dossier's receipt slip and messages. */
const DOSSIER_CODE = /^[A-Z0-9]+(\.[A-Z0-9]+)*\.H[0-9]{2}-[0-9]{6}-[0-9]+$/;

/**
 * A number as typed or scanned, in its canonical form: spaces trimmed, letters in upper case
 * (numbers are issued in upper case: "kq-ca.20242.h48-…" is "KQ-CA.20242.H48-…").
 */
export const canonicalNumber = (number: string) => number.trim().toLocaleUpperCase("en");

function tokenMatches(key: ResultKey, number: string, token: string): boolean {
  const want = Buffer.from(verificationToken(key, number));
  const given = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

function signatureValid(key: ResultKey, r: ResultRow): boolean {
  if (key.keyId !== r.keyId) return false;
  return verify(
    null,
    Buffer.from(r.sha256, "hex"),
    createPublicKey(key.publicPem),
    Buffer.from(r.signature, "base64"),
  );
}

/** "Ng*** V** A*": enough for a bank or a school to match, not enough to expose the holder. */
export function maskName(name: string): string {
  return name
    .split(" ")
    .map((w) => (w.length <= 1 ? w : `${w[0]}${"*".repeat(Math.min(3, w.length - 1))}`))
    .join(" ");
}

export type Verification =
  | ({
      valid: true;
      number: string;
      kind: string;
      nameVi: string;
      nameEn: string;
      issuedAt?: Date;
      issuer?: string;
      holderName?: string;
      sha256?: string;
    } & ReceiptFacts)
  | { valid: false; reasonVi: string; reasonEn: string; notVerifiedHere?: true };

function verified(r: SignedRow): Verification {
  return {
    valid: true,
    number: r.number,
    kind: r.kind,
    nameVi: r.nameVi,
    nameEn: r.nameEn,
    issuedAt: r.issuedAt,
    issuer: r.issuer,
    holderName: maskName(r.holderName),
    sha256: r.sha256,
    ...(r.dossierCode === undefined
      ? {}
      : {
          dossierCode: r.dossierCode,
          procedureVi: r.procedureVi,
          procedureEn: r.procedureEn,
          amount: Number(r.amount),
        }),
  };
}

/**
 * Verifies a signed document (result KQ-, apology slip PXL-, fee receipt BL-) by its number, in
 * any letter case. With the verification code printed beside it (the QR link's `t`), the answer
 * has the issuer, the date, the masked holder (payer) and the fingerprint, and for a receipt the
 * dossier, procedure and amount; with the number alone, only whether it is genuine and its
 * document type (so walking sequential numbers learns nothing about anyone). A code that does not
 * match the number: not valid. A dossier code (on the dossier's receipt slip, which is not signed)
 * is answered "not verified here", not "not valid".
 */
export async function verifyNumber(
  q: Queryable,
  key: ResultKey,
  typed: string,
  token?: string,
): Promise<Verification> {
  const number = canonicalNumber(typed);
  // The number (<prefix>-<dossier code>) names the province: one shard.
  const province = provinceOfCode(number);
  const kind = SIGNED_KINDS.find((k) => number.startsWith(k.prefix));
  if (!kind && DOSSIER_CODE.test(number))
    return {
      valid: false,
      notVerifiedHere: true,
      reasonVi:
        "Đây là mã hồ sơ (in trên giấy tiếp nhận hồ sơ và trong tin nhắn), không phải số của một giấy tờ đã ký số: loại giấy tờ này không được xác minh ở đây. Hãy nhập số in cạnh mã QR: kết quả bắt đầu bằng KQ-, biên lai bằng BL-, phiếu xin lỗi bằng PXL-.",
      reasonEn:
        "This is a dossier code (on the dossier's receipt slip and in messages), not the number of a signed document: this kind of document is not verified here. Enter the number printed beside the QR code: a result's starts with KQ-, a fee receipt's with BL-, an apology slip's with PXL-.",
    };
  const r: SignedRow | undefined =
    !province || !kind
      ? undefined
      : await first(q, kind.rows().where("province_code", "=", province).where("number", "=", number));
  if (!r)
    return {
      valid: false,
      reasonVi: "Không có giấy tờ nào do Một Lần cấp mang số này.",
      reasonEn: "No document issued by Một Lần bears this number.",
    };
  if (!signatureValid(key, r)) {
    return {
      valid: false,
      reasonVi: "Chữ ký số không hợp lệ.",
      reasonEn: "The digital signature is not valid.",
    };
  }
  if (token === undefined)
    return { valid: true, number: r.number, kind: r.kind, nameVi: r.nameVi, nameEn: r.nameEn };
  if (!tokenMatches(key, r.number, token)) {
    return {
      valid: false,
      reasonVi: "Mã xác minh không khớp với số giấy tờ này.",
      reasonEn: "The verification code does not match this document number.",
    };
  }
  return verified(r);
}

/**
 * Checks a file: genuine only if its exact bytes are a signed document (result, apology slip, fee
 * receipt). A file names no province, so this is the one public lookup that asks every shard (an
 * index probe per kind: docs/scaling.md).
 */
export async function verifyFile(q: Queryable, key: ResultKey, bytes: Buffer): Promise<Verification> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  let r: SignedRow | undefined;
  for (const kind of SIGNED_KINDS) {
    r = await first(q, kind.rows().where("sha256", "=", sha256));
    if (r) break;
  }
  if (!r || !signatureValid(key, r)) {
    return {
      valid: false,
      reasonVi:
        "Tệp này không khớp với bất kỳ giấy tờ nào Một Lần đã cấp (kết quả, biên lai, phiếu xin lỗi): có thể đã bị sửa đổi hoặc không phải bản gốc.",
      reasonEn:
        "This file matches no document Một Lần issued (result, receipt, apology slip): it may have been altered or is not the original.",
    };
  }
  return verified(r);
}

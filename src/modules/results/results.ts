import { createHash, createPrivateKey, createPublicKey, sign, timingSafeEqual, verify } from "node:crypto";
import type { SelectQueryBuilder } from "kysely";
import type { Db, Queryable } from "../../db/client.js";
import { type Database, first, qb, run } from "../../db/query.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { AppError } from "../../kernel/errors.js";
import { provinceOfCode } from "../../kernel/locality.js";
import type { BlobStore } from "../../lib/blob-store.js";
import { renderDocument } from "../../lib/pdf.js";
import type { ResultKey } from "../../lib/secrets.js";
import { getDefinition } from "../catalog/index.js";
import type { DossierRow, TransitionEffect } from "../dossiers/index.js";
import { communeNamer, issuerName, placeOf, resultDocument, signerName } from "./documents.js";
import { ResultErrors } from "./errors.js";

/**
 * Electronic results: a PDF rendered from the dossier in the administrative format (documents.ts), stored content-addressed, its SHA-256
 * signed with the issuing platform's Ed25519 key (node:crypto). Anyone can verify a result by
 * its number or by uploading the file: one changed byte changes the hash and fails. The key comes
 * from the configuration or the key file (src/lib/secrets.ts), never from the database.
 */
export type ResultRow = {
  number: string;
  dossierId: string;
  holderNumber: string;
  holderName: string;
  kind: string;
  nameVi: string;
  nameEn: string;
  issuer: string;
  issuedAt: Date;
  sha256: string;
  signature: string;
  keyId: string;
};

/** The results' rows as `ResultRow` names them. */
const results = () =>
  qb
    .selectFrom("results")
    .select([
      "number",
      "dossier_id as dossierId",
      "holder_number as holderNumber",
      "holder_name as holderName",
      "kind",
      "name_vi as nameVi",
      "name_en as nameEn",
      "issuer",
      "issued_at as issuedAt",
      "sha256",
      "signature",
      "key_id as keyId",
    ]);

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

/** What issuing a result needs: the document store, the public base URL, the signing key (key file). */
export type ResultServices = { store: BlobStore; publicUrl: string; resultKey: ResultKey };

/**
 * The verification code printed with a result (in its QR link): the first 16 base64url characters
 * (96 bits) of the platform's Ed25519 signature of "result-verify:<number>". Ed25519 is
 * deterministic, so it is recomputed, not stored; without the key it cannot be guessed, so
 * sequential numbers cannot be walked to learn whose documents exist.
 */
export function verificationToken(key: ResultKey, number: string): string {
  return sign(null, Buffer.from(`result-verify:${number}`), createPrivateKey(key.privatePem))
    .toString("base64url")
    .slice(0, 16);
}

function tokenMatches(key: ResultKey, number: string, token: string): boolean {
  const want = Buffer.from(verificationToken(key, number));
  const given = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/** The public verification link printed in the result's QR code: the number and its verification code. */
export const verifyUrl = (publicUrl: string, key: ResultKey, number: string) =>
  `${publicUrl}/xac-minh/${encodeURIComponent(number)}?t=${verificationToken(key, number)}`;

/**
 * Stores a rendered document content-addressed and signs its SHA-256 (hex, as bytes) with the
 * platform's Ed25519 key: what every signed document (result, apology slip, fee receipt) records.
 */
export async function storeAndSign(
  services: Pick<ResultServices, "store" | "resultKey">,
  pdf: Uint8Array,
): Promise<{ sha256: string; signature: string; keyId: string }> {
  const sha256 = await services.store.put(Buffer.from(pdf));
  const key = services.resultKey;
  const signature = sign(null, Buffer.from(sha256, "hex"), createPrivateKey(key.privatePem)).toString(
    "base64",
  );
  return { sha256, signature, keyId: key.keyId };
}

/** Renders, stores, signs and records the result; runs inside the issue_result transaction. */
export async function issueResult(
  q: Queryable,
  services: ResultServices,
  d: DossierRow,
  def: ProcedureDefinition,
  at: Date,
): Promise<ResultRow> {
  const number = `KQ-${d.code}`;
  const place = await placeOf(q, d.provinceCode, d.communeCode);
  const issuer = issuerName(def, place);
  const { bytes: pdf } = await renderDocument(
    resultDocument({
      def,
      number,
      dossierCode: d.code ?? "",
      applicantName: d.applicantName ?? d.applicantNumber,
      applicantNumber: d.applicantNumber,
      signerName: await signerName(q, d),
      imported: d.createdByKind === "import",
      form: d.form,
      issuedAt: at,
      place,
      communeName: await communeNamer(q, def, d.form),
      verifyUrl: verifyUrl(services.publicUrl, services.resultKey, number),
    }),
  );
  const { sha256, signature, keyId } = await storeAndSign(services, pdf);
  const row: ResultRow = {
    number,
    dossierId: d.id,
    holderNumber: d.applicantNumber,
    holderName: d.applicantName ?? "",
    kind: def.result.kind,
    nameVi: def.result.nameVi,
    nameEn: def.result.nameEn,
    issuer,
    issuedAt: at,
    sha256,
    signature,
    keyId,
  };
  await run(
    q,
    qb.insertInto("results").values({
      number,
      dossier_id: d.id,
      holder_number: row.holderNumber,
      holder_name: row.holderName,
      kind: row.kind,
      name_vi: row.nameVi,
      name_en: row.nameEn,
      issuer,
      issued_at: at,
      sha256,
      signature,
      key_id: keyId,
      province_code: d.provinceCode,
    }),
  );
  return row;
}

/**
 * The effect of a dossier's `issue_result` action, in its transaction: renders, stores, signs and
 * records the result, and adds its number, kind and hash to the action's payload.
 */
export function issueResultEffect(services: ResultServices): TransitionEffect {
  return async (q, { dossier, definition, at }) => {
    const result = await issueResult(q, services, dossier, definition, at);
    return { resultKind: result.kind, resultNumber: result.number, sha256: result.sha256 };
  };
}

export async function findResultByDossier(
  q: Queryable,
  d: Pick<DossierRow, "id" | "provinceCode">,
): Promise<ResultRow | undefined> {
  return first(q, results().where("province_code", "=", d.provinceCode).where("dossier_id", "=", d.id));
}

/**
 * The result of a dossier, issued on first request when the dossier came from an import (the demo's
 * seeded history, an old system's records): its `issue_result` action said the result was
 * electronic, but an import renders no document. It is issued then through `issueResult`, as the
 * approver's action would have, dated that action's instant; one issuance however many ask at once.
 * Undefined when there is no result; 404 RESULT_ON_PAPER when the old system returned it on paper.
 */
export async function findOrIssueResult(
  db: Db,
  services: ResultServices,
  d: DossierRow,
): Promise<ResultRow | undefined> {
  const found = await findResultByDossier(db, d);
  if (found || d.createdByKind !== "import" || !d.code) return found;
  const issued = await first(
    db,
    qb
      .selectFrom("dossier_actions")
      .select(["at", "payload"])
      .where("province_code", "=", d.provinceCode)
      .where("dossier_id", "=", d.id)
      .where("action", "=", "issue_result"),
  );
  if (!issued) return undefined;
  const payload = (typeof issued.payload === "string" ? JSON.parse(issued.payload) : issued.payload) as {
    electronic?: boolean;
  } | null;
  if (payload?.electronic !== true) throw new AppError(ResultErrors.RESULT_ON_PAPER);
  const def = await getDefinition(db, d.procedureCode, d.procedureVersion);
  return db.tx(async (q) => {
    await q.query("select pg_advisory_xact_lock(hashtext($1))", [`result:${d.id}`]);
    return (await findResultByDossier(q, d)) ?? issueResult(q, services, d, def, new Date(issued.at));
  });
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

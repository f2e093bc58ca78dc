import { createPrivateKey, sign } from "node:crypto";
import type { Db, Queryable } from "../../db/client.js";
import { first, qb, run } from "../../db/query.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { resultHolder } from "../../domain/result-holder.js";
import { AppError } from "../../kernel/errors.js";
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
export const results = () =>
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
  childNumber?: string,
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
      childNumber,
    }),
  );
  const { sha256, signature, keyId } = await storeAndSign(services, pdf);
  // A child's card is the child's: the verification page names them, as the document does.
  const holder = resultHolder(def, d.form, { number: d.applicantNumber, name: d.applicantName ?? "" });
  const row: ResultRow = {
    number,
    dossierId: d.id,
    holderNumber: holder.number,
    holderName: holder.name,
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
 * records the result, and adds its number, kind and hash to the action's payload, with whether the
 * result itself is electronic (`electronic`, the procedure's `result.electronic`: a marriage
 * certificate is handed over on paper, its signed file only a copy for lookup), which the KPIs'
 * electronic-result and fully-online figures read (KPIS.md: `issue_result` marked
 * `electronic: false` is not electronic).
 */
export function issueResultEffect(services: ResultServices): TransitionEffect {
  return async (q, { dossier, definition, at, payload }) => {
    // A birth's child number, reserved before the extract is made (exchange's `childNumberEffect`).
    const child = typeof payload.childPersonalNumber === "string" ? payload.childPersonalNumber : undefined;
    const result = await issueResult(q, services, dossier, definition, at, child);
    return {
      resultKind: result.kind,
      resultNumber: result.number,
      sha256: result.sha256,
      electronic: definition.result.electronic,
    };
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
 * Undefined when there is no result; 409 RESULT_ON_PAPER when the old system issued it on paper.
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

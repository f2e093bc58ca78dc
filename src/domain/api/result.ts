import { z } from "zod";

/** A dossier's electronic result (GET /api/dossiers/:id/result). */
export const Result = z
  .object({
    number: z.string(),
    kind: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    issuedAt: z.date(),
    sha256: z.string(),
    downloadUrl: z.string(),
    verifyUrl: z.string(),
  })
  .meta({ id: "Result" });

/**
 * Public verification of a signed document (result, apology slip, fee receipt), by number or by
 * file (holder's or payer's name masked). `kind`: "result" kinds are the procedure's result kind
 * (birth_extract…), "apology_slip", "fee_receipt". A receipt also gives its dossier code, procedure
 * and amount (đồng). Not valid: the reason, Vietnamese first; `notVerifiedHere` when the number is
 * of a kind of document that is not signed (a dossier code), which says nothing about its being genuine.
 */
export const Verification = z
  .union([
    z.object({
      valid: z.literal(true),
      number: z.string(),
      kind: z.string(),
      nameVi: z.string(),
      nameEn: z.string(),
      // Absent when verified by the bare number (no verification code): see GET /api/results/:number.
      issuedAt: z.date().optional(),
      issuer: z.string().optional(),
      holderName: z.string().optional(),
      sha256: z.string().optional(),
      dossierCode: z.string().optional(),
      procedureVi: z.string().optional(),
      procedureEn: z.string().optional(),
      amount: z.number().int().optional(),
    }),
    z.object({
      valid: z.literal(false),
      reasonVi: z.string(),
      reasonEn: z.string(),
      notVerifiedHere: z.literal(true).optional(),
    }),
  ])
  .meta({ id: "ResultVerification" });

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

/** Public verification of a result, by number or by file (holder's name masked). */
export const Verification = z
  .union([
    z.object({
      valid: z.literal(true),
      number: z.string(),
      nameVi: z.string(),
      nameEn: z.string(),
      // Absent when verified by the bare number (no verification code): see GET /api/results/:number.
      issuedAt: z.date().optional(),
      issuer: z.string().optional(),
      holderName: z.string().optional(),
      sha256: z.string().optional(),
    }),
    z.object({ valid: z.literal(false), reasonVi: z.string(), reasonEn: z.string() }),
  ])
  .meta({ id: "ResultVerification" });

import { z } from "zod";
import { AGENCY_IDS } from "../agencies.js";
import { CORRECTION_STATUSES } from "../corrections.js";
import { TEXT_LIMITS } from "../inputs.js";

/**
 * A correction request as the owning office's officers see it (GET /api/workspace/corrections):
 * the evidence (whose value, which field in plain words, the registry's value, the value the
 * citizen proposes, their note, the dossier it came from) and, once decided, the decision.
 */
export const CorrectionCase = z
  .object({
    provinceCode: z.string(),
    id: z.number(),
    ownerAgency: z.enum(AGENCY_IDS),
    ownerUnit: z.string(),
    /** The office's name as running text ("Công an phường Hải Vân"). */
    officeVi: z.string(),
    dossierCode: z.string().nullable(),
    subjectNumber: z.string(),
    registry: z.string(),
    attribute: z.string(),
    labelVi: z.string(),
    labelEn: z.string(),
    fieldKey: z.string(),
    currentValue: z.string().nullable(),
    proposedValue: z.string(),
    note: z.string().nullable(),
    status: z.enum(CORRECTION_STATUSES),
    receivedAt: z.date(),
    decidedByName: z.string().nullable(),
    decidedAt: z.date().nullable(),
    reason: z.string().nullable(),
    appliedValue: z.string().nullable(),
  })
  .meta({ id: "CorrectionCase" });

export const CorrectionCaseList = z
  .object({ items: z.array(CorrectionCase), total: z.number() })
  .meta({ id: "CorrectionCaseList" });

/**
 * An officer's decision: accept (optionally with the value the registry will hold, default the
 * proposed one) or reject with the reason the citizen reads (required: CORRECTION_REASON_REQUIRED).
 */
export const CorrectionDecisionBody = z
  .object({
    outcome: z.enum(["accepted", "rejected"]),
    reason: z.string().max(TEXT_LIMITS.correctionNote).optional(),
    value: z.string().min(1).max(TEXT_LIMITS.claimedValue).optional(),
  })
  .strict()
  .meta({ id: "CorrectionDecision" });

/** A value an open dossier reused that an accepted correction changed since: old → new. */
export const RegistryAlert = z
  .object({
    fieldKey: z.string(),
    attribute: z.string(),
    labelVi: z.string(),
    labelEn: z.string(),
    oldValue: z.string().nullable(),
    newValue: z.string(),
    correctionId: z.string(),
    createdAt: z.date(),
  })
  .meta({ id: "RegistryAlert" });

export const RegistryAlerts = z.object({ items: z.array(RegistryAlert) }).meta({ id: "RegistryAlerts" });

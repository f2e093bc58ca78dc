import type { Db } from "../../db/client.js";
import { type AgencyId, isAgencyId } from "../../domain/agencies.js";
import {
  CORRECTION_REASON,
  type CorrectionStatus,
  correctionOfficesOf,
  mayHandleCorrection,
} from "../../domain/corrections.js";
import { actorOf, type OfficerPrincipal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { audit } from "../audit/index.js";
import { enqueue } from "../delivery/index.js";
import { provinceOfJurisdiction } from "../dossiers/index.js";
import { applyRegistryCorrection } from "../exchange/index.js";
import { CorrectionErrors } from "./errors.js";
import { type CorrectionCase, decideCase, findCase, listCases } from "./repository.js";

/**
 * The owning office's queue: the correction cases of the offices this officer answers for
 * (`correctionOfficesOf`: the owning agency's officers, by their account's agency, at their
 * commune or, for social security, their province), by status.
 */
export async function correctionQueue(
  db: Db,
  officer: OfficerPrincipal,
  o: { status: CorrectionStatus; limit: number; offset: number },
): Promise<{ items: CorrectionCase[]; total: number }> {
  const province = provinceOfJurisdiction(officer.jurisdiction);
  if (province === null) return { items: [], total: 0 };
  return listCases(db, { provinceCode: province, offices: correctionOfficesOf(officer), ...o });
}

export type Decision =
  | { outcome: "accepted"; value?: string | undefined }
  | { outcome: "rejected"; reason?: string | undefined };

/**
 * An officer of the owning office decides a case, in one transaction: accepted → the registry
 * value changes with its history row (`applyRegistryCorrection`: which correction, which officer,
 * as of when), `value` (default: the value the citizen proposed) being what the registry now
 * holds; rejected → the reason (5 to 1,000 characters) the citizen reads. Both are audited
 * (`registry.correction.accept` / `.reject`) and answered to the platform by the signed
 * `registry.correction_decided` message (written here, delivered by delivery).
 * Errors: NOT_FOUND (no such case, or not this officer's office: the same answer),
 * CORRECTION_REASON_REQUIRED (400), CORRECTION_DECIDED (409), CORRECTION_NOT_APPLICABLE (409).
 */
export async function decideCorrection(
  db: Db,
  ctx: { officer: OfficerPrincipal; now: Date; requestId?: string | undefined },
  key: { provinceCode: string; id: number },
  d: Decision,
): Promise<CorrectionCase> {
  const actor = actorOf(ctx.officer);
  const action = d.outcome === "accepted" ? "registry.correction.accept" : "registry.correction.reject";
  const resource = `correction:${key.provinceCode}:${key.id}`;
  try {
    return await db.tx(async (q) => {
      const c = await findCase(q, key.provinceCode, key.id, true);
      const agency = c?.ownerAgency;
      if (
        !c ||
        !agency ||
        !isAgencyId(agency) ||
        !mayHandleCorrection(ctx.officer, { agency, unit: c.ownerUnit })
      )
        throw new AppError("NOT_FOUND");
      if (c.status !== "open") throw new AppError(CorrectionErrors.CORRECTION_DECIDED);
      let reason: string | null = null;
      let applied: string | null = null;
      if (d.outcome === "rejected") {
        reason = (d.reason ?? "").trim();
        if (reason.length < CORRECTION_REASON.min)
          throw new AppError(CorrectionErrors.CORRECTION_REASON_REQUIRED);
      } else {
        applied = (d.value ?? c.proposedValue).trim();
        const r = await applyRegistryCorrection(
          q,
          { registry: c.registry, personalNumber: c.subjectNumber, attribute: c.attribute, value: applied },
          {
            caseProvince: c.provinceCode,
            caseId: c.id,
            correctionId: `${c.requestProvince}:${c.requestId}`,
            decidedBy: actor.id,
            at: ctx.now,
          },
        );
        if (!r.applied) throw new AppError(CorrectionErrors.CORRECTION_NOT_APPLICABLE);
      }
      const decided = {
        status: d.outcome,
        decidedBy: actor.id,
        decidedByName: actor.name,
        at: ctx.now,
        reason,
        appliedValue: applied,
      };
      await decideCase(q, c, decided);
      await audit(q, {
        actor,
        action,
        outcome: "allowed",
        resource,
        provinceCode: c.provinceCode,
        requestId: ctx.requestId,
        detail: { agency: agency as AgencyId, unit: c.ownerUnit, attribute: c.attribute, reason },
      });
      await enqueue(q, {
        topic: "registry.correction_decided",
        key: `correction:${c.requestProvince}:${c.requestId}`,
        payload: { caseId: c.id },
        provinceCode: c.provinceCode,
        at: ctx.now,
        dossierCode: c.dossierCode,
      });
      return {
        ...c,
        status: d.outcome,
        decidedBy: actor.id,
        decidedByName: actor.name,
        decidedAt: ctx.now,
        reason,
        appliedValue: applied,
      };
    });
  } catch (err) {
    if (err instanceof AppError && err.status >= 400 && err.status < 500)
      await audit(db, {
        actor,
        action,
        outcome: "denied",
        resource,
        provinceCode: key.provinceCode,
        requestId: ctx.requestId,
        detail: { code: err.code },
      });
    throw err;
  }
}

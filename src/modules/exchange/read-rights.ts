import type { Queryable } from "../../db/client.js";
import {
  actorOf,
  coversAny,
  type OfficerPrincipal,
  type OfficerRole,
  type Place,
  type Principal,
} from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { audit } from "../audit/index.js";
import * as repo from "../registries/index.js";
import type { Purpose } from "./purposes.js";

/**
 * The one access path to personal data held by the registries. Every read checks the actor's
 * right (citizen: themselves; officer: a role that may read, inside the jurisdiction), records
 * actor, purpose, legal basis and fields in access_log, and audits denied attempts.
 */
export type ReadContext = { principal: Principal; purpose: Purpose; requestId?: string | undefined };

/** Officer roles that may read personal data; leaders of KPIs, agents and admins may not browse it. */
export const READER_ROLES: ReadonlySet<OfficerRole> = new Set([
  "receiver",
  "specialist",
  "approver",
  "agency_officer",
  "province_leader",
]);

/** Where a person lives: their permanent residence and, when registered, their temporary one. */
export function placesOf(p: repo.PrefillPerson): Place[] {
  const places: Place[] = [{ communeCode: p.permanentCommuneCode, provinceCode: p.provinceCode }];
  if (p.temporaryCommuneCode && p.temporaryProvinceCode) {
    places.push({ communeCode: p.temporaryCommuneCode, provinceCode: p.temporaryProvinceCode });
  }
  return places;
}

/** Audits the refused read and throws its refusal (by default FORBIDDEN for a role, else NOT_FOUND). */
export async function deny(
  db: Queryable,
  ctx: ReadContext,
  resource: string,
  reason: string,
  refusal?: AppError,
): Promise<never> {
  const actor = actorOf(ctx.principal);
  await audit(db, {
    actor,
    action: "personal-data.read",
    outcome: "denied",
    resource,
    requestId: ctx.requestId,
    detail: { purpose: ctx.purpose, reason },
  });
  // Outside one's jurisdiction a record is reported as not found: its existence is personal data too.
  throw refusal ?? new AppError(reason === "role" ? "FORBIDDEN" : "NOT_FOUND");
}

/** The officer principal of a read, when their role and the purpose may read personal data; else denied. */
export function requireOfficerReader(
  db: Queryable,
  ctx: ReadContext,
  resource: string,
): Promise<OfficerPrincipal> {
  const p = ctx.principal;
  if (p.kind !== "officer" || !READER_ROLES.has(p.role)) return deny(db, ctx, resource, "role");
  if (ctx.purpose !== "dossier-processing" && ctx.purpose !== "registry-verification") {
    return deny(db, ctx, resource, "role");
  }
  return Promise.resolve(p);
}

/** May this principal read this person? Citizens: only themselves (or their household). */
export async function authorizePerson(
  db: Queryable,
  ctx: ReadContext,
  person: repo.PersonRecord,
  resource: string,
) {
  const p = ctx.principal;
  if (p.kind === "citizen") {
    if (person.personalNumber === p.personalNumber) return;
    if (ctx.purpose === "household-view" && person.householdId) {
      const self = await repo.findPerson(db, p.personalNumber);
      if (self?.householdId === person.householdId) return;
    }
    return deny(db, ctx, resource, "not-self");
  }
  const officer = await requireOfficerReader(db, ctx, resource);
  if (!coversAny(officer.jurisdiction, placesOf(person))) await deny(db, ctx, resource, "jurisdiction");
}

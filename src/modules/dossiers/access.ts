import type { FastifyRequest } from "fastify";
import type { Db, Queryable } from "../../db/client.js";
import type { ResultKey } from "../../lib/secrets.js";
import { requirePrincipal } from "../../server/auth.js";
import { AppError } from "../../server/errors.js";
import { audit } from "../audit/audit.js";
import { actorOf, coversAny, type Principal } from "../identity/principal.js";
import type { BlobStore } from "./blob-store.js";
import type { SmsSink } from "./demo-sms.js";
import type { ActorRole } from "./lifecycle.js";
import type { DossierRow } from "./repository.js";
import { lifecycleRoleOrNull } from "./roles.js";

export type Ctx = {
  db: Db;
  principal: Principal;
  requestId?: string | undefined;
  now?: () => Date;
  /** Where result documents are stored and how they are addressed publicly. */
  services?: Services | undefined;
};

export type Services = {
  store: BlobStore;
  publicUrl: string;
  /** Signs electronic results (from the key file or configuration). */
  resultKey?: ResultKey | undefined;
  /** Keys the hash of one-time codes (HMAC-SHA-256). */
  otpKey?: Buffer | undefined;
  /** Delivers SMS; the demo's sink writes the demo phone's messages (DEMO on), else unset. */
  sms?: SmsSink | undefined;
};

/** The service context of an HTTP request: who calls, under which request id, with which services. */
export function requestCtx(req: FastifyRequest, db: Db, services?: Services): Ctx {
  return { db, principal: requirePrincipal(req), requestId: req.id, services };
}

/** The lifecycle role a principal acts in; officers whose role has no part in dossiers get 403. */
export function lifecycleRole(p: Principal): ActorRole {
  const role = lifecycleRoleOrNull(p);
  if (!role) throw new AppError("FORBIDDEN");
  return role;
}

/**
 * Who may see a dossier: its applicant; the agent who filed it; officers whose jurisdiction covers
 * the competent commune (or province). Everyone else is told it does not exist. The filer is
 * matched by kind AND id (citizen personal number, officer username, machine client id are
 * separate namespaces), so no officer account can pass for a citizen who filed.
 */
export function canSee(
  p: Principal,
  d: Pick<DossierRow, "applicantNumber" | "createdByKind" | "createdBy" | "communeCode" | "provinceCode">,
): boolean {
  if (p.kind === "citizen") return p.personalNumber === d.applicantNumber;
  if (p.role === "agent") {
    const filer = actorOf(p);
    return d.createdByKind === filer.kind && d.createdBy === filer.id;
  }
  return coversAny(p.jurisdiction, [{ communeCode: d.communeCode, provinceCode: d.provinceCode }]);
}

/** Runs fn; a refusal (4xx) is written to the audit log outside fn's rolled-back transaction. */
export async function audited<T>(
  ctx: Ctx,
  action: string,
  resource: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.status >= 400 && err.status < 500 && err.status !== 401) {
      await recordDenied(ctx.db, ctx, action, resource, err);
    }
    throw err;
  }
}

async function recordDenied(db: Queryable, ctx: Ctx, action: string, resource: string, err: AppError) {
  await audit(db, {
    actor: actorOf(ctx.principal),
    action,
    outcome: "denied",
    resource,
    requestId: ctx.requestId,
    detail: { code: err.code, details: err.details ?? [] },
  });
}

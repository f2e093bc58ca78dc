import type { FastifyRequest } from "fastify";
import type { Db, Queryable } from "../../db/client.js";
import type { ActorRole } from "../../domain/lifecycle.js";
import { actorOf, coversAny, lifecycleRoleOrNull, type Principal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { requirePrincipal } from "../../kernel/guards.js";
import type { BlobStore } from "../../lib/blob-store.js";
import { audit } from "../audit/index.js";
import type { SmsSink } from "./demo-sms.js";
import { type DossierRow, findDossier } from "./repository.js";
import type { TransitionEffects } from "./transition.js";

export type Ctx = {
  db: Db;
  principal: Principal;
  requestId?: string | undefined;
  now?: () => Date;
  /** Where result documents are stored and how they are addressed publicly. */
  services?: Services | undefined;
};

/**
 * What dossier actions need from the rest of the platform, wired once by the server: the document
 * store, the public base URL, the work other modules do inside a transition (`TransitionEffects`),
 * the key of one-time codes' hashes (HMAC-SHA-256, from the key file) and the SMS sink (the demo
 * phone with DEMO on; unset otherwise).
 */
export type Services = {
  store: BlobStore;
  publicUrl: string;
  effects?: TransitionEffects | undefined;
  otpKey?: Buffer | undefined;
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

/**
 * The one way to reach a dossier for reading or acting: it exists and this principal may see it;
 * otherwise NOT_FOUND (a dossier's existence is personal data too).
 */
export async function getVisibleDossier(ctx: Ctx, id: string): Promise<DossierRow> {
  const d = await findDossier(ctx.db, id);
  if (!d || !canSee(ctx.principal, d)) throw new AppError("NOT_FOUND");
  return d;
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

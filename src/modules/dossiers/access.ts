import type { FastifyRequest } from "fastify";
import type { Db, Queryable } from "../../db/client.js";
import type { ActionType, ActorRole } from "../../domain/lifecycle.js";
import { actorOf, lifecycleRoleOrNull, type Principal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { requirePrincipal } from "../../kernel/guards.js";
import type { BlobStore } from "../../lib/blob-store.js";
import { audit } from "../audit/index.js";
import { type DossierRight, type DossierUse, dossierReadRight, logDossierReads } from "../exchange/index.js";
import type { SmsSink } from "./demo-sms.js";
import { DossierErrors } from "./errors.js";
import { type DossierRecord, findDossierRecord } from "./records.js";
import { type DossierRow, findDossier, provinceOf } from "./repository-reads.js";
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
 * the key of one-time codes' hashes (HMAC-SHA-256, from the key file), the SMS sink (through
 * delivery, when there is an SMS channel) and a nudge to the dispatcher.
 */
export type Services = {
  store: BlobStore;
  publicUrl: string;
  effects?: TransitionEffects | undefined;
  otpKey?: Buffer | undefined;
  sms?: SmsSink | undefined;
  /** Asks delivery to run now (after a commit that queued an SMS a person is waiting for). */
  deliverSoon?: (() => void) | undefined;
  /**
   * Actions whose effect is another module's and may refuse (`require_verification`: the linked
   * module's): whether it would succeed on the dossier now, by the rule the effect checks. The
   * dossier's `availableActions` lists such an action only when its check is wired and says yes.
   */
  actionChecks?: ActionChecks | undefined;
};

/** Per action, whether another module's effect would accept it on the dossier now (a plain read). */
export type ActionChecks = Partial<
  Record<ActionType, (q: Queryable, dossier: { provinceCode: string; id: string }) => Promise<boolean>>
>;

/** Actions offered only where their module's check (`Services.actionChecks`) says they can succeed. */
export const CHECKED_ACTIONS: readonly ActionType[] = ["require_verification"];

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

/** The gate's answer to a read refused: another agency's dossier says so (403 OTHER_AGENCY, bilingual). */
const refusal = (right: DossierRight): AppError =>
  right.ok
    ? new AppError("NOT_FOUND")
    : right.error === "OTHER_AGENCY"
      ? new AppError(DossierErrors.OTHER_AGENCY)
      : new AppError(right.error);

/**
 * The one gate to a dossier and what hangs off it (files, result, payment, receipt): it exists and
 * this principal may see it by exchange's `dossierReadRight` (else NOT_FOUND, or FORBIDDEN for the
 * roles that see aggregates only, OTHER_AGENCY for another agency's officer), what the use reads exists (`present`, else NOT_FOUND and no
 * log row), and then the read is in the applicant's access log for `use` (exchange's
 * `logDossierReads`; not for the applicant's own reads). Inside a command's transaction pass `q`
 * (and `lock` to lock the row): a refused command rolls its log row back with everything else.
 */
export async function getVisibleDossier(
  ctx: Ctx,
  id: string,
  use: DossierUse,
  opts: {
    q?: Queryable;
    lock?: boolean;
    /** The row as the caller already read (and locked) it: not read again. */
    found?: DossierRow | undefined;
    /** Completes the log's resource (a file's sha256). */
    detail?: string;
    present?: (d: DossierRow) => Promise<boolean>;
  } = {},
): Promise<DossierRow> {
  const q = opts.q ?? ctx.db;
  const d = "found" in opts ? opts.found : await findDossier(q, id, opts.lock);
  const right = dossierReadRight(ctx.principal, d);
  if (!right.ok || !d) throw refusal(right);
  if (opts.present && !(await opts.present(d))) throw new AppError("NOT_FOUND");
  await logDossierReads(q, ctx.principal, use, [d], opts.detail);
  return d;
}

/**
 * The dossier with its parts (log, files, corrections, rating) through the same gate, read in one
 * statement: what its view shows.
 */
export async function getVisibleRecord(ctx: Ctx, id: string, use: DossierUse): Promise<DossierRecord> {
  const r = await findDossierRecord(ctx.db, id);
  const right = dossierReadRight(ctx.principal, r?.dossier);
  if (!right.ok || !r) throw refusal(right);
  await logDossierReads(ctx.db, ctx.principal, use, [r.dossier]);
  return r;
}

/**
 * What hangs off a dossier (a file, the result, the paid fee's receipt) through the same gate:
 * `load` finds it once the dossier may be seen; nothing found is NOT_FOUND with no log row.
 */
export async function getVisibleDossierPart<T>(
  ctx: Ctx,
  id: string,
  use: DossierUse,
  load: (d: DossierRow) => Promise<T | undefined>,
  detail?: string,
): Promise<{ dossier: DossierRow; part: T }> {
  const found: { part?: T } = {};
  const present = async (d: DossierRow) => {
    found.part = await load(d);
    return found.part !== undefined;
  };
  const dossier = await getVisibleDossier(ctx, id, use, { detail, present });
  if (found.part === undefined) throw new AppError("NOT_FOUND");
  return { dossier, part: found.part };
}

/**
 * Runs fn; a refusal (4xx) is written to the audit log outside fn's rolled-back transaction, filed
 * under the province it concerns (docs/scaling.md: a row about a dossier carries its province):
 * `provinceCode` when the caller knows it (a dossier not yet created: the chosen commune's), else
 * the province of the dossier the resource names (`dossier:<id>…`, from its id or looked up).
 */
export async function audited<T>(
  ctx: Ctx,
  action: string,
  resource: string,
  fn: () => Promise<T>,
  provinceCode?: () => Promise<string | undefined>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.status >= 400 && err.status < 500 && err.status !== 401) {
      const province = await (provinceCode ?? (() => provinceOfResource(ctx.db, resource)))().catch(
        () => undefined,
      );
      await recordDenied(ctx.db, ctx, action, resource, err, province);
    }
    throw err;
  }
}

const DOSSIER_RESOURCE = /^dossier:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i;

/** The province of the dossier a resource names (`dossier:<uuid>` or `dossier:<uuid>/…`); undefined for any other. */
export async function provinceOfResource(db: Queryable, resource: string): Promise<string | undefined> {
  const id = DOSSIER_RESOURCE.exec(resource)?.[1];
  return id ? provinceOf(db, id) : undefined;
}

async function recordDenied(
  db: Queryable,
  ctx: Ctx,
  action: string,
  resource: string,
  err: AppError,
  provinceCode: string | undefined,
) {
  await audit(db, {
    actor: actorOf(ctx.principal),
    action,
    outcome: "denied",
    resource,
    provinceCode,
    requestId: ctx.requestId,
    detail: { code: err.code, details: err.details ?? [] },
  });
}

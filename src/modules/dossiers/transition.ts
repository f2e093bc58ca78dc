import type { Db, Queryable } from "../../db/client.js";
import {
  type ActionType,
  type ActorRole,
  apply,
  check,
  type DossierAction,
  type DossierState,
  reduce,
} from "../../domain/lifecycle.js";
import { actorOf } from "../../domain/principal.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { AppError } from "../../kernel/errors.js";
import { provinceOfId } from "../../kernel/locality.js";
import { getVersion } from "../catalog/index.js";
import { audited, type Ctx, getVisibleDossier, lifecycleRole } from "./access.js";
import { DossierErrors } from "./errors.js";
import { claimKey, type IdempotentRequest } from "./idempotency.js";
import { notificationText } from "./notifications.js";
import {
  appendAction,
  type DossierRow,
  enqueue,
  findDossier,
  type LoggedAction,
  loadLog,
  type ProjectionChanges,
  recordApplicantResult,
  updateProjection,
} from "./repository.js";

/** A dossier loaded for a change: its locked row, its log and the state folded from it, its procedure. */
export type Aggregate = {
  dossier: DossierRow;
  log: LoggedAction[];
  state: DossierState;
  definition: ProcedureDefinition;
};

/** What a command adds to its action: projection columns, and facts recorded in the action's payload. */
export type Prepared = { columns?: ProjectionChanges; payload?: Record<string, unknown> };

/**
 * Work another module does inside a dossier's transition, in the same database transaction (e.g.
 * results issues the signed document on `issue_result`; payments opens the payment request on
 * `submit`). It sees the dossier as the action leaves it and may add facts to the action's payload.
 */
export type TransitionEffect = (
  q: Queryable,
  e: { dossier: DossierRow; definition: ProcedureDefinition; at: Date; payload: Record<string, unknown> },
) => Promise<Record<string, unknown> | undefined>;
export type TransitionEffects = Partial<Record<ActionType, readonly TransitionEffect[]>>;

export type Transition = {
  type: ActionType;
  reason?: string | undefined;
  payload?: Record<string, unknown>;
  /** Extra checks and projection changes of this command, inside the transaction. */
  prepare?: (q: Queryable, aggregate: Aggregate, at: Date) => Promise<Prepared>;
  /**
   * A retried request's key (`transition` only): claimed first in the transaction; when an earlier
   * request with the key answered (or is still answering), its dossier is returned and nothing done.
   */
  idempotent?: IdempotentRequest | undefined;
};

type Actor = { role: ActorRole; kind: string; id: string };

/** Maps the lifecycle's refusal of a new action to the API's error. */
function refusal(reason: string, state: DossierState): AppError {
  switch (reason) {
    case "role":
      return new AppError("FORBIDDEN");
    case "reason_required":
      return new AppError("VALIDATION_FAILED", [
        { field: "body.reason", messageVi: "Cần nêu lý do.", messageEn: "A reason is required." },
      ]);
    case "payment_required":
      return new AppError(DossierErrors.PAYMENT_REQUIRED);
    default:
      return new AppError(DossierErrors.ILLEGAL_TRANSITION, [
        {
          field: "status",
          messageVi: `Trạng thái hiện tại: ${state.status}.`,
          messageEn: `Current status: ${state.status}.`,
        },
      ]);
  }
}

/**
 * The engine: lock the row, fold the log, check the new action against the lifecycle, run the
 * command's own preparation and the other modules' effects, then append the action, update the
 * projection and write the outbox messages, all in the caller's transaction.
 */
async function run(
  q: Queryable,
  d: DossierRow,
  t: Transition,
  actor: Actor,
  at: Date,
  effects: readonly TransitionEffect[],
): Promise<DossierRow> {
  const log = await loadLog(q, d);
  const state = reduce(log);
  const action: DossierAction = {
    type: t.type,
    at,
    role: actor.role,
    actorId: actor.id,
    channel: d.channel,
    reason: t.reason,
    payload: t.payload,
  };
  const verdict = check(state, action);
  if (!verdict.ok) throw refusal(verdict.reason, state);
  const definition = (await getVersion(q, d.procedureCode, d.procedureVersion)).definition;
  const prepared = t.prepare ? await t.prepare(q, { dossier: d, log, state, definition }, at) : {};
  const payload: Record<string, unknown> = { ...t.payload, ...prepared.payload };
  const next = apply(state, { ...action, payload });
  const seq = log.length + 1;
  let updated = await updateProjection(q, d, { ...next, lastSeq: seq }, prepared.columns ?? {});
  for (const effect of effects) {
    Object.assign(payload, await effect(q, { dossier: updated, definition, at, payload }));
  }
  // Effects may add facts that change the state (the result number): fold them in once more.
  const final = apply(state, { ...action, payload });
  if (final.resultNumber !== next.resultNumber) {
    updated = await updateProjection(q, d, { ...final, lastSeq: seq }, {});
  }
  await appendAction(q, updated, seq, { ...action, actorKind: actor.kind, payload });
  if (final.status === "result_issued" && state.status !== "result_issued" && updated.code) {
    await recordApplicantResult(q, updated, at);
  }
  const extra = { at, dossierCode: updated.code };
  await enqueue(
    q,
    `dossier.${t.type}`,
    d.id,
    { code: updated.code, status: final.status, seq, by: actor.id },
    updated.provinceCode,
    extra,
  );
  // Tell the citizen of what others did: in the app (read from the log), and by SMS and e-mail
  // through delivery (the notifications module fans this message out to the channels on file).
  const text =
    actor.role === "citizen"
      ? undefined
      : notificationText(t.type, updated.code, t.reason, payload, definition);
  if (text) {
    await enqueue(
      q,
      "notify.citizen",
      `notify:${d.id}`,
      {
        dossierId: d.id,
        applicantNumber: d.applicantNumber,
        communeCode: updated.communeCode,
        code: updated.code,
        procedureVi: definition.nameVi,
        procedureEn: definition.nameEn,
        action: t.type,
        ...text,
      },
      updated.provinceCode,
      extra,
    );
  }
  return updated;
}

/**
 * The one way a dossier changes when a person acts: the dossier must be visible to the principal,
 * whose lifecycle role must be allowed the action now. Refusals are audited. With `t.idempotent`,
 * a repeated request (finished or still in flight) answers with the first one's dossier.
 */
export async function transition(ctx: Ctx, id: string, t: Transition): Promise<DossierRow> {
  return audited(ctx, `dossier.${t.type}`, `dossier:${id}`, () =>
    ctx.db.tx(async (q) => {
      const actor = actorOf(ctx.principal);
      // The key is claimed in the dossier's province, which its id carries (docs/scaling.md).
      const province = provinceOfId(id);
      const answered =
        t.idempotent &&
        province &&
        (await claimKey(q, { id, provinceCode: province }, actor.id, t.idempotent, true));
      const d = await getVisibleDossier(ctx, answered || id, "act", { q, lock: !answered });
      if (answered) return d;
      const role = lifecycleRole(ctx.principal);
      const at = ctx.now ? ctx.now() : new Date();
      return run(
        q,
        d,
        t,
        { role, kind: actor.kind, id: actor.id },
        at,
        ctx.services?.effects?.[t.type] ?? [],
      );
    }),
  );
}

/**
 * What the platform does on its own: the action may be chosen from the dossier as locked, in the
 * transaction (`type` as a function of its folded state: a bank transfer completes the fee or not).
 */
export type SystemTransition = Omit<Transition, "type" | "idempotent"> & {
  type: ActionType | ((q: Queryable, state: DossierState) => Promise<ActionType>);
  actorId: string;
  at: Date;
};

/**
 * The platform itself acts on a dossier (a bank's confirmed payment): role "system", no principal.
 * The command's `prepare` runs in the same transaction (e.g. marking the payment paid); a refusal
 * (by the lifecycle or by `prepare` throwing an AppError) is returned, not thrown, and writes nothing.
 */
export async function systemTransition(
  db: Db,
  id: string,
  t: SystemTransition,
): Promise<{ ok: true; dossier: DossierRow } | { ok: false; reason: "not_found" | "refused" }> {
  try {
    return await db.tx(async (q) => {
      const d = await findDossier(q, id, true);
      if (!d) return { ok: false as const, reason: "not_found" as const };
      const actor = { role: "system" as const, kind: "system", id: t.actorId };
      const type = typeof t.type === "function" ? await t.type(q, reduce(await loadLog(q, d))) : t.type;
      return { ok: true as const, dossier: await run(q, d, { ...t, type }, actor, t.at, []) };
    });
  } catch (err) {
    // Refused by the lifecycle or by the command's own checks: nothing was written.
    if (err instanceof AppError && err.status < 500) return { ok: false, reason: "refused" };
    throw err;
  }
}

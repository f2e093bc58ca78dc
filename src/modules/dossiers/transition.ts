import type { Db, Queryable } from "../../db/client.js";
import { mayActOnDossier } from "../../domain/agencies.js";
import {
  type ActionType,
  type ActorRole,
  apply,
  check,
  type DossierAction,
  type DossierState,
  reduce,
} from "../../domain/lifecycle.js";
import { actorOf, type Principal } from "../../domain/principal.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { AppError } from "../../kernel/errors.js";
import { provinceOfId } from "../../kernel/locality.js";
import { getDefinition } from "../catalog/index.js";
import { audited, type Ctx, getVisibleDossier, lifecycleRole } from "./access.js";
import { recordApplicantResult } from "./applicant-results.js";
import { DossierErrors, illegalTransition } from "./errors.js";
import { lockDossier } from "./first-statements.js";
import { earlierAnswer, type IdempotentRequest } from "./idempotency.js";
import { notificationText } from "./notifications.js";
import { notifyObservers } from "./observers.js";
import { type DossierParts, type DossierRecord, loadParts } from "./records.js";
import { type DossierRow, findDossier, type LoggedAction } from "./repository-reads.js";
import { appendAction, type ProjectionChanges, updateProjection } from "./repository-writes.js";

/**
 * A dossier loaded for a change: its locked row, its log and the state folded from it (once), its
 * files, corrections and rating, its procedure.
 */
export type Aggregate = {
  dossier: DossierRow;
  log: LoggedAction[];
  state: DossierState;
  definition: ProcedureDefinition;
  parts: DossierParts;
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
  e: {
    dossier: DossierRow;
    definition: ProcedureDefinition;
    at: Date;
    payload: Record<string, unknown>;
    /** The action's reason (a refusal's, an apology slip's). */
    reason?: string | undefined;
  },
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
      return illegalTransition(state.status);
  }
}

/**
 * The engine: fold the locked row's log, check the new action against the lifecycle, run the
 * command's own preparation and the other modules' effects, then update the projection, append
 * the action with its outbox messages, all in the caller's transaction. Returns the dossier as the
 * action leaves it, with its parts (the log with the new action): what the answer shows, without
 * reading it again.
 */
async function run(
  q: Queryable,
  d: DossierRow,
  parts: DossierParts,
  t: Transition,
  actor: Actor,
  at: Date,
  effects: readonly TransitionEffect[],
): Promise<DossierRecord> {
  const log = parts.log;
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
  const definition = await getDefinition(q, d.procedureCode, d.procedureVersion);
  const prepared = t.prepare ? await t.prepare(q, { dossier: d, log, state, definition, parts }, at) : {};
  const payload: Record<string, unknown> = { ...t.payload, ...prepared.payload };
  const next = apply(state, { ...action, payload });
  const seq = log.length + 1;
  let updated = await updateProjection(q, d, { ...next, lastSeq: seq }, prepared.columns ?? {});
  for (const effect of effects) {
    Object.assign(payload, await effect(q, { dossier: updated, definition, at, payload, reason: t.reason }));
  }
  // Effects may add facts that change the state (the result number): fold them in once more.
  const final = apply(state, { ...action, payload });
  if (final.resultNumber !== next.resultNumber) {
    updated = await updateProjection(q, d, { ...final, lastSeq: seq }, {});
  }
  const logged: LoggedAction = { ...action, payload, seq, actorKind: actor.kind };
  const extra = { at, dossierCode: updated.code };
  // Tell the citizen of what others did, and of every submission (theirs or an agent's on their
  // behalf: their receipt of it): in the app (read from the log), and by SMS and e-mail through
  // delivery (the notifications module fans this message out to the channels on file). All of a
  // dossier's news goes under one key, `notify:<id>`, so it is delivered in the order it happened
  // ("filed" before "received", even when the platform receives at once).
  const text =
    actor.role === "citizen" && t.type !== "submit"
      ? undefined
      : notificationText(t.type, updated.code, t.reason, payload, definition, d.channel);
  // The action, the message that tells of it and the citizen's notice, in one statement.
  await appendAction(q, updated, seq, logged, [
    {
      topic: `dossier.${t.type}`,
      key: d.id,
      payload: { code: updated.code, status: final.status, seq, by: actor.id },
      provinceCode: updated.provinceCode,
      ...extra,
    },
    ...(text
      ? [
          {
            topic: "notify.citizen",
            key: `notify:${d.id}`,
            payload: {
              dossierId: d.id,
              applicantNumber: d.applicantNumber,
              communeCode: updated.communeCode,
              code: updated.code,
              procedureVi: definition.nameVi,
              procedureEn: definition.nameEn,
              action: t.type,
              ...text,
            },
            provinceCode: updated.provinceCode,
            ...extra,
          },
        ]
      : []),
  ]);
  await notifyObservers(q, { dossier: updated, log: [...log, logged], event: t.type });
  if (final.status === "result_issued" && state.status !== "result_issued" && updated.code) {
    await recordApplicantResult(q, updated, at);
  }
  return { dossier: updated, parts: { ...parts, log: [...log, logged] } };
}

/**
 * An officer of an agency acts only on that agency's dossiers (`actsForAgency`, the owning agency
 * read from the dossier's agency code): else OTHER_AGENCY (403, audited as denied).
 */
export function requireOwnAgency(p: Principal, d: Pick<DossierRow, "agencyCode">): void {
  if (p.kind === "officer" && !mayActOnDossier(p.agency, d.agencyCode))
    throw new AppError(DossierErrors.OTHER_AGENCY);
}

/**
 * The one way a dossier changes when a person acts: the dossier must be visible to the principal,
 * whose lifecycle role must be allowed the action now. Refusals are audited. With `t.idempotent`,
 * a repeated request (finished or still in flight) answers with the first one's dossier. The row
 * is locked once and its parts (log, files…) read once, after the lock.
 */
export async function transition(ctx: Ctx, id: string, t: Transition): Promise<DossierRecord> {
  return audited(ctx, `dossier.${t.type}`, `dossier:${id}`, () =>
    ctx.db.tx(async (q) => {
      const actor = actorOf(ctx.principal);
      // The key is claimed in the dossier's province, which its id carries (docs/scaling.md), in
      // the statement that locks the row.
      const province = provinceOfId(id);
      let answered = false;
      let d: DossierRow;
      if (t.idempotent && province) {
        const key = { id, provinceCode: province };
        const locked = await lockDossier(q, key, { actorId: actor.id, request: t.idempotent });
        // An earlier request with the key answered (it was for this dossier, else 409).
        if (!locked.claimed) answered = (await earlierAnswer(q, province, actor.id, t.idempotent, id)) === id;
        d = await getVisibleDossier(ctx, id, "act", { q, found: locked.dossier });
      } else {
        d = await getVisibleDossier(ctx, id, "act", { q, lock: true });
      }
      requireOwnAgency(ctx.principal, d);
      const parts = await loadParts(q, d);
      if (answered) return { dossier: d, parts };
      const role = lifecycleRole(ctx.principal);
      const at = ctx.now ? ctx.now() : new Date();
      return run(
        q,
        d,
        parts,
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
  /** The other modules' effects of the action (a closing action's refund of a part-paid fee). */
  effects?: TransitionEffects | undefined;
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
  const r = await systemTransitions(db, id, [t]);
  return r.ok ? r : { ok: false, reason: r.reason };
}

/**
 * The platform takes a dossier through several actions at once (an automatic linked step: forward,
 * approve, issue the result), in one transaction: all of them, or, when one is refused (by the
 * lifecycle, a command's check or an effect throwing an AppError), none; the refusal is returned
 * with its error so the caller can say why.
 */
export async function systemTransitions(
  db: Db,
  id: string,
  steps: readonly SystemTransition[],
): Promise<
  { ok: true; dossier: DossierRow } | { ok: false; reason: "not_found" | "refused"; error?: AppError }
> {
  try {
    return await db.tx(async (q) => {
      let d = await findDossier(q, id, true);
      if (!d) return { ok: false as const, reason: "not_found" as const };
      let parts = await loadParts(q, d);
      for (const t of steps) {
        const actor = { role: "system" as const, kind: "system", id: t.actorId };
        const type = typeof t.type === "function" ? await t.type(q, reduce(parts.log)) : t.type;
        const done = await run(q, d, parts, { ...t, type }, actor, t.at, t.effects?.[type] ?? []);
        d = done.dossier;
        parts = done.parts;
      }
      return { ok: true as const, dossier: d };
    });
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return { ok: false, reason: "refused", error: err };
    throw err;
  }
}

/**
 * The dossier lifecycle as one pure reducer over an append-only action log (OpenCRVS v2 style).
 * Shared by server and browser: it knows statuses, actions, who may do what, and nothing else.
 * The statuses, actions and transition table are ./lifecycle-table.ts, re-exported here (one import).
 *
 * draft → submitted → received → in_processing → (supplement_requested → supplemented)
 *       → approved | refused → result_issued → result_returned; withdrawn before processing;
 * rejected when the one-stop officer refuses to receive it.
 */

import { parseInstant } from "./instant.js";
import {
  ACTIONS,
  type ActionType,
  type ActorRole,
  type Channel,
  type Rule,
  type Status,
  TERMINAL,
  TRANSITIONS,
} from "./lifecycle-table.js";
import { isBlank } from "./text.js";

export * from "./lifecycle-table.js"; // the statuses, actions and transition table this reducer folds by
export { byLinkedGroup, HIDDEN_FROM_TIMELINE, reasonOf, timelineOf } from "./timeline.js"; // the timeline a person reads

export type DossierAction = {
  type: ActionType;
  at: Date;
  role: ActorRole;
  actorId: string;
  channel: Channel;
  reason?: string | undefined;
  payload?: Record<string, unknown> | undefined;
};

export type DossierState = {
  status: Status;
  actions: number;
  channel: Channel | null;
  onBehalfConfirmed: boolean;
  submittedAt: Date | null;
  receivedAt: Date | null;
  /** The legal due instant fixed at receipt (the `receive` action's `dueAt`), before any pause. */
  legalDueAt: Date | null;
  /** Supplement waits: the clock does not run inside them. */
  pauses: Array<{ from: Date; to: Date | null }>;
  supplementRequests: number;
  /** The supplement request the citizen has not answered yet: when, and what the officer asked for. */
  supplementRequest: { at: Date; reason: string | null } | null;
  /** When the dossier left processing (approved, refused, rejected or withdrawn). */
  finishedAt: Date | null;
  /**
   * The decision instant (KPIS.md "Finished"): the first `issue_result` or `refuse`. A withdrawn or
   * rejected dossier is never decided.
   */
  decidedAt: Date | null;
  /** The fee fixed at submission (đồng, after any online discount), and whether the bank confirmed it. */
  fee: number;
  feePaid: boolean;
  /** The number of the electronic result, once issued. */
  resultNumber: string | null;
  /**
   * Filed as a linked step its group decides automatically (the submission's `linked.decision`):
   * the platform may forward, approve and issue its result (`Rule.systemWhenAutomatic`).
   */
  automaticDecision: boolean;
  /**
   * The latest apology slip for lateness (`apologize`): when it was sent, why, and the new date
   * promised to the citizen. The due instant the figures measure against does not move with it.
   */
  apology: { at: Date; reason: string | null; newDueAt: Date | null; slipNumber: string | null } | null;
};

export const INITIAL: DossierState = {
  status: "draft",
  actions: 0,
  channel: null,
  onBehalfConfirmed: false,
  submittedAt: null,
  receivedAt: null,
  legalDueAt: null,
  pauses: [],
  supplementRequests: 0,
  supplementRequest: null,
  finishedAt: null,
  decidedAt: null,
  fee: 0,
  feePaid: false,
  resultNumber: null,
  automaticDecision: false,
  apology: null,
};

export type Refusal = {
  ok: false;
  reason: "status" | "role" | "reason_required" | "confirmation_required" | "payment_required";
};

/** Is this action legal now, for this role? Pure; the same answer in server and browser. */
export function check(
  state: DossierState,
  action: Pick<DossierAction, "type" | "role" | "reason">,
): { ok: true } | Refusal {
  const rule = TRANSITIONS[action.type];
  const from =
    action.type === "create"
      ? state.actions === 0
      : state.actions > 0 &&
        (rule.from.includes(state.status) ||
          (action.role === "system" && rule.systemFrom?.includes(state.status) === true));
  if (!from) return { ok: false, reason: "status" };
  const automatic = action.role === "system" && rule.systemWhenAutomatic === true && state.automaticDecision;
  if (!rule.roles.includes(action.role) && !automatic) return { ok: false, reason: "role" };
  if (rule.needsReason && isBlank(action.reason ?? "")) return { ok: false, reason: "reason_required" };
  if (action.type === "submit" && state.channel === "online_on_behalf" && !state.onBehalfConfirmed) {
    return { ok: false, reason: "confirmation_required" };
  }
  // Processing of an online dossier waits for its fee (at the counter it is paid in person).
  if (action.type === "receive" && state.fee > 0 && !state.feePaid && state.channel !== "counter") {
    return { ok: false, reason: "payment_required" };
  }
  return { ok: true };
}

/**
 * Folds one recorded action into the state. Total: it never refuses, because the log is what
 * happened under the rules of its day; `check` judges only a *new* action (OpenCRVS v2 keeps its
 * reducer free of roles and permissions for the same reason). An action type this version no
 * longer knows is counted and otherwise ignored.
 */
export function apply(state: DossierState, action: DossierAction): DossierState {
  const rule = (TRANSITIONS as Partial<Record<string, Rule>>)[action.type];
  const status = !rule || rule.to === "same" ? state.status : rule.to;
  const next: DossierState = { ...state, status, actions: state.actions + 1 };
  const payload = action.payload ?? {};
  switch (action.type) {
    case "create":
      next.channel = action.channel;
      break;
    case "confirm_on_behalf":
      next.onBehalfConfirmed = true;
      break;
    case "submit":
      next.submittedAt = action.at;
      next.fee = typeof payload.fee === "number" ? payload.fee : 0;
      next.automaticDecision =
        (payload.linked as { decision?: unknown } | undefined)?.decision === "automatic";
      break;
    case "receive":
      next.receivedAt = action.at;
      next.legalDueAt = typeof payload.dueAt === "string" ? (parseInstant(payload.dueAt) ?? null) : null;
      break;
    case "request_supplement":
      next.supplementRequests = state.supplementRequests + 1;
      next.pauses = [...state.pauses, { from: action.at, to: null }];
      next.supplementRequest = { at: action.at, reason: action.reason ?? null };
      break;
    case "supplement":
      next.pauses = state.pauses.map((p) => (p.to === null ? { ...p, to: action.at } : p));
      next.supplementRequest = null;
      break;
    case "record_payment":
      next.feePaid = true;
      break;
    case "apologize":
      next.apology = {
        at: action.at,
        reason: action.reason ?? null,
        newDueAt: typeof payload.newDueAt === "string" ? (parseInstant(payload.newDueAt) ?? null) : null,
        // The signed slip's number (src/modules/results/apology.ts); null for imported history.
        slipNumber: typeof payload.slipNumber === "string" ? payload.slipNumber : null,
      };
      break;
    case "issue_result":
      next.resultNumber = typeof payload.resultNumber === "string" ? payload.resultNumber : null;
      break;
  }
  // A dossier is finished when it leaves processing; decided at the first result or refusal.
  if (state.finishedAt === null && FINISHING.has(status)) next.finishedAt = action.at;
  if (TERMINAL.has(status) && state.supplementRequest !== null) {
    // Closed while waiting for the citizen (the platform's refusal): the wait ends with it.
    next.pauses = state.pauses.map((p) => (p.to === null ? { ...p, to: action.at } : p));
    next.supplementRequest = null;
  }
  if (state.decidedAt === null && DECIDING.has(action.type)) next.decidedAt = action.at;
  return next;
}

/** The actions that deliver the decision (KPIS.md "Finished"). */
const DECIDING: ReadonlySet<string> = new Set<ActionType>(["issue_result", "refuse"]);

const FINISHING: ReadonlySet<Status> = new Set(["approved", "refused", "rejected", "withdrawn"]);

/** The status of a dossier is a fold of its log. */
export function reduce(log: readonly DossierAction[]): DossierState {
  return log.reduce(apply, INITIAL);
}

/** Actions a role could take now: drives the buttons in the workspace and the portal. */
export function availableActions(state: DossierState, role: ActorRole): ActionType[] {
  return ACTIONS.filter((type) => check(state, { type, role, reason: "x" }).ok);
}

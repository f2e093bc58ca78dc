/**
 * The dossier lifecycle as one pure reducer over an append-only action log (OpenCRVS v2 style).
 * Shared by server and browser: it knows statuses, actions, who may do what, and nothing else.
 *
 * draft → submitted → received → in_processing → (supplement_requested → supplemented)
 *       → approved | refused → result_issued → result_returned; withdrawn before processing;
 * rejected when the one-stop officer refuses to receive it.
 */
export const STATUSES = [
  "draft",
  "submitted",
  "received",
  "in_processing",
  "supplement_requested",
  "supplemented",
  "approved",
  "refused",
  "result_issued",
  "result_returned",
  "withdrawn",
  "rejected",
] as const;
export type Status = (typeof STATUSES)[number];

export const ACTIONS = [
  "create",
  "save_draft",
  "confirm_on_behalf",
  "submit",
  "withdraw",
  "receive",
  "refuse_receipt",
  "forward",
  "request_supplement",
  "supplement",
  "approve",
  "refuse",
  "issue_result",
  "return_result",
  "record_payment",
  "assign",
] as const;
export type ActionType = (typeof ACTIONS)[number];

export type ActorRole =
  | "citizen"
  | "agent"
  | "receiver"
  | "specialist"
  | "approver"
  | "agency_officer"
  | "system";

export type Channel = "online" | "online_on_behalf" | "counter";

type Rule = {
  from: readonly Status[];
  to: Status | "same";
  roles: readonly ActorRole[];
  needsReason?: boolean;
};

/** The transition table: the only place that says which action is legal when, and for whom. */
export const TRANSITIONS: Record<ActionType, Rule> = {
  create: { from: [], to: "draft", roles: ["citizen", "agent", "receiver"] },
  save_draft: { from: ["draft"], to: "same", roles: ["citizen", "agent", "receiver"] },
  // The citizen confirms in their own session, or by reading a one-time code to the agent.
  confirm_on_behalf: { from: ["draft"], to: "same", roles: ["citizen", "agent"] },
  submit: { from: ["draft"], to: "submitted", roles: ["citizen", "agent", "receiver"] },
  withdraw: { from: ["draft", "submitted", "received"], to: "withdrawn", roles: ["citizen"] },
  receive: { from: ["submitted"], to: "received", roles: ["receiver"] },
  refuse_receipt: { from: ["submitted"], to: "rejected", roles: ["receiver"], needsReason: true },
  forward: {
    from: ["received", "in_processing", "supplemented"],
    to: "in_processing",
    roles: ["receiver", "specialist", "agency_officer"],
  },
  request_supplement: {
    from: ["received", "in_processing", "supplemented"],
    to: "supplement_requested",
    roles: ["receiver", "specialist", "agency_officer"],
    needsReason: true,
  },
  supplement: { from: ["supplement_requested"], to: "supplemented", roles: ["citizen", "agent"] },
  approve: { from: ["in_processing", "supplemented"], to: "approved", roles: ["approver", "agency_officer"] },
  refuse: {
    from: ["in_processing", "supplemented"],
    to: "refused",
    roles: ["approver", "agency_officer"],
    needsReason: true,
  },
  issue_result: {
    from: ["approved"],
    to: "result_issued",
    roles: ["approver", "receiver", "agency_officer"],
  },
  return_result: { from: ["result_issued"], to: "result_returned", roles: ["receiver", "agency_officer"] },
  // The bank's confirmed payment of the fee; recorded by the platform, it changes no status.
  record_payment: {
    from: ["submitted", "received", "in_processing", "supplement_requested", "supplemented"],
    to: "same",
    roles: ["system"],
  },
  // Claiming a dossier or handing it to a colleague: who holds it changes, not its status.
  assign: {
    from: [
      "submitted",
      "received",
      "in_processing",
      "supplement_requested",
      "supplemented",
      "approved",
      "result_issued",
    ],
    to: "same",
    roles: ["receiver", "specialist", "approver", "agency_officer"],
  },
};

export const TERMINAL: ReadonlySet<Status> = new Set(["result_returned", "withdrawn", "rejected", "refused"]);

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
  /** Supplement waits: the clock does not run inside them. */
  pauses: Array<{ from: Date; to: Date | null }>;
  supplementRequests: number;
  finishedAt: Date | null;
};

export const INITIAL: DossierState = {
  status: "draft",
  actions: 0,
  channel: null,
  onBehalfConfirmed: false,
  submittedAt: null,
  receivedAt: null,
  pauses: [],
  supplementRequests: 0,
  finishedAt: null,
};

export type Refusal = { ok: false; reason: "status" | "role" | "reason_required" | "confirmation_required" };

/** Is this action legal now, for this role? Pure; the same answer in server and browser. */
export function check(
  state: DossierState,
  action: Pick<DossierAction, "type" | "role" | "reason">,
): { ok: true } | Refusal {
  const rule = TRANSITIONS[action.type];
  const from =
    action.type === "create" ? state.actions === 0 : state.actions > 0 && rule.from.includes(state.status);
  if (!from) return { ok: false, reason: "status" };
  if (!rule.roles.includes(action.role)) return { ok: false, reason: "role" };
  if (rule.needsReason && !action.reason?.trim()) return { ok: false, reason: "reason_required" };
  if (action.type === "submit" && state.channel === "online_on_behalf" && !state.onBehalfConfirmed) {
    return { ok: false, reason: "confirmation_required" };
  }
  return { ok: true };
}

/** Applies a legal action (call `check` first); throws on an illegal one. */
export function apply(state: DossierState, action: DossierAction): DossierState {
  const verdict = check(state, action);
  if (!verdict.ok) throw new Error(`illegal ${action.type} in ${state.status}: ${verdict.reason}`);
  const rule = TRANSITIONS[action.type];
  const status = rule.to === "same" ? state.status : rule.to;
  const next: DossierState = { ...state, status, actions: state.actions + 1 };
  switch (action.type) {
    case "create":
      next.channel = action.channel;
      break;
    case "confirm_on_behalf":
      next.onBehalfConfirmed = true;
      break;
    case "submit":
      next.submittedAt = action.at;
      break;
    case "receive":
      next.receivedAt = action.at;
      break;
    case "request_supplement":
      next.supplementRequests = state.supplementRequests + 1;
      next.pauses = [...state.pauses, { from: action.at, to: null }];
      break;
    case "supplement":
      next.pauses = state.pauses.map((p) => (p.to === null ? { ...p, to: action.at } : p));
      break;
  }
  // A dossier is finished, for the clock, when the decision is taken (or it leaves the process).
  if (state.finishedAt === null && ["approved", "refused", "rejected", "withdrawn"].includes(status)) {
    next.finishedAt = action.at;
  }
  return next;
}

/** The status of a dossier is a fold of its log. */
export function reduce(log: readonly DossierAction[]): DossierState {
  return log.reduce(apply, INITIAL);
}

/** Actions a role could take now: drives the buttons in the workspace and the portal. */
export function availableActions(state: DossierState, role: ActorRole): ActionType[] {
  return ACTIONS.filter((type) => check(state, { type, role, reason: "x" }).ok);
}

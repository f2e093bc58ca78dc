/**
 * The dossier lifecycle's rules as data (OpenCRVS v2 style): its statuses and actions, who may take
 * each action from which statuses (`TRANSITIONS`, the one transition table), and the sets and lists
 * read from that table. The reducer that folds a dossier's log by these rules is ./lifecycle.ts,
 * which re-exports all of this: import from there.
 */

export const STATUSES = [
  "draft",
  "submitted",
  "received",
  "in_processing",
  "supplement_requested",
  "supplemented",
  "approved",
  "result_issued",
  "result_returned",
  "refused",
  "rejected",
  "withdrawn",
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
  "record_transfer",
  "head_consent",
  "assign",
  "apologize",
  "complain",
  "answer_complaint",
  "require_verification",
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

/** How a dossier came in: online by the citizen, online by an agent on their behalf, at the counter. */
export const CHANNELS = ["online", "online_on_behalf", "counter"] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The channel of a new dossier by the role that creates it (the roles of `TRANSITIONS.create`):
 * the citizen files online, a postal or community agent online on the citizen's behalf, a
 * one-stop receiver at the counter from the paper dossier. No other role creates one.
 */
export const FILING_CHANNEL: Readonly<Partial<Record<ActorRole, Channel>>> = {
  citizen: "online",
  agent: "online_on_behalf",
  receiver: "counter",
};

export type Rule = {
  from: readonly Status[];
  to: Status | "same";
  roles: readonly ActorRole[];
  needsReason?: boolean;
  systemFrom?: readonly Status[]; // statuses the platform alone (role "system") may also take it from
  /**
   * The platform (role "system") may also take it, but only on a dossier filed as a linked step
   * its group decides automatically (`DossierState.automaticDecision`): never on any other dossier.
   */
  systemWhenAutomatic?: true;
};

/** The transition table: the only place that says which action is legal when, and for whom. */
export const TRANSITIONS: Record<ActionType, Rule> = {
  create: { from: [], to: "draft", roles: ["citizen", "agent", "receiver"] },
  save_draft: { from: ["draft"], to: "same", roles: ["citizen", "agent", "receiver"] },
  // The citizen confirms in their own session, or by reading a one-time code to the agent.
  confirm_on_behalf: { from: ["draft"], to: "same", roles: ["citizen", "agent"] },
  submit: { from: ["draft"], to: "submitted", roles: ["citizen", "agent", "receiver"] },
  // The platform withdraws only what it filed itself and could not take further (a linked step).
  withdraw: { from: ["draft", "submitted", "received"], to: "withdrawn", roles: ["citizen", "system"] },
  // The platform receives a linked step started from a verified result (no paper file to check).
  receive: { from: ["submitted"], to: "received", roles: ["receiver", "system"] },
  // The platform's too (and `refuse`): a head of household refused (Law on Residence 2020, Art. 21).
  refuse_receipt: { from: ["submitted"], to: "rejected", roles: ["receiver", "system"], needsReason: true },
  forward: {
    from: ["received", "in_processing", "supplemented"],
    to: "in_processing",
    roles: ["receiver", "specialist", "agency_officer"],
    systemWhenAutomatic: true,
  },
  request_supplement: {
    from: ["received", "in_processing", "supplemented"],
    to: "supplement_requested",
    roles: ["receiver", "specialist", "agency_officer"],
    needsReason: true,
  },
  supplement: { from: ["supplement_requested"], to: "supplemented", roles: ["citizen", "agent"] },
  // An automatic linked step (the group's `decision: "automatic"`): the platform forwards,
  // approves and issues its result itself (issue 12 point 2); officers still may, as for any dossier.
  approve: {
    from: ["in_processing", "supplemented"],
    to: "approved",
    roles: ["approver", "agency_officer"],
    systemWhenAutomatic: true,
  },
  refuse: {
    from: ["in_processing", "supplemented"],
    to: "refused",
    roles: ["approver", "agency_officer", "system"],
    needsReason: true,
    systemFrom: ["received", "supplement_requested"],
  },
  issue_result: {
    from: ["approved"],
    to: "result_issued",
    roles: ["approver", "receiver", "agency_officer"],
    systemWhenAutomatic: true,
  },
  return_result: { from: ["result_issued"], to: "result_returned", roles: ["receiver", "agency_officer"] },
  // The bank's confirmed payment of the fee; recorded by the platform, it changes no status.
  record_payment: {
    from: ["submitted", "received", "in_processing", "supplement_requested", "supplemented"],
    to: "same",
    roles: ["system"],
  },
  // A genuine bank transfer that does not complete the fee: a part of it, or money owed back (an
  // overpayment, a transfer after the fee was paid or after the dossier was withdrawn, refused or
  // rejected). Recorded in every status after submission; it changes none.
  record_transfer: {
    from: STATUSES.filter((st) => st !== "draft"),
    to: "same",
    roles: ["system"],
  },
  // The head of the household a spouse joins consents (Law on Residence 2020, Art. 21): recorded by
  // the platform on the head's answer (src/domain/head-refusal.ts); it opens the fee, changes no status.
  head_consent: {
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
  // The apology slip for a dossier that will be late ("Phiếu xin lỗi và hẹn lại ngày trả kết quả";
  // rules and their unconfirmed source in ./apology.ts, once per dossier): a reason and
  // a new promised date (`payload.newDueAt`). It changes no status and does NOT move the legal due
  // instant: lateness is still measured against the due instant fixed at receipt (KPIS.md "On time").
  // When it may be sent (at risk or late) is the dossiers module's check (it needs the clock).
  apologize: {
    from: ["received", "in_processing", "supplement_requested", "supplemented", "approved"],
    to: "same",
    roles: ["receiver", "specialist", "approver", "agency_officer"],
    needsReason: true,
  },
  // The citizen's feedback or complaint after submission, its text the reason (src/domain/complaints.ts;
  // payload `complaintId`, `complaintDueAt`), and an officer's answer (`complaintId`): no status change.
  complain: { from: STATUSES.slice(1), to: "same", roles: ["citizen"], needsReason: true },
  answer_complaint: {
    from: STATUSES.slice(1),
    to: "same",
    roles: ["receiver", "specialist", "approver", "agency_officer"],
    needsReason: true,
  },
  // "Cần xác minh": the officer processing a linked group's first step (the birth registration)
  // finds the case needs verification, with the reason; the group's limit becomes its
  // `limitWithVerification` (Decree 63/2024: 5 working days instead of 3). No status change; the
  // linked module's effect checks the dossier is such a step and moves the group's due.
  require_verification: {
    from: ["received", "in_processing", "supplemented"],
    to: "same",
    roles: ["receiver", "specialist", "approver", "agency_officer"],
    needsReason: true,
  },
};

export const TERMINAL: ReadonlySet<Status> = new Set(["result_returned", "withdrawn", "rejected", "refused"]);

/** Statuses in which the dossier has an issued result (from `issue_result` on). */
export const RESULT_STATUSES: ReadonlySet<Status> = new Set(["result_issued", "result_returned"]);

/** Statuses of a granted dossier: approved, then its result issued and returned. */
export const GRANTED: ReadonlySet<Status> = new Set<Status>(["approved", ...RESULT_STATUSES]);

/** Statuses before receipt: the legal clock has not started (it starts at `receive`). */
export const BEFORE_RECEIPT: ReadonlySet<Status> = new Set<Status>(["draft", ...TRANSITIONS.receive.from]);

/** The status that waits for the applicant's supplement: the clock is paused, the applicant answers. */
export const AWAITING_SUPPLEMENT: ReadonlySet<Status> = new Set(TRANSITIONS.supplement.from);

/** Statuses in which the citizen may rate the service: the result is in their hands. */
export const RATABLE: ReadonlySet<Status> = new Set<Status>(["result_returned"]);

/** A draft: created, not yet submitted; its filer (citizen, agent or counter receiver) still fills it in. */
export function isDraft(status: Status): boolean {
  return status === "draft";
}

/** Actions that need a written reason (shown to the citizen). */
export const NEEDS_REASON: ReadonlySet<ActionType> = new Set(
  ACTIONS.filter((a) => TRANSITIONS[a].needsReason === true),
);

/** The decisions an officer takes from the dossier view, in the order they are offered. */
export const OFFICER_ACTIONS = [
  "receive",
  "refuse_receipt",
  "request_supplement",
  "forward",
  "approve",
  "refuse",
  "issue_result",
  "return_result",
] as const satisfies readonly ActionType[];
export type OfficerAction = (typeof OFFICER_ACTIONS)[number];

/** Roles that hold dossiers in processing (and may claim one or hand it to a colleague). */
export const HOLDER_ROLES = TRANSITIONS.assign.roles;

/** Roles that take a submitted dossier in (the one-stop desk): the first step of every procedure. */
export const RECEIVING_ROLES = TRANSITIONS.receive.roles;

/** Officer actions that end the dossier with a refusal (a written reason, no result). */
export const REFUSALS: ReadonlySet<ActionType> = new Set(
  OFFICER_ACTIONS.filter((a) => {
    const to = TRANSITIONS[a].to;
    return TRANSITIONS[a].needsReason === true && to !== "same" && TERMINAL.has(to);
  }),
);

/**
 * Statuses in which the legal clock runs: received and not yet decided (KPIS.md: the decision is
 * the result issued or the refusal, so an approved dossier still counts), not waiting for the citizen.
 */
export const CLOCK_RUNNING: ReadonlySet<Status> = new Set([
  "received",
  "in_processing",
  "supplemented",
  "approved",
]);

/** Statuses after submission, in the order the workspace lists them. */
export const SUBMITTED_STATUSES = STATUSES.filter((s) => s !== "draft");

/**
 * Model-based properties of the lifecycle (issue 8.2). The model is the transition table itself:
 * the generator walks only *legal* moves, chosen from what the table offers in the current state,
 * so runs go deep into the lifecycle instead of dying at the first refused random action; from the
 * states it reaches, it also tries moves the table forbids and checks they are refused for the
 * right reason. A separate property folds arbitrary (even illegal, even unknown) histories: replay
 * is total, so a rule change never breaks an old dossier.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  ACTIONS,
  type ActionType,
  type ActorRole,
  apply,
  availableActions,
  CHANNELS,
  type Channel,
  check,
  type DossierAction,
  type DossierState,
  INITIAL,
  reduce,
  STATUSES,
  type Status,
  TERMINAL,
  TRANSITIONS,
} from "./lifecycle.js";

const ROLES: ActorRole[] = [
  "citizen",
  "agent",
  "receiver",
  "specialist",
  "approver",
  "agency_officer",
  "system",
];
const at = (i: number) => new Date(Date.UTC(2026, 2, 2, 2, i));

/**
 * The moves left on a closed dossier: the citizen's feedback or complaint and an officer's answer
 * (src/domain/complaints.ts), and the platform recording a bank transfer that arrives late.
 */
const LATE_MONEY = [
  { type: "complain", role: "citizen" },
  ...(["receiver", "specialist", "approver", "agency_officer"] as const).map((role) => ({
    type: "answer_complaint",
    role,
  })),
  { type: "record_transfer", role: "system" },
];

/** One step of a generated journey: which legal move to take (an index into the legal moves) and its details. */
type Step = { pick: number; progress: boolean; exit: boolean; fee: number; reason: string };
const arbStep: fc.Arbitrary<Step> = fc.record({
  pick: fc.nat(),
  // Three steps in four prefer a move that changes the status; the rest may be any legal move
  // (save a draft, claim, record a payment), so those interleavings are walked too.
  progress: fc.boolean().chain((b) => (b ? fc.constant(true) : fc.boolean())),
  // One step in eight may leave the journey early (withdraw, refuse receipt, refuse).
  exit: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
  fee: fc.constantFrom(0, 0, 25_000, 100_000),
  reason: fc.constantFrom("Thiếu giấy chứng sinh", "Sai họ tên người yêu cầu", "Không đủ điều kiện"),
});
const arbJourney = fc.record({
  channel: fc.constantFrom<Channel>(...CHANNELS),
  steps: fc.array(arbStep, { minLength: 10, maxLength: 40 }),
});

/** Every (action, role) the table allows now, by any role (reasons given where the table needs one). */
function legalMoves(state: DossierState): Array<{ type: ActionType; role: ActorRole }> {
  const moves = ROLES.flatMap((role) => availableActions(state, role).map((type) => ({ type, role })));
  // The platform's share of an action a person also takes (receiving a linked step, withdrawing
  // one it could not start) leads to the same state: walked once, by the person, so that journeys
  // keep their mix.
  // The platform's own refusal where only it may refuse (`systemFrom`: a head of household's
  // refusal) is rare and checked on its own (lifecycle.test.ts, the forbidden moves below).
  return moves.filter(
    (m) =>
      m.role !== "system" ||
      (!moves.some((o) => o.type === m.type && o.role !== "system") &&
        TRANSITIONS[m.type].from.includes(state.status)),
  );
}

/** Walks a journey through legal moves only; returns the log and the statuses it went through. */
function walk(channel: Channel, steps: Step[]) {
  const creator: ActorRole = channel === "online" ? "citizen" : channel === "counter" ? "receiver" : "agent";
  let state = apply(INITIAL, { type: "create", role: creator, at: at(0), actorId: creator, channel });
  const log: DossierAction[] = [{ type: "create", role: creator, at: at(0), actorId: creator, channel }];
  const seen = new Set<Status>([state.status]);
  steps.forEach((step, i) => {
    const all = legalMoves(state);
    if (all.length === 0) return;
    // Exits and complaints (possible at every step after submission) only on the rare steps, so
    // that journeys still reach their result as often.
    const staying = all.filter((m) => !EXITS.has(m.type) && !COMPLAINTS.has(m.type));
    const moves = step.exit || staying.length === 0 ? all : staying;
    const moving = moves.filter((m) => TRANSITIONS[m.type].to !== "same" || blocked(state, m.type));
    const pool = step.progress && moving.length > 0 ? moving : moves;
    const move = pool[step.pick % pool.length] as { type: ActionType; role: ActorRole };
    const action: DossierAction = {
      ...move,
      at: at(i + 1),
      actorId: move.role,
      channel,
      reason: TRANSITIONS[move.type].needsReason ? step.reason : undefined,
      payload:
        move.type === "submit"
          ? { fee: step.fee }
          : move.type === "receive"
            ? { dueAt: at(i + 600).toISOString() }
            : move.type === "issue_result"
              ? { resultNumber: `KQ-${i}` }
              : undefined,
    };
    expect(check(state, action)).toEqual({ ok: true });
    state = apply(state, action);
    log.push(action);
    seen.add(state.status);
  });
  return { state, log, seen };
}

/** Moves that end a journey before its result. */
const EXITS: ReadonlySet<ActionType> = new Set(["withdraw", "refuse_receipt", "refuse"]);

/** The citizen's feedback or complaint and its answer: status-keeping, allowed after submission. */
const COMPLAINTS: ReadonlySet<ActionType> = new Set(["complain", "answer_complaint"]);

const EXIT_STATUSES: ReadonlySet<Status> = new Set(["withdrawn", "rejected", "refused"]);

/** A status-keeping move that unblocks progress (the agent's confirmation, the fee's payment). */
function blocked(state: DossierState, type: ActionType): boolean {
  return (
    (type === "confirm_on_behalf" && !state.onBehalfConfirmed) ||
    (type === "record_payment" && state.fee > 0 && !state.feePaid)
  );
}

const reached = new Map<Status, number>(STATUSES.map((s) => [s, 0]));
let runs = 0;

describe("lifecycle: legal journeys generated from the transition table", () => {
  afterAll(() => {
    // The report the issue asks for: how many runs reached each status.
    const lines = STATUSES.map((s) => `${s.padEnd(22)} ${String(reached.get(s)).padStart(4)} / ${runs}`);
    console.info(`lifecycle journeys: runs reaching each status\n${lines.join("\n")}`);
  });

  it("every generated move is legal, the projection equals the replay, and invariants hold", () => {
    fc.assert(
      fc.property(arbJourney, ({ channel, steps }) => {
        const { state, log, seen } = walk(channel, steps);
        runs += 1;
        for (const s of seen) reached.set(s, (reached.get(s) ?? 0) + 1);
        // Replay (also through JSON, as stored) gives the same state.
        expect(reduce(log)).toEqual(state);
        const stored = JSON.parse(JSON.stringify(log), (k, v) => (k === "at" ? new Date(v) : v));
        expect(reduce(stored)).toEqual(state);
        // One open pause exactly while waiting for the citizen; each request opened one pause.
        expect(state.pauses.filter((p) => p.to === null).length).toBe(
          state.status === "supplement_requested" ? 1 : 0,
        );
        expect(state.pauses.length).toBe(state.supplementRequests);
        // Received online with a fee: it was paid first.
        if (state.receivedAt && state.fee > 0 && channel !== "counter") expect(state.feePaid).toBe(true);
        // Decided exactly when a result was issued or a refusal given; never for withdrawn/rejected.
        const decided = log.some((a) => a.type === "issue_result" || a.type === "refuse");
        expect(state.decidedAt !== null).toBe(decided);
        // Terminal means no move for anyone, but a complaint and its answer, and the platform
        // recording money a bank sent late.
        if (TERMINAL.has(state.status)) expect(legalMoves(state)).toEqual(LATE_MONEY);
      }),
      { numRuns: 600, seed: 20261130 },
    );
    // Deep journeys, not just drafts: every status is reached, and each status of the way to a
    // returned result in most runs (measured with this seed: 58–100 % of 600 runs; exits 6–10 %).
    const share = (s: Status) => (reached.get(s) ?? 0) / runs;
    for (const s of STATUSES) {
      expect(share(s), s).toBeGreaterThan(EXIT_STATUSES.has(s) ? 0.03 : 0.6);
    }
  });

  it("from every reached state, each move the table forbids is refused for the right reason", () => {
    fc.assert(
      fc.property(
        arbJourney,
        fc.constantFrom(...ACTIONS),
        fc.constantFrom(...ROLES),
        ({ channel, steps }, type, role) => {
          const { state } = walk(channel, steps);
          const rule = TRANSITIONS[type];
          const from = role === "system" ? [...rule.from, ...(rule.systemFrom ?? [])] : rule.from;
          const statusOk = type === "create" ? state.actions === 0 : from.includes(state.status);
          const verdict = check(state, { type, role, reason: "lý do" });
          if (!statusOk) expect(verdict).toEqual({ ok: false, reason: "status" });
          else if (!rule.roles.includes(role)) expect(verdict).toEqual({ ok: false, reason: "role" });
          if (rule.needsReason && statusOk && rule.roles.includes(role)) {
            for (const reason of [undefined, "", "   "])
              expect(check(state, { type, role, reason })).toEqual({ ok: false, reason: "reason_required" });
          }
        },
      ),
      { numRuns: 600, seed: 20261130 },
    );
  });
});

describe("lifecycle: replay is total", () => {
  const arbRecorded: fc.Arbitrary<DossierAction> = fc.record({
    // Any action of today's table, or one a later version no longer knows.
    type: fc.oneof(
      fc.constantFrom(...ACTIONS),
      fc.constantFrom("legacy_transfer", "sign_off"),
    ) as fc.Arbitrary<ActionType>,
    role: fc.constantFrom(...ROLES),
    at: fc.integer({ min: 0, max: 10_000 }).map(at),
    actorId: fc.constant("x"),
    channel: fc.constantFrom(...CHANNELS),
    reason: fc.option(fc.string(), { nil: undefined }),
    payload: fc.option(
      fc.dictionary(
        fc.constantFrom("fee", "dueAt", "resultNumber"),
        fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.constant("2026-03-09T10:00:00Z")),
      ),
      { nil: undefined },
    ),
  });

  it("any recorded history folds without throwing, counting every action", () => {
    fc.assert(
      fc.property(fc.array(arbRecorded, { maxLength: 40 }), (log) => {
        const s = reduce(log);
        expect(s.actions).toBe(log.length);
        expect(STATUSES).toContain(s.status);
      }),
      { numRuns: 500, seed: 20261130 },
    );
  });

  it("a history today's rules refuse still replays as it happened", () => {
    // Suppose an older rule let the citizen withdraw while in processing, and a receiver approve.
    const old: DossierAction[] = [
      { type: "create", role: "citizen", at: at(0), actorId: "c", channel: "online" },
      { type: "submit", role: "citizen", at: at(1), actorId: "c", channel: "online", payload: { fee: 0 } },
      { type: "receive", role: "receiver", at: at(2), actorId: "r", channel: "online" },
      { type: "forward", role: "receiver", at: at(3), actorId: "r", channel: "online" },
      { type: "withdraw", role: "citizen", at: at(4), actorId: "c", channel: "online" },
    ];
    expect(check(reduce(old.slice(0, 4)), old[4] as DossierAction)).toEqual({ ok: false, reason: "status" });
    const s = reduce(old);
    expect(s.status).toBe("withdrawn");
    expect(s.finishedAt).toEqual(at(4));
    expect(s.decidedAt).toBeNull();
    // And a new action is judged by today's rules on that state: nothing follows a withdrawal
    // but a complaint and its answer, and a bank transfer that still arrives (recorded, to be refunded).
    expect(legalMoves(s)).toEqual(LATE_MONEY);
  });
});

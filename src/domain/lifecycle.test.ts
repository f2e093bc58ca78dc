import { describe, expect, it } from "vitest";
import {
  type ActorRole,
  AWAITING_SUPPLEMENT,
  apply,
  BEFORE_RECEIPT,
  check,
  type DossierAction,
  type DossierState,
  FILING_CHANNEL,
  GRANTED,
  INITIAL,
  isDraft,
  RATABLE,
  reduce,
  STATUSES,
  type Status,
  TRANSITIONS,
  timelineOf,
} from "./lifecycle.js";

const t = (minute: number) => new Date(Date.UTC(2026, 2, 2, 2, minute));
const act = (
  type: DossierAction["type"],
  role: ActorRole,
  minute: number,
  extra: Partial<DossierAction> = {},
): DossierAction => ({
  type,
  role,
  at: t(minute),
  actorId: role,
  channel: "online",
  reason: "lý do",
  ...extra,
});

describe("lifecycle: the legal journey", () => {
  it("draft → … → result returned, with one supplement pause", () => {
    const log = [
      act("create", "citizen", 0),
      act("save_draft", "citizen", 1),
      act("submit", "citizen", 2),
      act("receive", "receiver", 3),
      act("forward", "receiver", 4),
      act("request_supplement", "specialist", 5),
      act("supplement", "citizen", 9),
      act("approve", "approver", 10),
      act("issue_result", "approver", 11),
      act("return_result", "receiver", 12),
    ];
    const s = reduce(log);
    expect(s.status).toBe("result_returned");
    expect(s.pauses).toEqual([{ from: t(5), to: t(9) }]);
    expect(s.supplementRequests).toBe(1);
    expect(s.finishedAt).toEqual(t(10));
    expect(s.submittedAt).toEqual(t(2));
    expect(s.receivedAt).toEqual(t(3));
  });
});

describe("lifecycle: the state the due rule and the web read", () => {
  it("receipt fixes the legal due instant; an open supplement request carries its reason; decided at the result", () => {
    const due = new Date("2026-03-05T10:00:00Z");
    const received = [
      act("create", "citizen", 0),
      act("submit", "citizen", 1),
      act("receive", "receiver", 2, { payload: { dueAt: due.toISOString() } }),
      act("forward", "receiver", 3),
      act("request_supplement", "specialist", 4, { reason: "Thiếu giấy chứng sinh" }),
    ];
    const waiting = reduce(received);
    expect(waiting.legalDueAt).toEqual(due);
    expect(waiting.supplementRequest).toEqual({ at: t(4), reason: "Thiếu giấy chứng sinh" });
    const decided = reduce([
      ...received,
      act("supplement", "citizen", 6),
      act("approve", "approver", 7),
      act("issue_result", "approver", 8),
    ]);
    expect(decided.supplementRequest).toBeNull();
    expect(decided.finishedAt).toEqual(t(7));
    expect(decided.decidedAt).toEqual(t(8));
    const refused = reduce([...received, act("supplement", "citizen", 6), act("refuse", "approver", 9)]);
    expect(refused.decidedAt).toEqual(t(9));
    const withdrawn = reduce([
      act("create", "citizen", 0),
      act("submit", "citizen", 1),
      act("withdraw", "citizen", 2),
    ]);
    expect(withdrawn.decidedAt).toBeNull();
  });
});

describe("lifecycle: refusals (table)", () => {
  const submitted = reduce([act("create", "citizen", 0), act("submit", "citizen", 1)]);
  const processing = reduce([
    act("create", "citizen", 0),
    act("submit", "citizen", 1),
    act("receive", "receiver", 2),
    act("forward", "receiver", 3),
  ]);
  it.each<[string, DossierState, Pick<DossierAction, "type" | "role" | "reason">, string]>([
    ["a citizen cannot receive", submitted, { type: "receive", role: "citizen" }, "role"],
    ["a receiver cannot approve", processing, { type: "approve", role: "receiver" }, "role"],
    ["approve before processing", submitted, { type: "approve", role: "approver" }, "status"],
    ["withdraw once processing started", processing, { type: "withdraw", role: "citizen" }, "status"],
    [
      "refuse needs a reason",
      processing,
      { type: "refuse", role: "approver", reason: " " },
      "reason_required",
    ],
    [
      "supplement request needs a reason",
      processing,
      { type: "request_supplement", role: "specialist" },
      "reason_required",
    ],
    ["submit twice", submitted, { type: "submit", role: "citizen" }, "status"],
    ["create twice", submitted, { type: "create", role: "citizen" }, "status"],
    ["nothing before create", INITIAL, { type: "submit", role: "citizen" }, "status"],
  ])("%s", (_name, state, action, reason) => {
    expect(check(state, action)).toEqual({ ok: false, reason });
  });

  it("an agent's dossier needs the citizen's confirmation before submit", () => {
    const draft = reduce([act("create", "agent", 0, { channel: "online_on_behalf" })]);
    expect(check(draft, { type: "submit", role: "agent" })).toEqual({
      ok: false,
      reason: "confirmation_required",
    });
    const confirmed = apply(draft, act("confirm_on_behalf", "citizen", 1, { channel: "online_on_behalf" }));
    expect(check(confirmed, { type: "submit", role: "agent" })).toEqual({ ok: true });
  });
});

// Properties (generated legal journeys, forbidden moves, total replay): lifecycle.property.test.ts.

describe("lifecycle: the platform ends a dossier on a head of household's refusal", () => {
  const received = [act("create", "citizen", 0), act("submit", "citizen", 1), act("receive", "receiver", 2)];
  it("not received yet: refused at receipt; received: refused, a decision; officers' rules unchanged", () => {
    const submitted = reduce(received.slice(0, 2));
    expect(check(submitted, { type: "refuse_receipt", role: "system", reason: "x" })).toEqual({ ok: true });
    const r = reduce([...received, act("refuse", "system", 3)]);
    expect([r.status, r.decidedAt]).toEqual(["refused", t(3)]);
    expect(check(reduce(received), { type: "refuse", role: "approver", reason: "x" })).toEqual({
      ok: false,
      reason: "status",
    });
  });
  it("while waiting for a supplement: refused, and the wait ends with it", () => {
    const waiting = [...received, act("request_supplement", "receiver", 3)];
    expect(check(reduce(waiting), { type: "refuse", role: "system", reason: "x" })).toEqual({ ok: true });
    const r = reduce([...waiting, act("refuse", "system", 5)]);
    expect(r.status).toBe("refused");
    expect(r.pauses).toEqual([{ from: t(3), to: t(5) }]);
    expect(r.supplementRequest).toBeNull();
  });
});

describe("lifecycle: the platform decides only an automatic linked step (table)", () => {
  const filed = (decision?: string) => [
    act("create", "citizen", 0),
    act("submit", "citizen", 1, {
      payload: { linked: { groupId: "g", step: "s", ...(decision ? { decision } : {}) } },
    }),
    act("receive", "system", 2),
  ];
  const automatic = filed("automatic");
  const officers = filed();
  const plain = [act("create", "citizen", 0), act("submit", "citizen", 1), act("receive", "receiver", 2)];
  const then = (log: DossierAction[], ...more: DossierAction[]) => reduce([...log, ...more]);
  it.each<[string, DossierState, DossierAction["type"], true | string]>([
    ["automatic: forward once received", reduce(automatic), "forward", true],
    ["automatic: approve in processing", then(automatic, act("forward", "system", 3)), "approve", true],
    [
      "automatic: issue once approved",
      then(automatic, act("forward", "system", 3), act("approve", "system", 4)),
      "issue_result",
      true,
    ],
    ["automatic: still no approval before processing", reduce(automatic), "approve", "status"],
    [
      "automatic: no return of the result (the officer's)",
      then(
        automatic,
        act("forward", "system", 3),
        act("approve", "system", 4),
        act("issue_result", "system", 5),
      ),
      "return_result",
      "role",
    ],
    ["automatic: no supplement request", reduce(automatic), "request_supplement", "role"],
    ["a linked step its officers decide: no forward", reduce(officers), "forward", "role"],
    [
      "a linked step its officers decide: no approval",
      then(officers, act("forward", "specialist", 3)),
      "approve",
      "role",
    ],
    ["any other dossier: no approval", then(plain, act("forward", "specialist", 3)), "approve", "role"],
    [
      "any other dossier: no issue",
      then(plain, act("forward", "specialist", 3), act("approve", "approver", 4)),
      "issue_result",
      "role",
    ],
  ])("%s", (_name, state, type, expected) => {
    expect(check(state, { type, role: "system", reason: "x" })).toEqual(
      expected === true ? { ok: true } : { ok: false, reason: expected },
    );
  });
  it("the officers keep their rights on an automatic step (a refused automatic decision is theirs)", () => {
    const state = reduce(automatic);
    expect(state.automaticDecision).toBe(true);
    expect(check(state, { type: "forward", role: "specialist" })).toEqual({ ok: true });
    expect(reduce(officers).automaticDecision).toBe(false);
  });
});

describe("lifecycle: named sets the server and the web app share (table)", () => {
  // status → [draft, before receipt, awaiting a supplement, granted, ratable]
  const table: Record<Status, [boolean, boolean, boolean, boolean, boolean]> = {
    draft: [true, true, false, false, false],
    submitted: [false, true, false, false, false],
    received: [false, false, false, false, false],
    in_processing: [false, false, false, false, false],
    supplement_requested: [false, false, true, false, false],
    supplemented: [false, false, false, false, false],
    approved: [false, false, false, true, false],
    result_issued: [false, false, false, true, false],
    result_returned: [false, false, false, true, true],
    refused: [false, false, false, false, false],
    rejected: [false, false, false, false, false],
    withdrawn: [false, false, false, false, false],
  };
  it.each(STATUSES.map((s) => [s, ...table[s]] as const))(
    "%s",
    (s, draft, before, awaiting, granted, ratable) => {
      expect([
        isDraft(s),
        BEFORE_RECEIPT.has(s),
        AWAITING_SUPPLEMENT.has(s),
        GRANTED.has(s),
        RATABLE.has(s),
      ]).toEqual([draft, before, awaiting, granted, ratable]);
    },
  );

  it("every role that creates a dossier has its channel, and no other role has one", () => {
    expect(Object.keys(FILING_CHANNEL).sort()).toEqual([...TRANSITIONS.create.roles].sort());
    expect(FILING_CHANNEL).toEqual({ citizen: "online", agent: "online_on_behalf", receiver: "counter" });
  });
});

describe("lifecycle: the timeline a person reads", () => {
  const at = "2026-11-04T02:00:07.000Z";
  // The log as it may arrive (newest first, or in any order), two actions at the same instant.
  const log = [
    { seq: 5, type: "assign", at },
    { seq: 2, type: "submit", at: "2026-11-04T02:00:05.000Z" },
    { seq: 4, type: "receive", at },
    { seq: 3, type: "save_draft", at: "2026-11-04T02:00:04.000Z" },
    { seq: 1, type: "create", at: "2026-11-04T02:00:03.000Z" },
  ];
  it("lists what happened first to last by the log's sequence: received, then assigned, at one instant", () => {
    expect(timelineOf(log).map((e) => e.type)).toEqual(["create", "submit", "receive", "assign"]);
  });
  it("leaves the input as it was", () => {
    timelineOf(log);
    expect(log.map((e) => e.seq)).toEqual([5, 2, 4, 3, 1]);
  });
});

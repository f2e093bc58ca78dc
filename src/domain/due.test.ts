import { describe, expect, it } from "vitest";
import {
  clockOf,
  decidedOnTime,
  dueAt,
  dueInstants,
  dueStateAt,
  dueStateOf,
  leftToday,
  NEAR_DUE,
  nearDueThreshold,
} from "./due.js";

const at = (iso: string) => new Date(`${iso}+07:00`);
const H = 3600_000;
const pause = (from: string, to: string | null) => ({ from: at(from), to: to ? at(to) : null });

describe("dueAt", () => {
  it.each([
    ["Mon 10:00 + 3 days → end of Thu", "2026-03-02T10:00", { workingDays: 3 }, "2026-03-05T17:00"],
    [
      "Mon 15:30 + 3 days → end of Fri (15:00 rule)",
      "2026-03-02T15:30",
      { workingDays: 3 },
      "2026-03-06T17:00",
    ],
    ["same working day", "2026-03-02T09:00", { workingDays: 0 }, "2026-03-02T17:00"],
    ["same working day, after 15:00 → next day", "2026-03-02T16:00", { workingDays: 0 }, "2026-03-03T17:00"],
    ["Fri 14:00 + 2 days across a weekend", "2026-03-06T14:00", { workingDays: 2 }, "2026-03-10T17:00"],
    ["Fri 13 Feb 2026 10:00 + 3 days across Tết", "2026-02-13T10:00", { workingDays: 3 }, "2026-02-25T17:00"],
  ])("%s", (_n, received, limit, due) => {
    expect(dueAt(at(received), limit)).toEqual(at(due));
  });
});

describe("the near-due threshold: the last working day, or the last quarter of a limit of a day or less", () => {
  it.each([
    [29.5 * H, 8 * H],
    [8 * H, 2 * H],
    [4 * H, 1 * H],
  ])("allowed %d ms → %d ms", (allowed, threshold) => {
    expect(nearDueThreshold(allowed)).toBe(threshold);
  });
  it("is one constant of the domain", () => {
    expect(NEAR_DUE.workingMillis).toBe(8 * H);
  });
});

describe("dueInstants: the legal due instant moved by closed supplement waits, and the near-due instant", () => {
  it.each([
    [
      "no pause: due Thu 17:00, near due from Wed 17:00 (one working day left)",
      "2026-03-02T10:00",
      "2026-03-05T17:00",
      [],
      "2026-03-05T17:00",
      "2026-03-04T17:00",
    ],
    [
      "a wait Tue 08:00 → Wed 08:00 paused 8 working hours: due moves to Fri 17:00",
      "2026-03-02T10:00",
      "2026-03-05T17:00",
      [pause("2026-03-03T08:00", "2026-03-04T08:00")],
      "2026-03-06T17:00",
      "2026-03-05T17:00",
    ],
    [
      "a wait requested after the due instant (Fri 11:00 → Mon 14:00) does not move it",
      "2026-03-02T10:00",
      "2026-03-05T17:00",
      [pause("2026-03-06T11:00", "2026-03-09T14:00")],
      "2026-03-05T17:00",
      "2026-03-04T17:00",
    ],
    [
      "a wait still open is not counted yet (the clock stands still instead)",
      "2026-03-02T10:00",
      "2026-03-05T17:00",
      [pause("2026-03-03T08:00", null)],
      "2026-03-05T17:00",
      "2026-03-04T17:00",
    ],
    [
      "received Fri 13 Feb 2026, before Tết: due Wed 25 Feb, near due from Tue 24 Feb 17:00",
      "2026-02-13T10:00",
      "2026-02-25T17:00",
      [],
      "2026-02-25T17:00",
      "2026-02-24T17:00",
    ],
    [
      "a wait Thu 12 Feb 10:00 → Mon 23 Feb 09:00 spans Tết: only its 5.5 + 8 + 1.5 working hours count",
      "2026-02-11T10:00",
      "2026-02-23T17:00",
      [pause("2026-02-12T10:00", "2026-02-23T09:00")],
      // Legal due Mon 23 Feb 17:00 + 15 working hours → Wed 25 Feb 16:00.
      "2026-02-25T16:00",
      "2026-02-24T16:00",
    ],
    [
      "a limit in working hours (4 h from Mon 09:00): near due for the last hour",
      "2026-03-02T09:00",
      "2026-03-02T14:30",
      [],
      "2026-03-02T14:30",
      "2026-03-02T13:30",
    ],
  ] as const)("%s", (_n, received, legal, pauses, due, near) => {
    const i = dueInstants({ receivedAt: at(received), legalDueAt: at(legal), pauses });
    expect(i).toEqual({ dueAt: at(due), nearDueAt: at(near) });
  });
});

describe("dueStateAt / dueStateOf: one rule for the clock, the queue and the badges", () => {
  const instants = { dueAt: at("2026-03-05T17:00"), nearDueAt: at("2026-03-04T17:00") };
  it.each([
    ["2026-03-04T16:59", "on_time"],
    ["2026-03-04T17:00", "near_due"],
    ["2026-03-05T17:00", "near_due"],
    ["2026-03-05T17:01", "overdue"],
  ] as const)("at %s → %s", (now, state) => {
    expect(dueStateAt(instants, at(now))).toBe(state);
    // The badge reads the same from the API's ISO strings.
    const wire = { dueAt: instants.dueAt.toISOString(), nearDueAt: instants.nearDueAt.toISOString() };
    expect(dueStateOf({ status: "in_processing", ...wire }, at(now))).toBe(state);
  });
  it("no state while the clock does not run (waiting for the citizen, decided) or before receipt", () => {
    const now = at("2026-03-06T10:00");
    expect(dueStateOf({ status: "supplement_requested", ...instants }, now)).toBeNull();
    expect(dueStateOf({ status: "result_issued", ...instants }, now)).toBeNull();
    expect(dueStateOf({ status: "submitted", dueAt: null, nearDueAt: null }, now)).toBeNull();
    expect(dueStateOf({ status: "approved", ...instants }, now)).toBe("overdue");
  });
});

describe("decidedOnTime (KPIS.md)", () => {
  const due = at("2026-03-05T17:00");
  it.each([
    ["at the due instant, no supplement", "2026-03-05T17:00", 0, true],
    ["one minute late", "2026-03-05T17:01", 0, false],
    ["on time after one supplement request", "2026-03-04T10:00", 1, true],
    ["on time but after two supplement requests", "2026-03-04T10:00", 2, false],
  ] as const)("%s", (_n, decided, requests, onTime) => {
    expect(decidedOnTime({ decidedAt: at(decided), dueAt: due, supplementRequests: requests })).toBe(onTime);
  });
});

describe("clockOf (received Mon 2 Mar 2026 10:00, 3 working days, due Thu 17:00; 29.5 working hours)", () => {
  const receivedAt = at("2026-03-02T10:00");
  const legalDueAt = at("2026-03-05T17:00");
  it.each([
    ["Tue 10:00: 8 h used", "2026-03-03T10:00", [], "in_processing", null, "on_time", 8],
    ["Thu 10:00: 24 h used, last day", "2026-03-05T10:00", [], "in_processing", null, "near_due", 24],
    ["Fri 09:00: 31 h used", "2026-03-06T09:00", [], "in_processing", null, "overdue", 31],
    [
      "Fri 09:00 but waiting for a supplement since Tue 08:00: the clock reads Tue 08:00",
      "2026-03-06T09:00",
      [{ from: "2026-03-03T08:00", to: null }],
      "supplement_requested",
      null,
      "on_time",
      6,
    ],
    [
      "supplement Tue 08:00 → Wed 08:00, now Fri 09:00: due moved to Fri 17:00",
      "2026-03-06T09:00",
      [{ from: "2026-03-03T08:00", to: "2026-03-04T08:00" }],
      "supplemented",
      null,
      "near_due",
      23,
    ],
    ["decided Wed 10:00", "2026-03-09T10:00", [], "result_issued", "2026-03-04T10:00", "on_time", 16],
    ["decided Fri 09:00", "2026-03-09T10:00", [], "refused", "2026-03-06T09:00", "overdue", 31],
  ] as const)("%s → %s", (_n, now, pauses, status, decided, state, usedHours) => {
    const ps = pauses.map((p) => ({ from: at(p.from), to: p.to ? at(p.to) : null }));
    const c = clockOf({
      status,
      receivedAt,
      legalDueAt,
      instants: dueInstants({ receivedAt, legalDueAt, pauses: ps }),
      pauses: ps,
      supplementRequests: ps.length,
      decidedAt: decided ? at(decided) : null,
      finishedAt: decided ? at(decided) : null,
      now: at(now),
    });
    expect(c.allowedWorkingMillis).toBe(29.5 * H);
    expect(c.usedWorkingMillis).toBe(usedHours * H);
    expect(c.remainingWorkingMillis).toBe((29.5 - usedHours) * H);
    expect(c.state).toBe(state);
    expect(c.pausedNow).toBe(status === "supplement_requested");
    expect(c.finishedOnTime).toBe(decided ? state === "on_time" : null);
  });
});

describe("leftToday: a deadline later today reads in hours and minutes, not '1 working day'", () => {
  it.each([
    // [now, due, expected]
    ["2026-12-02T07:24", "2026-12-02T17:00", { hours: 9, minutes: 36, dueTime: "17:00" }],
    ["2026-12-02T16:59:30", "2026-12-02T17:00", { hours: 0, minutes: 1, dueTime: "17:00" }],
    ["2026-12-02T11:45", "2026-12-02T15:30", { hours: 3, minutes: 45, dueTime: "15:30" }],
    ["2026-12-02T00:10", "2026-12-02T17:00", { hours: 16, minutes: 50, dueTime: "17:00" }],
    // due tomorrow (UTC date the same, local date not), already past, exactly now: working days say it
    ["2026-12-02T17:30", "2026-12-03T17:00", null],
    ["2026-12-02T06:30", "2026-12-03T07:00", null],
    ["2026-12-02T17:01", "2026-12-02T17:00", null],
    ["2026-12-02T17:00", "2026-12-02T17:00", null],
  ] as const)("now %s, due %s → %o", (now, due, expected) => {
    expect(leftToday(at(due), at(now))).toEqual(expected);
  });
});

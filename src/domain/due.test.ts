import { describe, expect, it } from "vitest";
import { clockOf, dueAt } from "./due.js";

const at = (iso: string) => new Date(`${iso}+07:00`);
const H = 3600_000;

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
  ])("%s", (_n, received, limit, due) => {
    expect(dueAt(at(received), limit)).toEqual(at(due));
  });
});

describe("clockOf (received Mon 2 Mar 2026 10:00, 3 working days, due Thu 17:00; 29.5 working hours)", () => {
  const receivedAt = at("2026-03-02T10:00");
  const due = at("2026-03-05T17:00");
  it.each([
    ["Tue 10:00: 8 h used", "2026-03-03T10:00", [], null, "on_time", 8],
    ["Thu 10:00: 24 h used, last day", "2026-03-05T10:00", [], null, "near_due", 24],
    ["Fri 09:00: 31 h used", "2026-03-06T09:00", [], null, "overdue", 31],
    [
      "Fri 09:00 but waiting for a supplement since Tue 08:00",
      "2026-03-06T09:00",
      [{ from: "2026-03-03T08:00", to: null }],
      null,
      "on_time",
      6,
    ],
    [
      "supplement Tue 08:00 → Wed 08:00, now Fri 09:00",
      "2026-03-06T09:00",
      [{ from: "2026-03-03T08:00", to: "2026-03-04T08:00" }],
      null,
      "near_due",
      23,
    ],
    ["finished Wed 10:00", "2026-03-09T10:00", [], "2026-03-04T10:00", "on_time", 16],
  ] as const)("%s → %s", (_n, now, pauses, finished, state, usedHours) => {
    const c = clockOf({
      receivedAt,
      due,
      pauses: pauses.map((p) => ({ from: at(p.from), to: p.to ? at(p.to) : null })),
      finishedAt: finished ? at(finished) : null,
      now: at(now),
    });
    expect(c.allowedWorkingMillis).toBe(29.5 * H);
    expect(c.usedWorkingMillis).toBe(usedHours * H);
    expect(c.state).toBe(state);
    expect(c.finishedOnTime).toBe(finished ? true : null);
  });
});

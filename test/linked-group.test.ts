import { describe, expect, it } from "vitest";
import {
  citizenLimit,
  plannedDue,
  supplementDeadline,
  supplementOverdue,
} from "../src/domain/linked-clock.js";
import {
  dependantsOf,
  groupProblems,
  groupState,
  LinkedGroupDefinition,
  type StepRecord,
  selectMembers,
  startable,
  stepPrefill,
} from "../src/domain/linked-group.js";
import { birthGroup, deathGroup, deathGroupV2, deathGroupV3 } from "../src/modules/catalog/index.js";

// Local wall-clock inputs with an explicit +07:00 offset; expected instants written in UTC
// ("17:00 local" = "10:00Z"), so no expectation is derived from the code under test.
const vn = (localIso: string): Date => new Date(`${localIso}:00+07:00`);
const birth = LinkedGroupDefinition.parse(birthGroup);
const death = LinkedGroupDefinition.parse(deathGroup);

describe("the starter groups are valid data", () => {
  it.each([
    ["birth", birth],
    ["death", death],
    ["death, version 2", LinkedGroupDefinition.parse(deathGroupV2)],
    ["death, version 3", LinkedGroupDefinition.parse(deathGroupV3)],
  ])("%s", (_name, def) => {
    expect(groupProblems(def)).toEqual([]);
  });

  it("marks the death group's limits unconfirmed, and never shows them to citizens", () => {
    expect(death.limit.confirmed).toBe(false);
    expect(death.members.every((m) => !m.limit.confirmed)).toBe(true);
    expect(citizenLimit(death.limit)).toBeNull();
    expect(citizenLimit(birth.limit)).toEqual({ workingDays: 3 });
  });
});

describe("the birth group's clocks (Decree 63/2024; calendar with holidays as data)", () => {
  // Fri 24 Apr 2026: Hùng Kings falls on Sun 26 Apr, compensated Mon 27 Apr; then 30 Apr and 1 May.
  it.each([
    {
      what: "Friday 15:30 before the Hùng Kings weekend: counts from Tue 28 Apr",
      at: "2026-04-24T15:30",
      verification: false,
      birth: "2026-04-28T10:00:00.000Z",
      residence: "2026-05-04T10:00:00.000Z",
      insurance: "2026-05-04T10:00:00.000Z",
      group: "2026-05-05T10:00:00.000Z",
    },
    {
      what: "the same, with verification: the group has 5 working days",
      at: "2026-04-24T15:30",
      verification: true,
      birth: "2026-04-28T10:00:00.000Z",
      residence: "2026-05-04T10:00:00.000Z",
      insurance: "2026-05-04T10:00:00.000Z",
      group: "2026-05-07T10:00:00.000Z",
    },
    {
      what: "Friday 14:59: counts from that Friday, birth registered the same day",
      at: "2026-04-24T14:59",
      verification: false,
      birth: "2026-04-24T10:00:00.000Z",
      residence: "2026-04-29T10:00:00.000Z",
      insurance: "2026-04-29T10:00:00.000Z",
      group: "2026-05-04T10:00:00.000Z",
    },
    {
      what: "Friday 15:30 before Tết 2026 (13 Feb): counts from Mon 23 Feb",
      at: "2026-02-13T15:30",
      verification: false,
      birth: "2026-02-23T10:00:00.000Z",
      residence: "2026-02-25T10:00:00.000Z",
      insurance: "2026-02-25T10:00:00.000Z",
      group: "2026-02-26T10:00:00.000Z",
    },
  ])("$what", (c) => {
    const due = plannedDue(birth, ["birth", "residence", "insurance"], vn(c.at), {
      verification: c.verification,
    });
    expect(due.steps.birth?.toISOString()).toBe(c.birth);
    expect(due.steps.residence?.toISOString()).toBe(c.residence);
    expect(due.steps.insurance?.toISOString()).toBe(c.insurance);
    expect(due.group.toISOString()).toBe(c.group);
  });

  it("gives 7 working days to supply missing documents", () => {
    // Asked Fri 24 Apr 2026 10:00: Tue 28, Wed 29, Mon 4, Tue 5, Wed 6, Thu 7, Fri 8 May.
    expect(supplementDeadline(birth.supplementWithin, vn("2026-04-24T10:00"))?.toISOString()).toBe(
      "2026-05-08T10:00:00.000Z",
    );
    // A limit the law does not confirm gives no deadline to show.
    expect(supplementDeadline({ workingDays: 7, confirmed: false }, vn("2026-04-24T10:00"))).toBeNull();
  });
});

describe("supplementOverdue: an unanswered request refuses the file once past its deadline", () => {
  // Asked Fri 24 Apr 2026 10:00, across the 30 Apr – 3 May holidays and weekend: due Fri 8 May 17:00.
  const asked = vn("2026-04-24T10:00");
  it.each([
    { what: "on the holiday weekend (Sat 2 May)", now: "2026-05-02T12:00", confirmed: true, overdue: null },
    { what: "the last minute (Fri 8 May 16:59)", now: "2026-05-08T16:59", confirmed: true, overdue: null },
    { what: "at 17:00 sharp it is still in time", now: "2026-05-08T17:00", confirmed: true, overdue: null },
    {
      what: "one minute past (Fri 8 May 17:01)",
      now: "2026-05-08T17:01",
      confirmed: true,
      overdue: "2026-05-08T10:00:00.000Z",
    },
    {
      what: "the next working day (Mon 11 May)",
      now: "2026-05-11T08:00",
      confirmed: true,
      overdue: "2026-05-08T10:00:00.000Z",
    },
    { what: "an unconfirmed limit never refuses", now: "2026-06-30T08:00", confirmed: false, overdue: null },
  ])("$what", (c) => {
    const within = { workingDays: 7, confirmed: c.confirmed };
    expect(supplementOverdue(within, asked, vn(c.now))?.toISOString() ?? null).toBe(c.overdue);
  });
});

describe("selectMembers", () => {
  it.each([
    { def: "birth", chosen: [], ok: ["birth"] },
    { def: "birth", chosen: ["residence", "insurance"], ok: ["birth", "residence", "insurance"] },
    { def: "death", chosen: ["funeral"], ok: ["death", "funeral"] },
    { def: "death", chosen: ["deregistration", "funeral"], ok: ["death", "deregistration", "funeral"] },
    { def: "death", chosen: [], problem: "Chọn từ 1 đến 2 thủ tục làm cùng với thủ tục bắt buộc." },
    { def: "birth", chosen: ["passport"], problem: "Nhóm không có thủ tục passport." },
  ])("$def $chosen", (c) => {
    const r = selectMembers(c.def === "birth" ? birth : death, c.chosen);
    if (c.ok) expect(r).toEqual({ ok: true, keys: c.ok });
    else expect(r.ok === false && r.problem.messageVi).toBe(c.problem);
  });
});

describe("groupProblems", () => {
  const base = LinkedGroupDefinition.parse(birthGroup);
  it.each([
    { what: "a cycle", edit: { dependsOn: ["residence"] }, at: "members" },
    { what: "an unknown dependency", edit: { dependsOn: ["passport"] }, at: "members.0.dependsOn" },
    { what: "a need nobody provides", edit: { needs: ["deathRegistered"] }, at: "members.0.needs" },
    // The birth registration given 2 working days: residence (2 more) would end on day 4 of 3.
    {
      what: "a step due after the group (birth 2 days + residence 2 > 3)",
      edit: { limit: { workingDays: 2, confirmed: true } },
      at: "members.1.limit",
    },
  ])("finds $what", (c) => {
    const def = { ...base, members: base.members.map((m, i) => (i === 0 ? { ...m, ...c.edit } : m)) };
    expect(groupProblems(def as typeof base).map((p) => p.path)).toContain(c.at);
  });

  it("a new version adds a member as data (the child's ID card)", () => {
    const card = {
      ...base.members[1],
      key: "idCard",
      procedureCode: "LOCAL.CCCD-TE",
    } as (typeof base.members)[number];
    const v2 = { ...base, members: [...base.members, card], choose: { min: 1, max: 4 } };
    expect(groupProblems(v2)).toEqual([]);
    expect(selectMembers(v2, ["idCard"])).toEqual({ ok: true, keys: ["birth", "idCard"] });
  });
});

describe("steps start, wait, fail and are cancelled", () => {
  const rec = (key: string, state: StepRecord["state"]): StepRecord => ({ key, state, dossierStatus: null });
  it.each([
    { what: "birth pending: nothing starts", steps: ["started", "waiting", "waiting"], facts: {}, out: [] },
    { what: "birth done, number unknown: wait", steps: ["done", "waiting", "waiting"], facts: {}, out: [] },
    {
      what: "birth done, number known: both start",
      steps: ["done", "waiting", "waiting"],
      facts: { childPersonalNumber: "048226000001" },
      out: ["residence", "insurance"],
    },
  ])("$what", (c) => {
    const steps = ["birth", "residence", "insurance"].map((k, i) =>
      rec(k, c.steps[i] as StepRecord["state"]),
    );
    expect(startable(birth, steps, c.facts)).toEqual(c.out);
  });

  it("a refused birth registration cancels the waiting steps after it", () => {
    const steps = [rec("birth", "failed"), rec("residence", "waiting"), rec("insurance", "waiting")];
    expect(dependantsOf(birth, "birth", steps)).toEqual(["residence", "insurance"]);
    expect(
      dependantsOf(death, "deregistration", [
        rec("death", "done"),
        rec("deregistration", "failed"),
        rec("funeral", "started"),
      ]),
    ).toEqual([]);
  });

  it.each([
    { states: ["done", "started"], out: "in_progress" },
    { states: ["done", "done"], out: "done" },
    { states: ["done", "failed"], out: "partly_done" },
    { states: ["failed", "cancelled"], out: "failed" },
  ])("group state of $states is $out", (c) => {
    expect(groupState(c.states.map((s, i) => rec(String(i), s as StepRecord["state"])))).toBe(c.out);
  });

  it("prefills the residence step from the birth form and the child's number", () => {
    const residence = birth.members[1];
    if (!residence) throw new Error("no residence member");
    const values = stepPrefill(
      residence,
      { birth: { "child.fullName": "Nguyễn Minh Châu", "child.birthDate": "2026-04-20", "child.sex": "F" } },
      { childPersonalNumber: "048326000123" },
    );
    expect(values).toEqual({
      "member.fullName": "Nguyễn Minh Châu",
      "member.birthDate": "2026-04-20",
      "member.sex": "F",
      "member.personalNumber": "048326000123",
    });
  });

  it.each([
    { at: "2026-11-30T08:15", out: "2026-11-30" },
    { at: "2026-11-30T08:15:00+07:00", out: "2026-11-30" },
    // The day in Vietnam: 23:30 there is still the 30th; 20:00 UTC on the 29th is 03:00 on the 30th.
    { at: "2026-11-30T23:30+07:00", out: "2026-11-30" },
    { at: "2026-11-29T20:00:00Z", out: "2026-11-30" },
    { at: "not a time", out: undefined },
  ])("the death group, version 3: the date of death of $at is $out for the later steps", (c) => {
    const v3 = LinkedGroupDefinition.parse(deathGroupV3);
    for (const key of ["funeral", "survivor"]) {
      const m = v3.members.find((x) => x.key === key);
      if (!m) throw new Error(key);
      expect(stepPrefill(m, { death: { "death.at": c.at } }, {})["deceased.diedDate"]).toBe(c.out);
    }
  });
});

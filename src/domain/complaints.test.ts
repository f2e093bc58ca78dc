import { describe, expect, it } from "vitest";
import {
  COMPLAINT_WORDS,
  complaintCells,
  complaintDueAt,
  complaintTextProblem,
  complaintWorkingDaysLeft,
  lastPassedDueDay,
} from "./complaints.js";
import { dossierFacts, factCells } from "./kpis.js";

const at = (s: string) => new Date(s);

describe("complaints: due, text, what the Decision 766 measure counts", () => {
  it.each([
    // Monday 09:00: 15 working days after it, 17:00.
    ["2026-12-07T09:00:00+07:00", "2026-12-28T17:00:00+07:00"],
    // At 15:00 or later it counts from the next working day (the calendar's intake rule).
    ["2026-12-07T15:30:00+07:00", "2026-12-29T17:00:00+07:00"],
    // On a Saturday: from Monday.
    ["2026-12-05T10:00:00+07:00", "2026-12-28T17:00:00+07:00"],
  ])("filed %s: due %s", (filed, due) => {
    expect(complaintDueAt(at(filed)).toISOString()).toBe(at(due).toISOString());
  });

  it.each([
    [undefined, "required"],
    ["", "required"],
    ["  \n\t ", "required"],
    ["Chậm.", null],
    [`  ${"a".repeat(2000)}  `, null],
    ["a".repeat(2001), "too_long"],
  ] as const)("text %j: %s", (text, problem) => {
    expect(complaintTextProblem(text)).toBe(problem);
  });

  const DUE = "2026-12-28T17:00:00.000Z";
  const complain = (id: string, filed: string, due = DUE) => ({
    type: "complain" as const,
    at: at(filed),
    payload: { complaintId: id, complaintDueAt: due },
  });
  const answer = (id: string, when: string) => ({
    type: "answer_complaint" as const,
    at: at(when),
    payload: { complaintId: id },
  });
  it.each([
    [
      "answered on time: on its answer's day",
      [complain("a", "2026-12-07T02:00:00Z"), answer("a", "2026-12-10T02:00:00Z")],
      [{ day: "2026-12-10", onTime: true, open: false }],
    ],
    [
      "answered at its due instant: on time",
      [complain("a", "2026-12-07T02:00:00Z"), answer("a", DUE)],
      [{ day: "2026-12-29", onTime: true, open: false }],
    ],
    [
      "answered after it: late, on its due day",
      [complain("a", "2026-12-07T02:00:00Z"), answer("a", "2026-12-29T02:00:00Z")],
      [{ day: "2026-12-29", onTime: false, open: false }],
    ],
    [
      "not answered: open, on its due day",
      [complain("a", "2026-12-07T02:00:00Z")],
      [{ day: "2026-12-29", onTime: false, open: true }],
    ],
    [
      "an answer to another complaint does not count",
      [complain("a", "2026-12-07T02:00:00Z"), answer("b", "2026-12-08T02:00:00Z")],
      [{ day: "2026-12-29", onTime: false, open: true }],
    ],
  ] as const)("%s", (_n, log, cells) => {
    expect(complaintCells(log)).toEqual(cells);
  });

  it("a complaint makes a finished dossier complained about, and counts on its own day", () => {
    const log = [
      {
        type: "receive" as const,
        at: at("2026-12-01T02:00:00Z"),
        payload: { dueAt: "2026-12-01T10:00:00Z" },
      },
      { type: "approve" as const, at: at("2026-12-01T03:00:00Z") },
      { type: "issue_result" as const, at: at("2026-12-01T04:00:00Z") },
      complain("a", "2026-12-07T02:00:00Z"),
      answer("a", "2026-12-10T02:00:00Z"),
    ];
    const input = {
      channel: "online" as const,
      fieldsPrefilled: 0,
      componentsReplaced: 0,
      paperComponents: 0,
      rating: null,
      complaint: false,
      log,
    };
    const f = dossierFacts(input);
    expect(f.complained).toBe(true);
    expect(factCells(f).find((c) => c.day === "2026-12-10")?.sums).toMatchObject({
      complaintsDue: 1,
      complaintsOnTime: 1,
      complaintsOpen: 0,
    });
    // Not finished: no complaint rate, the complaint still measured.
    const open = dossierFacts({ ...input, log: [log[0], log[3]].filter((a) => a !== undefined) });
    expect(open.complained).toBe(false);
    expect(open.complaints).toHaveLength(1);
  });

  it.each([
    ["2026-12-29T10:00:00+07:00", "2026-12-28"],
    ["2026-12-29T16:59:00+07:00", "2026-12-28"],
    ["2026-12-29T17:00:00+07:00", "2026-12-29"],
  ])("at %s the last due day passed is %s", (now, day) => {
    expect(lastPassedDueDay(at(now))).toBe(day);
  });

  it.each([
    ["2026-12-07T09:00:00+07:00", 15],
    ["2026-12-10T09:00:00+07:00", 12],
    ["2026-12-28T09:00:00+07:00", 0],
    ["2026-12-28T17:30:00+07:00", -1],
    ["2026-12-30T09:00:00+07:00", -2],
  ])("at %s: %s working days left", (now, left) => {
    expect(complaintWorkingDaysLeft(at("2026-12-28T17:00:00+07:00"), at(now))).toBe(left);
  });

  it("a text over the limit is refused in the platform's one term, the limit written as each language writes it", () => {
    expect(COMPLAINT_WORDS.COMPLAINT_TOO_LONG).toEqual({
      vi: "Nội dung phản ánh, kiến nghị dài quá 2.000 ký tự.",
      en: "The feedback or complaint is longer than 2,000 characters.",
    });
    expect(COMPLAINT_WORDS.COMPLAINT_ANSWER_TOO_LONG.vi).toBe(
      "Nội dung trả lời phản ánh, kiến nghị dài quá 2.000 ký tự.",
    );
  });
});

import { describe, expect, it } from "vitest";
import { draftSubject } from "./draft-subject.js";

/** Issue 14 review: drafts for different deceased persons are named by whom they are about. */
describe("draftSubject", () => {
  const cases: Array<[string, Record<string, unknown>, ReturnType<typeof draftSubject>]> = [
    ["no one named yet", { "requester.relationship": "child" }, null],
    ["a blank name", { "deceased.fullName": "  " }, null],
    [
      "the deceased, no day typed",
      { "deceased.fullName": "Nguyễn Văn Cường" },
      { kind: "deceased", name: "Nguyễn Văn Cường", date: null },
    ],
    [
      "the time of death typed: its day in Vietnam",
      { "deceased.fullName": "Nguyễn Văn Cường", "death.at": "2026-11-04T19:08" },
      { kind: "deceased", name: "Nguyễn Văn Cường", date: "2026-11-04" },
    ],
    [
      "an instant late in the evening UTC is the next day in Vietnam",
      { "deceased.fullName": "Trần Thị Bình", "death.at": "2026-11-03T18:30:00.000Z" },
      { kind: "deceased", name: "Trần Thị Bình", date: "2026-11-04" },
    ],
    [
      "the date of death of a benefit's form",
      { "deceased.fullName": "Trần Thị Bình", "deceased.diedDate": "2026-11-03" },
      { kind: "deceased", name: "Trần Thị Bình", date: "2026-11-03" },
    ],
    [
      "a time still being typed (no day yet) says no day",
      { "deceased.fullName": "Trần Thị Bình", "death.at": "04/11" },
      { kind: "deceased", name: "Trần Thị Bình", date: null },
    ],
    [
      "an impossible day says no day",
      { "deceased.fullName": "Trần Thị Bình", "deceased.diedDate": "2026-02-30" },
      { kind: "deceased", name: "Trần Thị Bình", date: null },
    ],
  ];
  it.each(cases)("%s", (_what, form, expected) => {
    expect(draftSubject(form)).toEqual(expected);
  });
});

import { describe, expect, it } from "vitest";
import { drillPart } from "./kpi-drill.js";

describe("drillPart: what a shown figure opens", () => {
  it.each([
    ["received", 12, "hit"],
    ["received", 0, null],
    ["onTime", 0, null],
    ["onTimeShare", 0.71, "hit"],
    ["onTimeShare", 0, "rest"],
    ["onTimeShare", null, null],
    ["fullyOnlineShare", 0, "rest"],
    ["complaintRate", 0, "rest"],
    ["complaintRate", 0.2, "hit"],
    ["satisfaction766", 0, "hit"],
    ["satisfaction766", 0.8, "hit"],
    ["averageProcessingWorkingDays", 0, "hit"],
    ["averageProcessingWorkingDays", null, null],
  ] as const)("%s = %s opens %s", (figure, value, part) => {
    expect(drillPart(figure, value)).toBe(part);
  });
});

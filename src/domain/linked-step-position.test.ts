import { describe, expect, it } from "vitest";
import { stepPosition } from "./linked-step-position.js";

describe("stepPosition", () => {
  const members = ["birth", "residence", "insurance"];
  it("counts the chosen steps in the group's order", () => {
    expect(stepPosition(members, ["insurance", "birth", "residence"], "residence")).toEqual({
      position: 2,
      of: 3,
    });
    expect(stepPosition(members, ["insurance", "birth"], "insurance")).toEqual({ position: 2, of: 2 });
  });
  it("a step not chosen has no place", () => {
    expect(stepPosition(members, ["birth"], "residence")).toBeNull();
  });
});

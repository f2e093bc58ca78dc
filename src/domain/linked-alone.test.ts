import { describe, expect, it } from "vitest";
import { earlierStepWithoutResult } from "./linked-alone.js";

const def = {
  members: [
    { key: "birth", dependsOn: [] },
    { key: "residence", dependsOn: ["birth"] },
  ],
} as unknown as Parameters<typeof earlierStepWithoutResult>[0];
const steps = (birth: string) => [
  { stepKey: "birth", state: birth },
  { stepKey: "residence", state: "cancelled" },
];

describe("earlierStepWithoutResult", () => {
  it("a step whose earlier step was refused or cancelled has nothing to be filed from", () => {
    expect(earlierStepWithoutResult(def, steps("failed"), "residence")).toBe(true);
    expect(earlierStepWithoutResult(def, steps("cancelled"), "residence")).toBe(true);
  });
  it("an earlier step done or still in progress, or no earlier step: not so", () => {
    expect(earlierStepWithoutResult(def, steps("done"), "residence")).toBe(false);
    expect(earlierStepWithoutResult(def, steps("started"), "residence")).toBe(false);
    expect(earlierStepWithoutResult(def, steps("failed"), "birth")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { earlierStepsDone, earlierStepWithoutResult, pendingEarlierStep } from "./linked-alone.js";

const def = {
  members: [
    { key: "birth", dependsOn: [], needs: [], provides: ["childPersonalNumber"] },
    { key: "residence", dependsOn: ["birth"], needs: ["childPersonalNumber"], provides: [] },
    { key: "insurance", dependsOn: ["birth"], needs: [], provides: [] },
  ],
} as unknown as Parameters<typeof earlierStepWithoutResult>[0];
/** The child's personal number known (the population registry holds it). */
const known = { childPersonalNumber: "001226000001" };
const steps = (birth: string, aloneResult?: boolean, aloneInProgress?: boolean) => [
  { stepKey: "birth", state: birth, aloneResult, aloneInProgress },
  { stepKey: "residence", state: "cancelled" },
  { stepKey: "insurance", state: "cancelled" },
];

describe("earlierStepWithoutResult", () => {
  it("a step whose earlier step was refused or cancelled has nothing to be filed from", () => {
    expect(earlierStepWithoutResult(def, steps("failed"), "residence")).toBe(true);
    expect(earlierStepWithoutResult(def, steps("cancelled"), "residence")).toBe(true);
    expect(earlierStepWithoutResult(def, steps("failed", false), "insurance")).toBe(true);
  });
  it("an earlier step done or still in progress, or no earlier step: not so", () => {
    expect(earlierStepWithoutResult(def, steps("done"), "residence")).toBe(false);
    expect(earlierStepWithoutResult(def, steps("started"), "residence")).toBe(false);
    expect(earlierStepWithoutResult(def, steps("failed"), "birth")).toBe(false);
  });
  it("an earlier step refused in the group and filed on its own, still in progress there: pending, not without result", () => {
    expect(earlierStepWithoutResult(def, steps("failed", false, true), "residence")).toBe(false);
    expect(pendingEarlierStep(def, steps("failed", false, true), "residence", known)).toBe("birth");
    expect(earlierStepsDone(def, steps("cancelled", false, true), "insurance", known)).toBe(false);
  });
  it("an earlier step refused in the group but given its result filed on its own: not so", () => {
    expect(earlierStepWithoutResult(def, steps("failed", true), "residence")).toBe(false);
    expect(earlierStepWithoutResult(def, steps("cancelled", true), "insurance")).toBe(false);
  });
});

describe("earlierStepsDone / pendingEarlierStep: the earlier step's result is there", () => {
  // [birth's state in the group, its alone dossier has its result, done?]
  const table: Array<[string, boolean | undefined, boolean]> = [
    ["done", undefined, true],
    ["started", undefined, false], // submitted, not yet registered: no personal number
    ["waiting", undefined, false],
    ["failed", undefined, false],
    ["failed", false, false], // filed alone, not yet registered
    ["failed", true, true], // filed alone and registered there
    ["cancelled", true, true],
  ];
  it.each(table)("birth %s (alone result %s): residence done %s", (state, alone, done) => {
    expect(earlierStepsDone(def, steps(state, alone), "residence", known)).toBe(done);
    expect(earlierStepsDone(def, steps(state, alone), "insurance", known)).toBe(done);
    expect(pendingEarlierStep(def, steps(state, alone), "residence", known)).toBe(done ? undefined : "birth");
  });
  it("a step without earlier steps, or unknown: nothing pending", () => {
    expect(earlierStepsDone(def, steps("started"), "birth", known)).toBe(true);
    expect(earlierStepsDone(def, steps("started"), "nope", known)).toBe(true);
  });
  it("a dependency not chosen in the group (no step row) is nothing to wait for, as `startable` reads it", () => {
    expect(pendingEarlierStep(def, [], "residence", known)).toBeUndefined();
  });
});

describe("pendingEarlierStep: the facts a step needs are known (registry lag), as `startable` asks", () => {
  // [birth's state, alone result, facts known, residence waits for, insurance waits for]
  const table: Array<
    [string, boolean | undefined, Record<string, string>, string | undefined, string | undefined]
  > = [
    ["done", undefined, known, undefined, undefined], // registered, number in the registry
    ["done", undefined, {}, "birth", undefined], // registered, the registry's write-back lags
    ["failed", true, {}, "birth", undefined], // registered alone, its number not in the registry yet
    ["failed", true, known, undefined, undefined], // registered alone, the registry holds the number
    ["started", undefined, known, "birth", "birth"], // no result yet: waits, whatever is known
  ];
  it.each(table)(
    "birth %s (alone result %s), facts %j: residence waits for %s, insurance for %s",
    (state, alone, facts, residence, insurance) => {
      expect(pendingEarlierStep(def, steps(state, alone), "residence", facts)).toBe(residence);
      expect(pendingEarlierStep(def, steps(state, alone), "insurance", facts)).toBe(insurance);
      expect(earlierStepsDone(def, steps(state, alone), "residence", facts)).toBe(residence === undefined);
    },
  );
  it("a needed fact whose provider is not a step of the group names no step (nothing to wait for)", () => {
    expect(pendingEarlierStep(def, [], "residence", {})).toBeUndefined();
  });
});

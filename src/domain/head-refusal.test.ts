import { describe, expect, it } from "vitest";
import { endedByHeadRefusal, HEAD_ACTOR, householdHeadOf } from "./head-refusal.js";

/** Who the timeline names for the household head's answers (review of issue 14), and the KPIs' rule. */
describe("the household head's answers in the log", () => {
  const refusal = { type: "refuse_receipt", actorId: HEAD_ACTOR, payload: { headRefusal: { by: "1" } } };
  it.each([
    [
      "the refusal, with the name recorded",
      { ...refusal, payload: { ...refusal.payload, headName: " Hồ Văn Sơn " } },
      { name: "Hồ Văn Sơn" },
    ],
    ["the refusal recorded before the name was", refusal, { name: null }],
    [
      "the consent",
      { type: "head_consent", actorId: HEAD_ACTOR, payload: { headName: "Hồ Văn Sơn" } },
      { name: "Hồ Văn Sơn" },
    ],
    ["an agency's refusal", { type: "refuse", actorId: "lanhdao.20197", payload: {} }, null],
    ["the bank's confirmation", { type: "record_payment", actorId: "demo-bank", payload: {} }, null],
    [
      "the platform's other refusal (a linked step)",
      { type: "refuse", actorId: HEAD_ACTOR, payload: {} },
      null,
    ],
  ])("%s", (_, entry, want) => {
    expect(householdHeadOf(entry)).toEqual(want);
  });

  it("a dossier ends by the head's refusal only through a marked refusal", () => {
    expect(endedByHeadRefusal([{ type: "refuse_receipt", payload: { headRefusal: { by: "1" } } }])).toBe(
      true,
    );
    expect(endedByHeadRefusal([{ type: "head_consent", payload: { headConsent: { by: "1" } } }])).toBe(false);
    expect(endedByHeadRefusal([{ type: "refuse", payload: {} }])).toBe(false);
  });
});

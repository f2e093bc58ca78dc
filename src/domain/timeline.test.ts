import { describe, expect, it } from "vitest";
import { byLinkedGroup, reasonOf } from "./timeline.js";

describe("reasonOf: a timeline entry's reason in the reader's language", () => {
  const system = {
    reason: "Bước liên thông bị hủy. — Linked step cancelled.",
    payload: {
      cancelledBy: "system",
      reasonVi: "Bước liên thông bị hủy.",
      reasonEn: "Linked step cancelled.",
    },
  };
  it("tells the platform's bilingual reason in one language, never 'vi — en'", () => {
    expect(reasonOf(system, "vi")).toBe("Bước liên thông bị hủy.");
    expect(reasonOf(system, "en")).toBe("Linked step cancelled.");
  });
  it("keeps a person's own words as written, and says nothing when there is no reason", () => {
    expect(reasonOf({ reason: "Ảnh mờ.", payload: {} }, "en")).toBe("Ảnh mờ.");
    expect(reasonOf({ reason: null, payload: {} }, "vi")).toBeNull();
    expect(reasonOf({ reason: "", payload: { reasonVi: 1 } }, "vi")).toBeNull();
  });
});

describe("a linked step the group started: the platform's, in the reader's language", () => {
  const receipt = {
    reason: "Tiếp nhận tự động. — Received automatically.",
    payload: { automatic: { vi: "Tiếp nhận tự động.", en: "Received automatically." } },
  };
  it("tells the automatic receipt's note in one language", () => {
    expect(reasonOf(receipt, "vi")).toBe("Tiếp nhận tự động.");
    expect(reasonOf(receipt, "en")).toBe("Received automatically.");
  });
  const citizen = (seq: number, type: string, payload = {}) => ({
    seq,
    type,
    actorId: "048190000001",
    actorKind: "citizen",
    payload,
  });
  it("names the group as the actor of the draft and submission it made, not the applicant", () => {
    const started = [
      citizen(1, "create"),
      citizen(2, "submit", { linked: { groupId: "g", step: "residence", startedBy: "group" } }),
      { seq: 3, type: "receive", actorId: "linked-group", actorKind: "system", payload: {} },
      citizen(4, "supplement"),
    ];
    expect(started.map((e) => byLinkedGroup(e, started))).toEqual([true, true, true, false]);
    const filed = [citizen(1, "create"), citizen(2, "submit", { linked: { groupId: "g", step: "birth" } })];
    expect(filed.map((e) => byLinkedGroup(e, filed))).toEqual([false, false]);
  });
});

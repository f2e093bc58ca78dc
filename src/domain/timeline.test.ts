import { describe, expect, it } from "vitest";
import { reasonOf } from "./timeline.js";

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

import { describe, expect, it } from "vitest";
import { handlesSector } from "./agencies.js";

describe("handlesSector: the procedures an officer's queue filter lists", () => {
  it("an agency's officer: its own sector's only; an account of no agency: all", () => {
    expect(handlesSector("cong-an", "police")).toBe(true);
    expect(handlesSector("cong-an", "peoples_committee")).toBe(false);
    expect(handlesSector("cong-an", "social_security")).toBe(false);
    expect(handlesSector("bhxh", "social_security")).toBe(true);
    expect(handlesSector(null, "labour_social")).toBe(true);
  });
});

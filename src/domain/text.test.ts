import { describe, expect, it } from "vitest";
import { foldVietnamese } from "./text.js";

describe("foldVietnamese", () => {
  it.each([
    ["Hà Nội", "ha noi"],
    ["HA NOI", "ha noi"],
    ["ha   noi", "ha noi"],
    ["Đà Nẵng", "da nang"],
    ["Thừa Thiên-Huế", "thua thien hue"],
    ["Văn Miếu - Quốc Tử Giám", "van mieu quoc tu giam"],
    ["NGUYỄN THỊ ÁNH", "nguyen thi anh"],
  ])("%s → %s", (input, folded) => {
    expect(foldVietnamese(input)).toBe(folded);
  });
});

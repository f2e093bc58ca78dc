import { describe, expect, it } from "vitest";
import { demoOfficerNames } from "./demo-officer-names.js";

const COMMUNE_KINDS = [
  { prefix: "motcua", sex: "F" },
  { prefix: "chuyenvien", sex: "M" },
  { prefix: "lanhdao", sex: "M" },
  { prefix: "buudien", sex: "F" },
  { prefix: "hotich", sex: "F" },
  { prefix: "congan", sex: "M" },
  { prefix: "xahoi", sex: "F" },
] as const;

describe("demo officers' names, deterministic by unit", () => {
  it.each([
    [
      "20194",
      [
        "Mai Thu Huyền",
        "Hồ Ngọc Toàn",
        "Bùi Trọng Huy",
        "Võ Bích Dung",
        "Đinh Diệu My",
        "Phan Công Tuấn",
        "Hà Khánh Hạnh",
      ],
    ],
    [
      "20197",
      [
        "Phạm Kim Hà",
        "Đặng Trọng Duy",
        "Mai Trọng Quý",
        "Đinh Kim Nga",
        "Võ Hồng Thu",
        "Trần Xuân Phúc",
        "Tô Kim Sương",
      ],
    ],
  ])("commune %s: the same names on every run", (code, names) => {
    expect(demoOfficerNames(code, COMMUNE_KINDS)).toEqual(names);
    expect(demoOfficerNames(code, COMMUNE_KINDS)).toEqual(names);
  });

  it("within a unit no two accounts share a given name; across 300 communes full names rarely repeat", () => {
    const all: string[] = [];
    for (let n = 1; n <= 300; n++) {
      const names = demoOfficerNames(String(n * 7).padStart(5, "0"), COMMUNE_KINDS);
      expect(new Set(names.map((x) => x.split(" ").at(-1))).size).toBe(COMMUNE_KINDS.length);
      // A woman's account never takes a man's middle name "Văn", a man's never "Thị"; no "Phương Phương".
      for (const [i, x] of names.entries()) {
        expect(x).not.toContain(COMMUNE_KINDS[i]?.sex === "F" ? " Văn " : " Thị ");
        expect(x.split(" ")[1]).not.toBe(x.split(" ")[2]);
      }
      all.push(...names);
    }
    const repeated = all.length - new Set(all).size;
    expect(repeated / all.length).toBeLessThan(0.05);
  });
});

import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { foldVietnamese } from "../src/domain/text.js";
import { closeness, type SearchableCommune, searchCommunes } from "../src/modules/units/index.js";

// Issue 14, point 4: a commune chosen by its name. The real 3,321 communes (data/vn-admin/units.json).
type Raw = { Code: string; Name: string; NameEn: string; FullName: string; Wards?: Raw[] };
const raw = JSON.parse(fs.readFileSync("data/vn-admin/units.json", "utf8")) as Raw[];
const communes: SearchableCommune[] = raw
  .flatMap((p) =>
    (p.Wards ?? []).map((w) => ({
      code: w.Code,
      provinceCode: p.Code,
      name: foldVietnamese(w.Name),
      text: foldVietnamese(`${w.FullName} ${w.NameEn}`),
      provinceName: foldVietnamese(p.Name),
    })),
  )
  .sort((a, b) => (a.code < b.code ? -1 : 1));

const HAI_CHAU_DN = "20242"; // Phường Hải Châu, Thành phố Đà Nẵng (48)
const HAI_CHAU_NA = "17419"; // Xã Hải Châu, Tỉnh Nghệ An (40)
const THU_DUC = "26824"; // Phường Thủ Đức, Thành phố Hồ Chí Minh (79)
const THUONG_DUC_DN = "20506"; // Xã Thượng Đức, Thành phố Đà Nẵng (48)
const THUONG_DUC_HT = "18328"; // Xã Thượng Đức, Tỉnh Hà Tĩnh (42)
const codes = (q: string, near?: string) => searchCommunes(communes, q, near).map((c) => c.code);

describe("the commune name search", () => {
  it("knows the two Hải Châu of the data", () => {
    expect(codes("hai chau").sort()).toEqual([HAI_CHAU_NA, HAI_CHAU_DN].sort());
  });

  // [query, near province, the communes expected first, in order, and then nothing else unless `more`]
  const table: [string, string | undefined, string[], boolean][] = [
    // The citizen's own province first, with or without diacritics.
    ["hai chau", "48", [HAI_CHAU_DN, HAI_CHAU_NA], false],
    ["Hải Châu", "48", [HAI_CHAU_DN, HAI_CHAU_NA], false],
    ["HẢI CHÂU", "40", [HAI_CHAU_NA, HAI_CHAU_DN], false],
    // Without a province context: by code.
    ["hai chau", undefined, [HAI_CHAU_NA, HAI_CHAU_DN], false],
    // The province typed too: that province's commune only, whatever the context.
    ["Hai Chau Da Nang", undefined, [HAI_CHAU_DN], false],
    ["hải châu đà nẵng", "40", [HAI_CHAU_DN], false],
    ["hai chau, nghe an", "48", [HAI_CHAU_NA], false],
    ["phường hải châu", undefined, [HAI_CHAU_DN], true],
    // One letter wrong, missing, extra or two swapped.
    ["Hai Chao", "48", [HAI_CHAU_DN], true],
    ["hai cahu", "48", [HAI_CHAU_DN], true],
    ["hai chao da nang", undefined, [HAI_CHAU_DN], false],
    ["tp đà nẵng hải châu", undefined, [HAI_CHAU_DN], false],
    ["hai chau da", "40", [HAI_CHAU_DN], true],
    ["hai chauu da nang", undefined, [HAI_CHAU_DN], false],
    ["hai chau da nag", undefined, [HAI_CHAU_DN], false],
    // A commune whose whole name is the typed words first, even outside the citizen's province
    // ("thu" is also the start of "Thượng"): then the province's own, then by code.
    ["thu duc", "48", [THU_DUC, THUONG_DUC_DN, THUONG_DUC_HT], true],
    ["Thủ Đức", "48", [THU_DUC], true],
    ["thu duc", undefined, [THU_DUC, THUONG_DUC_HT, THUONG_DUC_DN], true],
    ["thuong duc", "48", [THUONG_DUC_DN, THUONG_DUC_HT], false],
  ];
  it.each(table)("%j near %s → %j", (q, near, first, more) => {
    const found = codes(q, near);
    expect(found.slice(0, first.length)).toEqual(first);
    if (!more) expect(found).toHaveLength(first.length);
  });

  it("keeps exact matches before typos, and forgives no typo in a word of fewer than 3 letters", () => {
    // "hai van" is a real name: a typo of it (e.g. "hai vam") never outranks it.
    const exact = codes("hai van", "48");
    expect(exact.length).toBeGreaterThan(0);
    expect(codes("hai vam", "48")[0]).toBe(exact[0]);
    expect(codes("zz")).toEqual([]);
    expect(codes("qqqq xxxx")).toEqual([]);
  });

  it("counts one-letter differences", () => {
    const cases: [string, string, number][] = [
      ["chau", "chau", 0],
      ["chao", "chau", 1],
      ["chu", "chau", 1],
      ["chaau", "chau", 1],
      ["cahu", "chau", 1],
      ["cha", "chau", 1],
      ["chua", "chau", 1],
      ["chong", "chau", 2],
      ["ab", "abcd", 2],
    ];
    for (const [a, b, d] of cases) expect(closeness(a, b), `${a} ~ ${b}`).toBe(d);
  });
});

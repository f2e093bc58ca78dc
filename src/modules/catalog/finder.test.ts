import { describe, expect, it } from "vitest";
import { buildFinder } from "./finder.js";
import { parseDefinition } from "./parse.js";
import { STARTER_CATALOGUE } from "./starter/index.js";

const items = STARTER_CATALOGUE.map((input) => {
  const r = parseDefinition(input);
  if (!r.ok) throw new Error(input.code);
  return { code: r.definition.code, definition: r.definition };
});
const find = buildFinder(items);

describe("the procedure finder understands how people write", () => {
  it.each([
    ["lam giay khai sinh cho con", "1.001193"],
    ["lam giay khai sinh", "1.001193"],
    ["khai sin cho be", "1.001193"],
    ["dang ky tam tru", "LOCAL.DK-TAM-TRU"],
    ["dang ki tam tru", "LOCAL.DK-TAM-TRU"],
    ["đăng ký tạm trú", "LOCAL.DK-TAM-TRU"],
    ["xin giấy xác nhận độc thân", "LOCAL.XAC-NHAN-TTHN"],
    ["giay xac nhan doc than", "LOCAL.XAC-NHAN-TTHN"],
    ["bao hiem y te cho be", "LOCAL.BHYT-TE"],
    ["the bhyt cho tre em", "LOCAL.BHYT-TE"],
    ["khai tu", "LOCAL.KHAI-TU"],
    ["dang ky ket hon", "LOCAL.KET-HON"],
    ["nhap ho khau thuong tru", "1.004222"],
    ["sao y ban chinh", "LOCAL.CHUNG-THUC-BAN-SAO"],
    ["tro cap mai tang", "LOCAL.MAI-TANG-PHI"],
  ])("%s → %s first", (query, code) => {
    expect(find(query)[0]).toBe(code);
  });

  it.each(["hộ chiếu", "đổi bằng lái xe", "mất căn cước", "so do"])(
    "a service not offered (%s) finds nothing",
    (q) => {
      expect(find(q)).toEqual([]);
    },
  );

  it.each(["dk tam tru", "dki ket hon"])("abbreviations (%s) are expanded", (q) => {
    expect(find(q)[0]).toMatch(/LOCAL\.(DK-TAM-TRU|KET-HON)/);
  });

  it.each(["xyz khong co", "qwerty asdf"])("nonsense (%s) finds nothing", (q) => {
    expect(find(q)).toEqual([]);
  });

  it("an empty query lists everything", () => {
    expect(find("  ")).toHaveLength(items.length);
  });
});

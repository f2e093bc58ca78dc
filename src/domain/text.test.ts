import { describe, expect, it } from "vitest";
import { cleanDeep, cleanName, cleanText, foldVietnamese, graphemeLength } from "./text.js";

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

describe("cleanText: NFC, without invisible characters", () => {
  it.each([
    ["NFD to NFC", "Nguye\u0302\u0303n Thi\u0323 A\u0301nh", "Nguyễn Thị Ánh"],
    ["zero-width space, joiners, word joiner, BOM", "Ng\u200Bu\u200Cy\u200Dễ\u2060n\uFEFF", "Nguyễn"],
    ["bidi override and isolates", "\u202EnaV\u202C \u2066Lê\u2069 \u200Fx\u200E", "naV Lê x"],
    ["control characters and NUL", "A\u0000B\u0007C\u001BD\u007FE\u0085F", "ABCDEF"],
    ["a lone surrogate", "A\uD800B\uDC00C", "ABC"],
    ["an emoji (a surrogate pair) stays", "Hoa 🌸", "Hoa 🌸"],
    ["tabs, line breaks and ordinary spaces stay", "a\tb\nc\r\nd  e", "a\tb\nc\r\nd  e"],
  ])("%s", (_name, input, clean) => {
    expect(cleanText(input)).toBe(clean);
    expect(cleanText(clean)).toBe(clean);
  });

  it("cleanName also collapses white space and trims", () => {
    expect(cleanName("  Lê \u00A0\t Văn\n  Tám ")).toBe("Lê Văn Tám");
  });
});

describe("graphemeLength: what a person sees", () => {
  it.each([
    ["Nguyễn", 6],
    ["Nguye\u0302\u0303n", 6], // NFD: 8 code units
    ["Hoa 🌸", 5],
    ["👨‍👩‍👧", 1],
    ["", 0],
    ["a\r\nb", 3],
  ])("%j → %i", (text, n) => {
    expect(graphemeLength(text)).toBe(n);
  });
});

describe("cleanDeep: every string of a parsed request", () => {
  it("cleans strings and keys at any depth, leaves other values", () => {
    const input = { "a\u200B": ["Le\u0302", 1, true, null, { b: "x\u202Ey" }], n: 2 };
    expect(cleanDeep(input)).toEqual({ a: ["Lê", 1, true, null, { b: "xy" }], n: 2 });
  });

  it("a __proto__ key stays a key", () => {
    const out = cleanDeep(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(out)).toEqual(["__proto__"]);
  });

  it("a query string's record (its prototype has none) is cleaned too", () => {
    // As fast-querystring builds it: an object whose prototype has no prototype.
    const query = Object.create(Object.create(null)) as Record<string, unknown>;
    query.q = "Hả\u200Bi";
    expect(cleanDeep(query)).toEqual({ q: "Hải" });
  });

  it("Buffers are left alone", () => {
    const buf = Buffer.from([0, 1, 2]);
    expect(cleanDeep(buf)).toBe(buf);
  });
});

import { describe, expect, it } from "vitest";
import { FILENAME_MAX, judgeType, safeFilename, uploadableTypes } from "./files.js";
import { graphemeLength } from "./text.js";

const SCAN = ["application/pdf", "image/jpeg", "image/png"];
const PDF_ONLY = ["application/pdf"];

describe("judgeType: the content decides, a contradicting declaration is refused", () => {
  it.each([
    // sniffed, declared, accept, verdict
    ["application/pdf", "application/pdf", SCAN, { ok: true, store: "application/pdf", convert: false }],
    [
      "application/pdf",
      "application/pdf; charset=binary",
      SCAN,
      { ok: true, store: "application/pdf", convert: false },
    ],
    [
      "application/pdf",
      "application/octet-stream",
      SCAN,
      { ok: true, store: "application/pdf", convert: false },
    ],
    ["application/pdf", "", SCAN, { ok: true, store: "application/pdf", convert: false }],
    ["image/png", "", SCAN, { ok: true, store: "image/png", convert: false }],
    ["image/png", "application/pdf", SCAN, { ok: false }],
    ["application/pdf", "image/png", SCAN, { ok: false }],
    ["image/jpeg", "image/png", SCAN, { ok: false }],
    [undefined, "application/pdf", SCAN, { ok: false }],
    [undefined, "application/octet-stream", SCAN, { ok: false }],
    ["image/png", "image/png", PDF_ONLY, { ok: false }],
    ["image/png", "", PDF_ONLY, { ok: false }],
    ["image/heic", "image/heic", SCAN, { ok: true, store: "image/jpeg", convert: true }],
    ["image/heic", "image/heif", SCAN, { ok: true, store: "image/jpeg", convert: true }],
    ["image/heif", "IMAGE/HEIC", SCAN, { ok: true, store: "image/jpeg", convert: true }],
    ["image/heic", "application/octet-stream", SCAN, { ok: true, store: "image/jpeg", convert: true }],
    ["image/heic", "image/jpeg", SCAN, { ok: false }],
    ["image/heic", "", PDF_ONLY, { ok: false }],
    ["image/webp", "", SCAN, { ok: false }],
  ] as const)("content %s declared %j", (sniffed, declared, accept, verdict) => {
    expect(judgeType(sniffed, declared, accept)).toEqual(verdict);
  });
});

describe("safeFilename: shown and served as a harmless name", () => {
  it.each([
    ["Hợp đồng thuê nhà.pdf", "application/pdf", "Hợp đồng thuê nhà.pdf"],
    ["Ho\u031B\u0323p \u0111o\u0302\u0300ng.pdf", "application/pdf", "Hợp đồng.pdf"], // NFD from a Mac
    ["invoice\u202Egpj.exe", "application/pdf", "invoicegpj.exe.pdf"], // right-to-left override
    ["invoice\u202Egpj.exe", "image/jpeg", "invoicegpj.exe.jpg"],
    ["a\u200Bb\u2066c\u2069\u200Fd.png", "image/png", "abcd.png"], // zero-width, isolates, RLM
    ["line\nbreak\ttab\u0007bell.pdf", "application/pdf", "line break tabbell.pdf"],
    ["../../etc/passwd", "application/pdf", "_.._etc_passwd.pdf"],
    ["C:\\Users\\An\\scan.png", "image/png", "C:_Users_An_scan.png"],
    ["IMG_0001.HEIC", "image/jpeg", "IMG_0001.jpg"],
    ["photo.JPEG", "image/jpeg", "photo.JPEG"],
    ["scan.png", "image/jpeg", "scan.jpg"],
    ["report.pdf .   ", "application/pdf", "report.pdf"],
    ["  .hidden  ", "image/png", "hidden.png"],
    [".pdf", "application/pdf", "upload.pdf"],
    ["", "application/pdf", "upload.pdf"],
    ["\u202E\u200B", "image/png", "upload.png"],
    ["no extension", "application/pdf", "no extension.pdf"],
    ["archive.tar.gz", "application/pdf", "archive.tar.gz.pdf"],
  ])("%j as %s → %j", (name, mime, shown) => {
    expect(safeFilename(name, mime)).toBe(shown);
    expect(safeFilename(shown, mime)).toBe(shown);
  });

  it("caps the length in visible characters and keeps the extension", () => {
    const long = `${"Giấy xác nhận cư trú ".repeat(10)}.pdf`;
    const shown = safeFilename(long, "application/pdf");
    expect(graphemeLength(shown)).toBe(FILENAME_MAX);
    expect(shown.endsWith("cư trú Giấy xác nhậ.pdf")).toBe(true);
    expect(shown.slice(0, 21)).toBe("Giấy xác nhận cư trú ");
    // NFD input counts the same: a tone mark is never cut from its letter.
    const nfd = `${"ệ".normalize("NFD").repeat(150)}.jpg`;
    expect(safeFilename(nfd, "image/jpeg")).toBe(`${"ệ".repeat(96)}.jpg`);
  });
});

describe("uploadableTypes", () => {
  it("adds HEIF where JPEG is accepted, and nowhere else", () => {
    expect(uploadableTypes(SCAN)).toEqual([...SCAN, "image/heic", "image/heif"]);
    expect(uploadableTypes(PDF_ONLY)).toEqual(PDF_ONLY);
  });
});

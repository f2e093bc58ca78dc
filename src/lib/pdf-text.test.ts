import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { wrapText } from "./pdf-text.js";

const font = await (await PDFDocument.create()).embedFont(StandardFonts.Courier);
/** Courier at 10 pt: every character 6 pt wide, so a width of 6·n holds n characters. */
const wrap = (text: string, chars: number) => wrapText(text, chars * 6, { font, size: 10 });

describe("wrapText: a verification address wrapped beside the QR code", () => {
  const url = "http://127.0.0.1:41235/xac-minh/BL-CA.20194.H48-261104-0001?t=Ab-9_x-Yz0-qW-e1";
  it.each([12, 15, 17, 20, 23, 26, 31, 40])(
    "at %i characters a line: no line ends or starts with a hyphen, the lines join back",
    (n) => {
      const lines = wrap(url, n);
      expect(lines.join("")).toBe(url);
      for (const l of lines) {
        expect(l.length).toBeLessThanOrEqual(n);
        expect(l.endsWith("-")).toBe(false);
        expect(l.startsWith("-")).toBe(false);
      }
    },
  );
  it.each([
    // [text, chars a line, lines]
    ["xac-minh/BL-CA", 10, ["xac-minh/", "BL-CA"]],
    ["BL-CA.20194.H48-261104", 16, ["BL-CA.20194.", "H48-261104"]],
    ["abc?t=Ab-9_x", 8, ["abc?t=", "Ab-9_x"]],
    // No separator in the second half: cut by characters, never beside a hyphen.
    ["t=-bmrW3xZ-k", 6, ["t=-bmr", "W3xZ-k"]],
    // A separator beside a hyphen is passed over for an earlier one.
    ["ab/cd?t=-bmrW", 10, ["ab/cd?", "t=-bmrW"]],
    ["Hai Van ngay 02", 8, ["Hai Van", "ngay 02"]],
  ] as const)("%s at %i characters: %j", (text, n, lines) => {
    expect(wrap(text, n)).toEqual(lines);
  });
});

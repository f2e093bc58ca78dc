import type { PDFFont } from "pdf-lib";

/** Text measured with the embedded font, for the document renderer (src/lib/pdf.ts). */
export type Style = { font: PDFFont; size: number };

/** Characters after which an address or a code may break. */
const SEPARATORS: ReadonlySet<string> = new Set(["/", ".", "_", "?", "&", "="]);

/** Splits text into lines no wider than `width`; a word longer than a line is cut by characters. */
export function wrapText(text: string, width: number, style: Style): string[] {
  const fits = (t: string) => style.font.widthOfTextAtSize(t, style.size) <= width;
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (fits(next)) {
        line = next;
        continue;
      }
      if (line) lines.push(line);
      line = "";
      let rest = word;
      while (!fits(rest)) {
        let cut = rest.length - 1;
        while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
        // Break an address or a code after a separator when one is on the line ("/", ".", "_",
        // "?", "&", "="), and never beside a "-": a line ending in a hyphen reads as a word broken
        // in two (pdftotext drops it when joining the lines: a verification code came back one
        // character short), and a line starting with one reads as a dash before a token (a QR
        // link's "?t=" then "-bmrW…").
        const besideHyphen = (i: number) => rest[i - 1] === "-" || rest[i] === "-";
        let soft = cut;
        while (soft > cut / 2 && !(SEPARATORS.has(rest[soft - 1] ?? "") && !besideHyphen(soft))) soft--;
        if (soft > cut / 2) cut = soft;
        else while (cut > 1 && besideHyphen(cut)) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** Wraps into as few lines as `width` allows, then evens them out (for centred headings). */
export function balancedWrap(text: string, width: number, style: Style): string[] {
  const lines = wrapText(text, width, style);
  if (lines.length < 2) return lines;
  let lo = 0;
  let hi = width;
  while (hi - lo > 1) {
    const mid = (lo + hi) / 2;
    if (wrapText(text, mid, style).length === lines.length) hi = mid;
    else lo = mid;
  }
  return wrapText(text, hi, style);
}

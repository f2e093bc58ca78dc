import fs from "node:fs";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { type PDFDocument as Doc, PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import QRCode from "qrcode";
import { balancedWrap, type Style, wrapText } from "./pdf-text.js";

/**
 * Printable documents (results, receipts) in the Vietnamese administrative format (Decree
 * 30/2020/NĐ-CP, Appendix I): A4, margins 20 mm top and bottom, 30 mm left, 15–20 mm right; a
 * serif face with every Vietnamese glyph (Source Serif 4, SIL OFL, shipped by its npm package);
 * top left the issuing authority in capitals with a short rule under it and the number ("Số: …");
 * top right the national title and the motto with a rule as long as the motto, then the place and
 * date in italics; the document's name centred in bold capitals; the content as label/value rows;
 * the signature block on the right (titles, the signature notice, the signer's full name in bold),
 * "Nơi nhận:" (bold italic) and its list at the left; page numbers from page 2, centred at the top.
 *
 * Layout is measured with the font (`widthOfTextAtSize`): every line is wrapped to its column and
 * every row is as tall as its longest side, so no label overlaps its value. The renderer returns
 * the box of everything it drew, so tests can check that nothing overlaps and nothing leaves the
 * page. Deterministic: no creation date in the bytes, so the same content always gives the same
 * file and the same SHA-256.
 */
const require = createRequire(import.meta.url);
const fontPath = (style: string) =>
  require.resolve(`@expo-google-fonts/source-serif-4/${style}/SourceSerif4_${style}.ttf`);
type FontFiles = { regular: Buffer; bold: Buffer; italic: Buffer; boldItalic: Buffer };
let fontFiles: FontFiles | undefined;
const loadFonts = (): FontFiles => {
  fontFiles ??= {
    regular: fs.readFileSync(fontPath("400Regular")),
    bold: fs.readFileSync(fontPath("700Bold")),
    italic: fs.readFileSync(fontPath("400Regular_Italic")),
    boldItalic: fs.readFileSync(fontPath("700Bold_Italic")),
  };
  return fontFiles;
};

export type OfficialDocument = {
  /** Top left: the superior authority (regular) and the issuing authority's lines (bold), capitals. */
  authority: { superior?: string | undefined; lines: string[] };
  /** Under the authority: "Số: KQ-…". */
  number: string;
  /** Top right, under the motto, in italics: "Hải Vân, ngày 04 tháng 11 năm 2026". */
  placeDate: string;
  /** When the document was issued: the PDF's creation date (the epoch when absent, for fixed bytes). */
  issuedAt?: Date | undefined;
  /** The document's name, printed in capitals. */
  title: string;
  /** Under the name, in italics (e.g. the English name). */
  subtitle?: string | undefined;
  /** The content: label and value, one row each. */
  rows: Array<[string, string]>;
  /**
   * Bottom right: the signer's titles (bold capitals), the signature notice (italic), the signer's
   * full name (bold; absent when none is on record), details (small).
   */
  signature: { titles: string[]; notice: string; name?: string | undefined; details: string[] };
  /** Bottom left, "Nơi nhận:" and one line each ("- Ông/Bà …;", "- Lưu: VT, …."); absent: no block. */
  recipients?: string[] | undefined;
  /** Small print at the end. */
  notes: string[];
  /** A QR code to verify the document, left of the signature block. */
  qr?: { url: string; caption: string } | undefined;
};

export { balancedWrap, wrapText } from "./pdf-text.js";

/** Something drawn, in PDF points from the page's bottom-left corner. */
export type DrawnBox = {
  page: number;
  kind: "text" | "rule" | "image";
  x: number;
  y: number;
  width: number;
  height: number;
  text?: string;
};

export const PAGE = { width: 595.28, height: 841.89 } as const;
const MM = 72 / 25.4;
export const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 18 * MM } as const;
const LEFT = MARGINS.left;
const RIGHT = PAGE.width - MARGINS.right;
const CONTENT = RIGHT - LEFT;
// Header columns: the authority's block on the left, the national title's on the right.
const HEADER_LEFT = { x: LEFT, width: CONTENT * 0.4 };
const HEADER_RIGHT = { x: LEFT + CONTENT * 0.42, width: CONTENT * 0.58 };
const INK = rgb(0, 0, 0);
const NOTE_SIZE = 9;

type Fonts = { regular: PDFFont; bold: PDFFont; italic: PDFFont; boldItalic?: PDFFont | undefined };

/** The largest size ≤ `size` (down to `min`) at which `text` fits on one line of `width`. */
function fitSize(text: string, width: number, font: PDFFont, size: number, min: number): number {
  let s = size;
  while (s > min && font.widthOfTextAtSize(text, s) > width) s -= 0.25;
  return s;
}

class Layout {
  readonly boxes: DrawnBox[] = [];
  private page!: PDFPage;
  private pageNo = 0;
  y = 0;

  constructor(
    private readonly doc: Doc,
    readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  get pageNumber() {
    return this.pageNo;
  }

  newPage() {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pageNo += 1;
    this.y = PAGE.height - MARGINS.top;
    if (this.pageNo > 1) {
      // Decree 30: pages numbered from the second, in Arabic figures, centred in the top margin.
      const style = { font: this.fonts.regular, size: 11 };
      const n = String(this.pageNo);
      const w = style.font.widthOfTextAtSize(n, style.size);
      this.text(n, (PAGE.width - w) / 2, PAGE.height - MARGINS.top / 2 - 4, style);
    }
  }

  /** Leaves room for `height` points, opening a new page if they do not fit. */
  ensure(height: number) {
    if (this.y - height < MARGINS.bottom) this.newPage();
  }

  ascent(s: Style) {
    return s.font.heightAtSize(s.size, { descender: false });
  }
  lineHeight(s: Style) {
    return s.font.heightAtSize(s.size) + s.size * 0.04;
  }

  /** Draws one line with its baseline at `baseline`, recording its box. */
  text(t: string, x: number, baseline: number, s: Style) {
    if (!t) return;
    const width = s.font.widthOfTextAtSize(t, s.size);
    const full = s.font.heightAtSize(s.size);
    const asc = this.ascent(s);
    this.page.drawText(t, { x, y: baseline, size: s.size, font: s.font, color: INK });
    this.boxes.push({
      page: this.pageNo,
      kind: "text",
      x,
      y: baseline - (full - asc),
      width,
      height: full,
      text: t,
    });
  }

  rule(x: number, y: number, width: number) {
    this.page.drawLine({ start: { x, y }, end: { x: x + width, y }, thickness: 0.6, color: INK });
    this.boxes.push({ page: this.pageNo, kind: "rule", x, y: y - 0.3, width, height: 0.6 });
  }

  image(img: Parameters<PDFPage["drawImage"]>[0], x: number, y: number, size: number) {
    this.page.drawImage(img, { x, y, width: size, height: size });
    this.boxes.push({ page: this.pageNo, kind: "image", x, y, width: size, height: size });
  }

  /**
   * Wrapped lines in a column from `top` down, aligned left or centred; returns the y under them
   * (does not move the cursor, so that two columns can be laid side by side).
   */
  block(
    text: string,
    col: { x: number; width: number },
    top: number,
    s: Style,
    align: "left" | "center" = "left",
  ): { bottom: number; widths: number[] } {
    let y = top;
    const widths: number[] = [];
    const lines = align === "center" ? balancedWrap(text, col.width, s) : wrapText(text, col.width, s);
    for (const l of lines) {
      const w = s.font.widthOfTextAtSize(l, s.size);
      widths.push(w);
      const x = align === "center" ? col.x + (col.width - w) / 2 : col.x;
      this.text(l, x, y - this.ascent(s), s);
      y -= this.lineHeight(s);
    }
    return { bottom: y, widths };
  }

  /** The height wrapped text takes in a column. */
  measure(text: string, width: number, s: Style): number {
    return wrapText(text, width, s).length * this.lineHeight(s);
  }
}

function header(l: Layout, d: OfficialDocument) {
  const { regular, bold, italic } = l.fonts;
  const top = l.y;
  // Left: superior authority (regular), the authority (bold), a rule 1/3–1/2 of its width, the number.
  let left = top;
  if (d.authority.superior) {
    const size = fitSize(d.authority.superior, HEADER_LEFT.width, regular, 11.5, 10);
    left = l.block(d.authority.superior, HEADER_LEFT, left, { font: regular, size }, "center").bottom;
  }
  let widest = 0;
  for (const name of d.authority.lines) {
    // One line where it fits at 10 pt or more; a longer name wraps.
    const size = fitSize(name, HEADER_LEFT.width, bold, 11.5, 10);
    const b = l.block(name, HEADER_LEFT, left, { font: bold, size }, "center");
    left = b.bottom;
    widest = Math.max(widest, ...b.widths);
  }
  const ruleWidth = Math.max(widest * 0.4, 40);
  l.rule(HEADER_LEFT.x + (HEADER_LEFT.width - ruleWidth) / 2, left - 3, ruleWidth);
  left -= 11;
  // Right: national title and motto on one line each, a rule as long as the motto.
  const title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  const motto = "Độc lập - Tự do - Hạnh phúc";
  const titleSize = fitSize(title, HEADER_RIGHT.width, bold, 11.5, 9);
  let right = l.block(title, HEADER_RIGHT, top, { font: bold, size: titleSize }, "center").bottom;
  const mottoStyle = { font: bold, size: fitSize(motto, HEADER_RIGHT.width, bold, 12.5, 9) };
  right = l.block(motto, HEADER_RIGHT, right, mottoStyle, "center").bottom;
  const mottoWidth = bold.widthOfTextAtSize(motto, mottoStyle.size);
  l.rule(HEADER_RIGHT.x + (HEADER_RIGHT.width - mottoWidth) / 2, right - 3, mottoWidth);
  right -= 11;
  // Second row: the number under the authority, the place and date under the motto, level.
  const row = Math.min(left, right);
  // The number on one line (a long one, PXL-<dossier code>-n, a little smaller): wrapped, it
  // would read as two numbers. Below 8 pt it would wrap rather than become illegible.
  const numberSize = fitSize(d.number, HEADER_LEFT.width, regular, 11.5, 8);
  const n = l.block(d.number, HEADER_LEFT, row, { font: regular, size: numberSize }, "center");
  const placeSize = fitSize(d.placeDate, HEADER_RIGHT.width, italic, 12, 10.5);
  const p = l.block(d.placeDate, HEADER_RIGHT, row, { font: italic, size: placeSize }, "center");
  l.y = Math.min(n.bottom, p.bottom) - 18;
}

function titleBlock(l: Layout, d: OfficialDocument) {
  const content = { x: LEFT, width: CONTENT };
  l.y = l.block(
    d.title.toLocaleUpperCase("vi"),
    content,
    l.y,
    { font: l.fonts.bold, size: 14 },
    "center",
  ).bottom;
  if (d.subtitle) {
    l.y = l.block(d.subtitle, content, l.y, { font: l.fonts.italic, size: 10.5 }, "center").bottom;
  }
  l.y -= 14;
}

/** The content rows' type size: 10.5 pt, or 9.5 pt when that keeps the document on one page. */
const ROW_SIZES = [10.5, 9.5] as const;

function rows(l: Layout, d: OfficialDocument, size: number) {
  const label = { font: l.fonts.regular, size };
  const value = { font: l.fonts.bold, size };
  // The label column is as wide as the widest label needs, within 30% to 40% of the line.
  const widest = Math.max(0, ...d.rows.map(([k]) => label.font.widthOfTextAtSize(`${k}:`, label.size)));
  const labelWidth = Math.min(Math.max(widest, CONTENT * 0.3), CONTENT * 0.4);
  const gap = 10;
  const valueCol = { x: LEFT + labelWidth + gap, width: CONTENT - labelWidth - gap };
  for (const [k, v] of d.rows) {
    const text = v || "—";
    const height = Math.max(l.measure(`${k}:`, labelWidth, label), l.measure(text, valueCol.width, value));
    l.ensure(height);
    const top = l.y;
    l.block(`${k}:`, { x: LEFT, width: labelWidth }, top, label);
    l.block(text, valueCol, top, value);
    l.y = top - height - 1.5;
  }
  l.y -= 10;
}

function signatureBlock(
  l: Layout,
  d: OfficialDocument,
  qr: Awaited<ReturnType<Doc["embedPng"]>> | undefined,
) {
  const { bold, italic, regular } = l.fonts;
  const right = { x: HEADER_RIGHT.x, width: HEADER_RIGHT.width };
  const titles = { font: bold, size: 12 };
  const notice = { font: italic, size: 11 };
  const details = { font: italic, size: 9 };
  const caption = { font: regular, size: 8.5 };
  const QR = 72;
  const note = { font: italic, size: NOTE_SIZE };
  const leftCol = { x: LEFT, width: HEADER_LEFT.width };
  const name = { font: bold, size: 12 };
  const rightHeight =
    d.signature.titles.reduce((h, t) => h + l.measure(t, right.width, titles), 0) +
    l.measure(d.signature.notice, right.width, notice) +
    8 +
    (d.signature.name ? l.measure(d.signature.name, right.width, name) + 6 : 0) +
    d.signature.details.reduce((h, t) => h + l.measure(t, right.width, details), 0);
  // "Nơi nhận:" (bold italic 12) and its lines (11) at the left, then the QR code under them.
  const toLabel = { font: l.fonts.boldItalic ?? bold, size: 12 };
  const toLine = { font: regular, size: 11 };
  const recipients = d.recipients ?? [];
  const recipientsHeight =
    recipients.length === 0
      ? 0
      : l.measure("Nơi nhận:", leftCol.width, toLabel) +
        recipients.reduce((h, t) => h + l.measure(t, leftCol.width, toLine), 0) +
        8;
  // The QR code at the left, its caption and address beside it.
  const beside = { x: leftCol.x + QR + 8, width: leftCol.width - QR - 8 };
  const leftHeight =
    recipientsHeight +
    (d.qr
      ? Math.max(
          QR,
          l.measure(d.qr.caption, beside.width, caption) + l.measure(d.qr.url, beside.width, caption),
        )
      : 0);
  // The notes stay on the signature's page.
  const notesHeight = d.notes.reduce((h, n) => h + l.measure(n, CONTENT, note) + 2, 10);
  l.ensure(Math.max(rightHeight, leftHeight) + notesHeight);
  const top = l.y;
  let y = top;
  for (const t of d.signature.titles)
    y = l.block(t.toLocaleUpperCase("vi"), right, y, titles, "center").bottom;
  y = l.block(d.signature.notice, right, y, notice, "center").bottom - 8;
  if (d.signature.name) y = l.block(d.signature.name, right, y, name, "center").bottom - 6;
  for (const t of d.signature.details) y = l.block(t, right, y, details, "center").bottom;
  let yl = top;
  if (recipients.length > 0) {
    yl = l.block("Nơi nhận:", leftCol, yl, toLabel).bottom;
    for (const t of recipients) yl = l.block(t, leftCol, yl, toLine).bottom;
    yl -= 8;
  }
  if (d.qr && qr) {
    const qrTop = yl;
    l.image(qr, leftCol.x, qrTop - QR, QR);
    const captionBottom = l.block(d.qr.caption, beside, qrTop, caption).bottom;
    const urlBottom = l.block(d.qr.url, beside, captionBottom, caption).bottom;
    yl = Math.min(qrTop - QR, urlBottom);
  }
  l.y = Math.min(y, yl) - 10;
}

function notes(l: Layout, d: OfficialDocument) {
  const style = { font: l.fonts.italic, size: NOTE_SIZE };
  for (const n of d.notes) {
    l.ensure(l.measure(n, CONTENT, style));
    l.y = l.block(n, { x: LEFT, width: CONTENT }, l.y, style).bottom - 2;
  }
}

type Rendered = { bytes: Uint8Array; boxes: DrawnBox[]; pages: number };

/**
 * Renders an official document; returns the PDF bytes, the box of everything drawn and the page
 * count. A document that runs onto a second page at the usual row size (10.5 pt) is set again with
 * 9.5 pt rows, kept when that fits it on one page (a paper extract is one page), so the signature
 * and "Nơi nhận" never sit alone on page 2 for want of a few lines.
 */
export async function renderDocument(d: OfficialDocument): Promise<Rendered> {
  const usual = await renderAt(d, ROW_SIZES[0]);
  if (usual.pages === 1) return usual;
  const compact = await renderAt(d, ROW_SIZES[1]);
  return compact.pages === 1 ? compact : usual;
}

async function renderAt(d: OfficialDocument, rowSize: number): Promise<Rendered> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setCreationDate(d.issuedAt ?? new Date(0));
  doc.setModificationDate(d.issuedAt ?? new Date(0));
  doc.setProducer("Một Lần");
  doc.setCreator("Một Lần");
  doc.setTitle(d.title);
  doc.setLanguage("vi-VN");
  const f = loadFonts();
  const fonts: Fonts = {
    regular: await doc.embedFont(f.regular, { subset: true }),
    bold: await doc.embedFont(f.bold, { subset: true }),
    italic: await doc.embedFont(f.italic, { subset: true }),
    boldItalic: d.recipients?.length ? await doc.embedFont(f.boldItalic, { subset: true }) : undefined,
  };
  const qr = d.qr
    ? await doc.embedPng(await QRCode.toBuffer(d.qr.url, { type: "png", margin: 1, width: 240 }))
    : undefined;
  const l = new Layout(doc, fonts);
  header(l, d);
  titleBlock(l, d);
  rows(l, d, rowSize);
  signatureBlock(l, d, qr);
  notes(l, d);
  const bytes = await doc.save({ useObjectStreams: false });
  return { bytes, boxes: l.boxes, pages: l.pageNumber };
}

import fs from "node:fs";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb } from "pdf-lib";
import QRCode from "qrcode";

/**
 * Printable documents (results, receipts) as PDF with a font that has every Vietnamese glyph
 * (Be Vietnam Pro, SIL OFL, shipped by its npm package). Deterministic: no creation date in the
 * bytes, so the same content always gives the same file and the same SHA-256.
 */
const require = createRequire(import.meta.url);
const fontPath = (weight: string) =>
  require.resolve(`@expo-google-fonts/be-vietnam-pro/${weight}/BeVietnamPro_${weight}.ttf`);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
const loadFonts = () => {
  fonts ??= { regular: fs.readFileSync(fontPath("400Regular")), bold: fs.readFileSync(fontPath("700Bold")) };
  return fonts;
};

export type DocumentSpec = {
  header: string[];
  title: string;
  subtitle?: string;
  rows: Array<[string, string]>;
  footer: string[];
  qr?: { url: string; caption: string };
};

function wrap(
  text: string,
  width: number,
  size: number,
  measure: (t: string, s: number) => number,
): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (measure(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export async function renderPdf(spec: DocumentSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  doc.setProducer("Một Lần");
  doc.setCreator("Một Lần");
  doc.setTitle(spec.title);
  const f = loadFonts();
  const regular = await doc.embedFont(f.regular, { subset: true });
  const bold = await doc.embedFont(f.bold, { subset: true });
  const page = doc.addPage([595, 842]);
  const ink = rgb(0.1, 0.1, 0.1);
  let y = 800;
  const line = (text: string, size: number, font = regular, x = 50) => {
    for (const l of wrap(text, 495 - (x - 50), size, (t, s) => font.widthOfTextAtSize(t, s))) {
      page.drawText(l, { x, y, size, font, color: ink });
      y -= size * 1.45;
    }
  };
  for (const h of spec.header) line(h, 10, bold);
  y -= 16;
  line(spec.title, 18, bold);
  if (spec.subtitle) line(spec.subtitle, 11);
  y -= 10;
  for (const [label, value] of spec.rows) {
    page.drawText(label, { x: 50, y, size: 10, font: bold, color: ink });
    const before = y;
    line(value || "—", 10, regular, 230);
    if (y === before) y -= 14;
  }
  y -= 12;
  for (const t of spec.footer) line(t, 9);
  if (spec.qr) {
    const png = await QRCode.toBuffer(spec.qr.url, { type: "png", margin: 1, width: 240 });
    const image = await doc.embedPng(png);
    const top = Math.min(y - 10, 200);
    page.drawImage(image, { x: 50, y: top - 110, width: 110, height: 110 });
    page.drawText(spec.qr.caption, { x: 170, y: top - 50, size: 9, font: regular, color: ink });
    page.drawText(spec.qr.url, { x: 170, y: top - 64, size: 8, font: regular, color: ink });
  }
  return doc.save({ useObjectStreams: false });
}

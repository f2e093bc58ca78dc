import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Reading PDFs as a person sees them, with Debian's poppler-utils (`apt-get install -y
 * poppler-utils`; .ci/run installs it): page images (pdftoppm) and text (pdftotext). Locally the
 * tests that need it are skipped when it is missing; in CI (CI=true) they fail instead.
 */
export const hasPoppler = (() => {
  try {
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
export const needsPoppler = hasPoppler || process.env.CI === "true";

/** A page as 8-bit grey pixels, row by row from the top; 255 is white. */
export type GreyPage = { width: number; height: number; data: Uint8Array };

function parsePgm(buf: Buffer): GreyPage {
  // P5 <width> <height> <maxval>\n<bytes>
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 50).toString("latin1"));
  if (!header) throw new Error("not a binary PGM");
  const width = Number(header[1]);
  const height = Number(header[2]);
  return {
    width,
    height,
    data: new Uint8Array(buf.subarray(header[0].length, header[0].length + width * height)),
  };
}

/** Renders every page at `dpi` (72 = one pixel per PDF point) in grey; also writes PNGs to `pngDir` if given. */
export function renderPages(pdf: Uint8Array, dpi = 72, pngDir?: string, name = "page"): GreyPage[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-pdf-"));
  try {
    const file = path.join(dir, "doc.pdf");
    fs.writeFileSync(file, pdf);
    execFileSync("pdftoppm", ["-r", String(dpi), "-gray", file, path.join(dir, "p")]);
    if (pngDir) {
      fs.mkdirSync(pngDir, { recursive: true });
      execFileSync("pdftoppm", ["-r", "100", "-png", file, path.join(pngDir, name)]);
    }
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".pgm"))
      .sort()
      .map((f) => parsePgm(fs.readFileSync(path.join(dir, f))));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the document, in reading order (pdftotext -layout off). */
export function pdfText(pdf: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-pdf-"));
  try {
    const file = path.join(dir, "doc.pdf");
    fs.writeFileSync(file, pdf);
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

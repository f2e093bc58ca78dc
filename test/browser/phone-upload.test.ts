import fs from "node:fs";
import path from "node:path";
import jpeg from "jpeg-js";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { HEIC } from "../helpers/files.js";
import { people } from "../helpers/fixtures.js";
import {
  phone,
  pickCommune,
  run,
  seriousViolations,
  serverAndBrowser,
  shot,
  signIn,
  TEST_TIMEOUT,
} from "./browser.js";

/**
 * Issue 9.11 in a real phone browser: a camera photo over the component's 5 MB limit is made a
 * JPEG of at most 2400 px on the phone before it is sent; a HEIC photo this browser cannot read
 * (Chromium) is sent as it is and stored converted by the server.
 */
const COMPONENT = "lawfulResidenceProof";
const LIMIT = 5 * 1024 * 1024;

const env = serverAndBrowser();

/**
 * A camera-like photo: 4032 × 3024 (12 MP, an iPhone's), a smooth scene with sensor noise, JPEG
 * quality 92: 6.4 MiB, over the limit. Made with jpeg-js, the same every run (fixed seed).
 */
function cameraPhoto(): Buffer {
  const width = 4032;
  const height = 3024;
  const data = Buffer.alloc(width * height * 4);
  let seed = 1;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return ((seed >>> 16) / 65536 - 0.5) * 40;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const n = noise();
      data[i] = 200 + 40 * Math.sin(x / 300) + n;
      data[i + 1] = 180 + 50 * Math.cos(y / 200) + n;
      data[i + 2] = 150 + n;
      data[i + 3] = 255;
    }
  }
  return jpeg.encode({ data, width, height }, 92).data;
}

async function storedFiles(id: string) {
  const { rows } = await env.s.db.query<{
    sha256: string;
    filename: string;
    mime: string;
    original_mime: string;
    size_bytes: number;
  }>(
    "select sha256, filename, mime, original_mime, size_bytes from dossier_files where dossier_id = $1 order by uploaded_at",
    [id],
  );
  return rows;
}

const blob = (hash: string) =>
  fs.readFileSync(path.join(env.s.tdb.dataDir, "files", hash.slice(0, 2), hash.slice(2, 4), hash));

async function toUploads(page: Page): Promise<string> {
  await signIn(page, env.s.baseUrl, people.worker.pn, "/thu-tuc/LOCAL.DK-TAM-TRU");
  await page.waitForSelector("[data-testid=known-list]");
  await page.click("[data-testid=apply]");
  await page.waitForSelector("[data-testid=draft]");
  const id = new URL(page.url()).pathname.split("/ho-so/")[1] ?? "";
  await page.click("[data-testid=step-next]");
  await pickCommune(page, "stay.commune", "Hải Vân", "20194");
  await page.fill("[data-testid='field-stay.address']", "Phòng 3, nhà trọ số 12");
  await page.fill("[data-testid='field-stay.until']", "30/06/2027");
  await page.check("[data-testid='field-host.consent']");
  await page.waitForSelector("[data-testid=save-status][data-state=saved]");
  await page.click("[data-testid=step-next]");
  await page.waitForSelector(`[data-testid=upload-${COMPONENT}]`, { state: "attached" });
  return id;
}

run(`phone uploads in a phone browser (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("a 12 MP camera photo over 5 MB is made smaller on the phone; a HEIC photo is converted by the server", async () => {
    const photo = cameraPhoto();
    expect(photo.length).toBeGreaterThan(LIMIT);
    const page = await phone(env.chromium);
    const id = await toUploads(page);

    const shrinking = page.waitForSelector(
      `[data-testid=upload-progress-${COMPONENT}][data-phase=shrinking]`,
      {
        state: "attached",
      },
    );
    await page.setInputFiles(`[data-testid=upload-${COMPONENT}]`, {
      name: "IMG_2040.JPG",
      mimeType: "image/jpeg",
      buffer: photo,
    });
    await shrinking;
    await page.waitForSelector(`[data-testid=component-${COMPONENT}][data-state=uploaded]`);
    expect(await page.textContent(`[data-testid=upload-status-${COMPONENT}]`)).toBe(
      "Đã tải lên: IMG_2040.JPG",
    );
    await shot(page, `${engine}-phone-upload-1-photo`);
    expect(await seriousViolations(page)).toEqual([]);

    const [sent] = await storedFiles(id);
    expect(sent).toMatchObject({ filename: "IMG_2040.JPG", mime: "image/jpeg", original_mime: "image/jpeg" });
    expect(sent?.size_bytes).toBeLessThanOrEqual(LIMIT);
    const img = jpeg.decode(blob(sent?.sha256 ?? ""), { useTArray: true, maxMemoryUsageInMB: 256 });
    expect([img.width, img.height]).toEqual([2400, 1800]);

    await page.setInputFiles(`[data-testid=upload-${COMPONENT}]`, {
      name: "IMG_0412.HEIC",
      mimeType: "image/heic",
      buffer: HEIC,
    });
    await page.waitForSelector(`[data-testid=upload-status-${COMPONENT}] >> text=IMG_0412.jpg`);
    const files = await storedFiles(id);
    expect(files.map((f) => [f.filename, f.mime, f.original_mime])).toEqual([
      ["IMG_2040.JPG", "image/jpeg", "image/jpeg"],
      ["IMG_0412.jpg", "image/jpeg", "image/heic"],
    ]);
    const converted = jpeg.decode(blob(files[1]?.sha256 ?? ""), { useTArray: true });
    expect([converted.width, converted.height]).toEqual([1000, 750]);
    expect(await page.locator(`[data-testid=component-${COMPONENT}] .files li a`).allTextContents()).toEqual([
      "IMG_2040.JPG",
      "IMG_0412.jpg",
    ]);
    await shot(page, `${engine}-phone-upload-2-heic`);
    await page.context().close();
  });
});

import jpeg from "jpeg-js";
import { describe, expect, it } from "vitest";
import { HEIC } from "../../test/helpers/files.js";
import { HEIC_MAX_PIXELS, heicToJpeg } from "./heic.js";

const MB5 = 5 * 1024 * 1024;
const opts = { maxPixels: HEIC_MAX_PIXELS, maxBytes: MB5 };

/** The colour at (x, y) of a decoded JPEG, as [r, g, b]. */
function pixel(img: { width: number; data: Uint8Array }, x: number, y: number): number[] {
  const i = (y * img.width + x) * 4;
  return [img.data[i] ?? -1, img.data[i + 1] ?? -1, img.data[i + 2] ?? -1];
}

/** Within `tolerance` of the expected colour on every channel (HEVC then JPEG are both lossy). */
function near(actual: number[], expected: number[], tolerance = 12): boolean {
  return actual.every((v, i) => Math.abs(v - (expected[i] ?? 0)) <= tolerance);
}

describe("heicToJpeg: an iPhone photo as a JPEG", () => {
  it("keeps the width, the height and what the picture shows", async () => {
    const r = await heicToJpeg(HEIC, opts);
    if (!r.ok) throw new Error(`not converted: ${r.reason}`);
    expect([r.width, r.height, r.quality]).toEqual([1000, 750, 85]);
    expect([...r.jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const img = jpeg.decode(r.jpeg, { useTArray: true });
    expect([img.width, img.height]).toEqual([1000, 750]);
    expect(near(pixel(img, 20, 20), [0xb0, 0x20, 0x2a])).toBe(true); // the red header band
    expect(near(pixel(img, 500, 600), [0xf4, 0xef, 0xe4])).toBe(true); // the paper
    expect(near(pixel(img, 820, 540), [0x1c, 0x4f, 0xa0])).toBe(true); // the blue stamp
  });

  it("lowers the quality until the JPEG fits, and says how large it stayed when none does", async () => {
    const full = await heicToJpeg(HEIC, opts);
    const fitted = await heicToJpeg(HEIC, { ...opts, maxBytes: 46_000 });
    expect(full.ok && fitted.ok && [fitted.quality, fitted.jpeg.length < 46_000]).toEqual([55, true]);
    expect(full.ok && fitted.ok && fitted.jpeg.length < full.jpeg.length).toBe(true);
    const none = await heicToJpeg(HEIC, { ...opts, maxBytes: 20_000 });
    expect(none).toMatchObject({ ok: false, reason: "too-large", width: 1000, height: 750 });
    expect(!none.ok && (none.bytes ?? 0) > 20_000).toBe(true);
  });

  it("refuses a picture over the pixel limit before decoding it", async () => {
    expect(await heicToJpeg(HEIC, { ...opts, maxPixels: 749_999 })).toEqual({
      ok: false,
      reason: "too-many-pixels",
      width: 1000,
      height: 750,
    });
  });

  it.each([
    ["cut after its header", HEIC.subarray(0, 200)],
    ["cut before its picture data", HEIC.subarray(0, 3000)],
    ["not a HEIF file at all", Buffer.from("%PDF-1.4\n")],
  ])("answers unreadable for a file %s", async (_, bytes) => {
    expect(await heicToJpeg(bytes, opts)).toEqual({ ok: false, reason: "unreadable" });
  });

  it("converts off the event loop, one photo after the other", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const results = await Promise.all([
      heicToJpeg(HEIC, opts),
      heicToJpeg(HEIC, opts),
      heicToJpeg(HEIC, opts),
    ]);
    clearInterval(timer);
    expect(results.map((r) => r.ok && r.jpeg.length)).toEqual(
      results.map(() => results[0]?.ok && results[0].jpeg.length),
    );
    // Three conversions take well over 300 ms; the main thread kept running meanwhile.
    expect(ticks).toBeGreaterThan(10);
  });
});

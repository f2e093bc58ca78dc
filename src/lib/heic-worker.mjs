// Plain JavaScript: Node loads a worker thread's file itself, without the TypeScript loader (tsx,
// vitest) of the thread that starts it. Started by heic.ts, one photo per worker.
import { parentPort, workerData } from "node:worker_threads";
import decode from "heic-decode";
import jpeg from "jpeg-js";

/**
 * Converts one HEIF/HEIC photo to JPEG off the event loop (libheif compiled to WebAssembly decodes
 * synchronously; jpeg-js encodes in JavaScript). workerData: { bytes: Uint8Array, maxPixels,
 * maxBytes, qualities: number[] (1–100, tried in order until the JPEG fits maxBytes) }.
 * Posts one message: { ok: true, jpeg, width, height, quality } or { ok: false, reason:
 * "unreadable" | "too-many-pixels" | "too-large", width?, height?, bytes? }.
 */
async function convert({ bytes, maxPixels, maxBytes, qualities }) {
  let images;
  try {
    images = await decode.all({ buffer: bytes });
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  try {
    const primary = images[0];
    if (!primary) return { ok: false, reason: "unreadable" };
    const { width, height } = primary;
    // Refused before the pixels are allocated: a small file may declare an enormous picture.
    if (width * height > maxPixels) return { ok: false, reason: "too-many-pixels", width, height };
    let raw;
    try {
      raw = await primary.decode();
    } catch {
      return { ok: false, reason: "unreadable" };
    }
    let size = 0;
    for (const quality of qualities) {
      const out = jpeg.encode({ data: raw.data, width: raw.width, height: raw.height }, quality).data;
      if (out.length <= maxBytes)
        return { ok: true, jpeg: out, width: raw.width, height: raw.height, quality };
      size = out.length;
    }
    return { ok: false, reason: "too-large", width, height, bytes: size };
  } finally {
    images.dispose();
  }
}

const result = await convert(workerData);
parentPort?.postMessage(result);

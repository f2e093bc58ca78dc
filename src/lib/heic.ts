import { Worker } from "node:worker_threads";

export type HeicConversion =
  | { ok: true; jpeg: Buffer; width: number; height: number; quality: number }
  | {
      ok: false;
      /** unreadable: not a picture libheif can decode; too-many-pixels: over maxPixels; too-large: no quality fits maxBytes. */
      reason: "unreadable" | "too-many-pixels" | "too-large";
      width?: number;
      height?: number;
      /** The smallest JPEG tried (too-large), bytes. */
      bytes?: number;
    };

export type HeicOptions = {
  /** Largest picture decoded, in pixels (width × height), checked before the pixels are allocated. */
  maxPixels: number;
  /** Largest JPEG kept, bytes. */
  maxBytes: number;
  /** JPEG qualities (1–100) tried in order until the result fits maxBytes. */
  qualities?: readonly number[];
  /** A conversion still running then is stopped and the photo counted unreadable, ms. */
  timeoutMs?: number;
};

/** iPhones' largest pictures are 48 MP (8064 × 6048); this admits them and bounds memory (~200 MB of pixels). */
export const HEIC_MAX_PIXELS = 50_000_000;
const QUALITIES = [85, 70, 55] as const;
const WORKER = new URL("./heic-worker.mjs", import.meta.url);

// One conversion at a time per process: each takes a core for seconds and ~4 bytes per pixel.
let running: Promise<unknown> = Promise.resolve();

/**
 * A HEIF/HEIC photo (ISO/IEC 23008-12, the iPhone camera's default) as a baseline JPEG of the
 * same width and height (the file's rotation applied), without its metadata (EXIF, location).
 * Decoded with libheif (WebAssembly, `heic-decode`) and encoded with `jpeg-js`, in a worker
 * thread so the server keeps answering meanwhile; conversions queue one behind the other.
 * Never throws for bad input: the answer says why there is no JPEG.
 */
export function heicToJpeg(bytes: Buffer, opts: HeicOptions): Promise<HeicConversion> {
  const turn = running.then(() => convertInWorker(bytes, opts));
  running = turn.catch(() => undefined);
  return turn;
}

function convertInWorker(bytes: Buffer, opts: HeicOptions): Promise<HeicConversion> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, {
      workerData: {
        bytes: new Uint8Array(bytes),
        maxPixels: opts.maxPixels,
        maxBytes: opts.maxBytes,
        qualities: opts.qualities ?? QUALITIES,
      },
      // libheif prints its complaints about malformed files; the answer already says "unreadable".
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ ok: false, reason: "unreadable" });
    }, opts.timeoutMs ?? 60_000);
    worker.once("message", (m: HeicConversion) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m.ok ? { ...m, jpeg: Buffer.from(m.jpeg.buffer, m.jpeg.byteOffset, m.jpeg.byteLength) } : m);
    });
    // A crash inside the decoder (e.g. WebAssembly aborting on a malformed file) ends only the worker.
    worker.once("error", () => {
      clearTimeout(timer);
      resolve({ ok: false, reason: "unreadable" });
    });
    worker.once("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0) resolve({ ok: false, reason: "unreadable" });
    });
  });
}

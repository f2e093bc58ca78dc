import { HEIF_TYPES } from "@domain/files.js";

/** A document photographed is readable at this size on its longest side (an A4 page at ~200 dpi). */
export const PHOTO_MAX_SIDE = 2400;
/** Photos up to this size in JPEG or PNG are sent as they are (bytes). */
const SEND_AS_IS_BYTES = 1024 * 1024;

const isHeif = (f: File) =>
  (HEIF_TYPES as readonly string[]).includes(f.type) || /\.(heic|heif|hif)$/i.test(f.name);

/**
 * Should this file be made into a smaller JPEG on the phone before it is sent? Only pictures, only
 * where the component takes JPEG, and only when it pays: a HEIC/HEIF photo (most browsers cannot
 * show one; the server would have to convert it), or a picture over 1 MB (a camera photo is
 * 2–8 MB). PDFs and small JPEG/PNG files go as they are.
 */
export function needsShrinking(file: File, accept: readonly string[]): boolean {
  if (!accept.includes("image/jpeg")) return false;
  if (isHeif(file)) return true;
  return (file.type === "image/jpeg" || file.type === "image/png") && file.size > SEND_AS_IS_BYTES;
}

/**
 * The photo as a JPEG of at most PHOTO_MAX_SIDE pixels on its longest side and at most `maxBytes`
 * (quality lowered step by step until it fits), turned upright, without its metadata (EXIF,
 * location), made by browser-image-compression on the page's own thread (a worker would load the
 * library from a CDN, which the page's Content-Security-Policy rightly forbids). `onProgress`
 * gets 0–1. Undefined when this browser cannot read the picture (HEIC outside Safari): the
 * caller sends the original and the server converts it.
 */
export async function shrinkPhoto(
  file: File,
  maxBytes: number,
  onProgress: (fraction: number) => void,
): Promise<File | undefined> {
  const { default: imageCompression } = await import("browser-image-compression");
  try {
    const out = await imageCompression(file, {
      maxSizeMB: maxBytes / (1024 * 1024),
      maxWidthOrHeight: PHOTO_MAX_SIDE,
      fileType: "image/jpeg",
      initialQuality: 0.85,
      // Lower the quality, never the size: a document must stay readable.
      alwaysKeepResolution: true,
      useWebWorker: false,
      onProgress: (percent) => onProgress(percent / 100),
    });
    return new File([out], file.name, { type: "image/jpeg", lastModified: file.lastModified });
  } catch {
    return undefined;
  }
}

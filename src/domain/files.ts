import { cleanText, firstGraphemes, graphemeLength } from "./text.js";

/**
 * Uploaded files: which content a component takes, and the name a file is shown and served
 * under. Shared by the server (which decides) and the browser (which prepares a photo and shows
 * the same name before the server answers).
 */

/**
 * HEIF photos (HEIC is HEIF with HEVC pictures): the default camera format of iPhones since iOS 11.
 * The platform stores them converted to JPEG, so a component that accepts JPEG takes them too.
 */
export const HEIF_TYPES = ["image/heic", "image/heif"] as const;

/** What a client may say it sends when it does not know: judged by the content alone. */
export const UNDECLARED_TYPES = ["", "application/octet-stream"] as const;

/** Extensions of each stored type; the first is the one a name gets when it has none of them. */
const EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  "application/pdf": ["pdf"],
  "image/jpeg": ["jpg", "jpeg", "jpe", "jfif"],
  "image/png": ["png"],
};

/** Extensions of document and picture formats: a name ending in one for another type has it replaced. */
const FILE_FORMAT_EXTENSIONS = new Set([
  ...Object.values(EXTENSIONS).flat(),
  "heic",
  "heif",
  "hif",
  "webp",
  "gif",
  "bmp",
  "tif",
  "tiff",
  "avif",
]);

/** A file name is at most this many user-perceived characters, its extension included. */
export const FILENAME_MAX = 100;
/** The name of a file that arrived without a usable one. */
const UNNAMED = "upload";

/** The media type part of a Content-Type header value: lowercase, without parameters. */
export function mediaType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

/** The types a component's file picker offers and a client may declare: `accept`, plus HEIF where JPEG is taken. */
export function uploadableTypes(accept: readonly string[]): string[] {
  return accept.includes("image/jpeg") ? [...accept, ...HEIF_TYPES] : [...accept];
}

/** HEIC and HEIF name one container (ISO/IEC 23008-12); image sequences are still photos of it. */
function family(mime: string): string {
  return /^image\/hei[cf](-sequence)?$/.test(mime) ? "image/heif" : mime;
}

export type TypeVerdict =
  /** Store the content as `store`; `convert` when it must first become a JPEG (a HEIF photo). */
  { ok: true; store: string; convert: boolean } | { ok: false };

/**
 * Is an upload what its component takes? `sniffed` is the type read from the content (undefined
 * when the content is no known format); `declared` is the Content-Type the client sent. The
 * content decides: a client that declares nothing or `application/octet-stream` is judged by the
 * content alone, a declared type that the content contradicts is refused (HEIC and HEIF count as
 * one). A HEIF photo is taken where the component accepts JPEG, and stored converted.
 */
export function judgeType(
  sniffed: string | undefined,
  declaredContentType: string,
  accept: readonly string[],
): TypeVerdict {
  const declared = mediaType(declaredContentType);
  if (!sniffed) return { ok: false };
  const undeclared = (UNDECLARED_TYPES as readonly string[]).includes(declared);
  if (!undeclared && family(declared) !== family(sniffed)) return { ok: false };
  if (family(sniffed) === "image/heif")
    return accept.includes("image/jpeg") ? { ok: true, store: "image/jpeg", convert: true } : { ok: false };
  return accept.includes(sniffed) ? { ok: true, store: sniffed, convert: false } : { ok: false };
}

/**
 * The name a file is shown and served under, from the name a client sent and the type stored:
 * - invisible characters removed and NFC (cleanText: control, zero-width and bidirectional
 *   override characters, so `invoice\u202Egpj.exe` cannot pose as `invoiceexe.jpg`); line
 *   breaks and tabs become spaces, runs of spaces one space;
 * - path separators (`/`, `\`) become `_`; no leading dots, no trailing dots or spaces;
 * - the extension agrees with the content: kept when it is one of the type's (`.jpeg` for a JPEG),
 *   replaced when it names another file format (`IMG_0001.HEIC` stored as JPEG → `IMG_0001.jpg`),
 *   added otherwise (`invoice.exe` holding a PDF → `invoice.exe.pdf`);
 * - at most FILENAME_MAX user-perceived characters, cut in the stem so the extension stays.
 * A name with nothing left is `upload` plus the extension. Idempotent.
 */
export function safeFilename(name: string, mime: string): string {
  const cleaned = cleanText(name)
    .replace(/[\t\n\r]/g, " ")
    .replace(/[/\\]/g, "_")
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/[. ]+$/u, "");
  const dot = cleaned.lastIndexOf(".");
  const ext = dot >= 0 ? cleaned.slice(dot + 1) : "";
  const hasExt = /^[A-Za-z0-9]{1,10}$/.test(ext);
  let stem = hasExt ? cleaned.slice(0, dot) : cleaned;
  let suffix = hasExt ? ext : "";
  const own = EXTENSIONS[mime];
  if (own) {
    if (!own.includes(suffix.toLowerCase())) {
      if (!FILE_FORMAT_EXTENSIONS.has(suffix.toLowerCase()) && suffix) stem = `${stem}.${suffix}`;
      suffix = own[0] ?? "";
    }
  }
  stem = stem.replace(/^[. ]+/u, "");
  const tail = suffix ? `.${suffix}` : "";
  const room = FILENAME_MAX - graphemeLength(tail);
  stem = firstGraphemes(stem, room).replace(/[. ]+$/u, "") || UNNAMED;
  return `${stem}${tail}`;
}

/** A file type in words a person knows ("PDF", "ảnh JPG"), never a MIME type. */
const TYPE_NAMES: Readonly<Record<string, { vi: string; en: string }>> = {
  "application/pdf": { vi: "PDF", en: "PDF" },
  "image/jpeg": { vi: "ảnh JPG", en: "JPG photo" },
  "image/png": { vi: "ảnh PNG", en: "PNG picture" },
  "image/heic": { vi: "ảnh HEIC (iPhone)", en: "HEIC photo (iPhone)" },
  "image/heif": { vi: "ảnh HEIF", en: "HEIF photo" },
};

/**
 * The file types in `mimes` named in words, in Vietnamese and English, each once ("PDF, ảnh JPG"):
 * for messages a citizen reads. A type without a name reads "another kind of file".
 */
export function typeNames(mimes: readonly string[]): { vi: string; en: string } {
  const names = [...new Set(mimes)].map(
    (m) => TYPE_NAMES[m] ?? { vi: "một loại tệp khác", en: "another kind of file" },
  );
  return {
    vi: [...new Set(names.map((n) => n.vi))].join(", "),
    en: [...new Set(names.map((n) => n.en))].join(", "),
  };
}

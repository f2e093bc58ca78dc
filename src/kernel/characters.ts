import { AppError } from "./errors.js";

/**
 * What the database cannot store, refused at the edge with 400 INVALID_CHARACTERS instead of a
 * 500 from deep inside: a NUL character (PostgreSQL text and jsonb reject U+0000) and a lone UTF-16
 * surrogate (not a Unicode scalar value; not encodable as UTF-8). With the `u` flag a well-formed
 * surrogate pair is one code point outside D800–DFFF, so only lone halves match.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is refused
const BAD = /[\u0000\uD800-\uDFFF]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is escaped
const BAD_ALL = /[\u0000\uD800-\uDFFF]/gu;

/** Does this text hold a character the database cannot store? */
export function hasBadCharacters(text: string): boolean {
  return BAD.test(text);
}

/** The text as it can be stored and read back: each such character written as a `\uXXXX` escape. */
export function escapeBadCharacters(text: string): string {
  return text.replace(BAD_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The path (e.g. `body.values.child.fullName`) of the first string, key or value, with a bad character. */
export function findBadCharacters(value: unknown, at: string, depth = 0): string | undefined {
  if (typeof value === "string") return hasBadCharacters(value) ? at : undefined;
  if (value === null || typeof value !== "object" || Buffer.isBuffer(value) || depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadCharacters(value[i], `${at}.${i}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    if (hasBadCharacters(k)) return `${at}.${k.replace(BAD, "?")}`;
    const found = findBadCharacters(v, `${at}.${k}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Bytes as UTF-8 text, or undefined when they are not UTF-8 (a stray `0xFF`, a cut sequence such
 * as `C3 28`, an encoded surrogate): such input is refused, never stored with U+FFFD in its place.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Percent-encoded text (a request target, a form body) with its escapes decoded byte-wise as
 * UTF-8; undefined when the bytes are not UTF-8 (`%C3%28`, `%FF`, an encoded surrogate
 * `%ED%A0%80`). A `%` not followed by two hex digits is kept as it is.
 */
export function percentDecode(text: string): string | undefined {
  if (!text.includes("%")) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) bytes.push(c);
    else bytes.push(...Buffer.from(String.fromCharCode(c), "utf8"));
  }
  return decodeUtf8(new Uint8Array(bytes));
}

/**
 * Does the request target (path and query, as sent) decode to clean UTF-8 text? `%00`, bytes that
 * are not UTF-8 and lone surrogates are refused (`percentDecode`, `hasBadCharacters`). A `%` not
 * followed by two hex digits is left to the router.
 */
export function urlIsClean(url: string): boolean {
  const text = percentDecode(url);
  return text !== undefined && !hasBadCharacters(text);
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route checks its raw body itself (e.g. to log a refused bank callback first). */
    checksOwnBody?: boolean;
  }
}

/**
 * 400 INVALID_CHARACTERS naming the field (e.g. `body.values.child.fullName`, `url.query`,
 * `headers`) and what was wrong with it: a NUL or a lone surrogate (the default), bytes that are
 * not UTF-8, or a control character in a header.
 */
export function invalidCharacters(
  field: string,
  kind: "character" | "utf8" | "control" = "character",
): AppError {
  const what = {
    character: { vi: "ký tự NUL hoặc mã UTF-16 lẻ", en: "NUL or a lone UTF-16 surrogate" },
    utf8: { vi: "dãy byte không phải UTF-8", en: "bytes that are not UTF-8" },
    control: { vi: "ký tự điều khiển", en: "a control character" },
  }[kind];
  return new AppError("INVALID_CHARACTERS", [
    {
      field,
      messageVi: `Có ký tự không hợp lệ (${what.vi}).`,
      messageEn: `Contains a character that is not allowed (${what.en}).`,
    },
  ]);
}

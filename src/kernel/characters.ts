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
 * Does the request target (path and query, as sent) decode to clean UTF-8 text? Percent-escapes
 * are decoded byte-wise: `%00`, bytes that are not UTF-8 and UTF-8-encoded surrogates
 * (`%ED%A0%80`) are refused. A `%` not followed by two hex digits is left to the router.
 */
export function urlIsClean(url: string): boolean {
  if (!url.includes("%")) return !hasBadCharacters(url);
  const bytes: number[] = [];
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(url.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(url.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) bytes.push(c);
    else bytes.push(...Buffer.from(String.fromCharCode(c), "utf8"));
  }
  if (bytes.includes(0)) return false;
  try {
    return !hasBadCharacters(utf8.decode(new Uint8Array(bytes)));
  } catch {
    return false;
  }
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route checks its raw body itself (e.g. to log a refused bank callback first). */
    checksOwnBody?: boolean;
  }
}

/** 400 INVALID_CHARACTERS naming the field (e.g. `body.values.child.fullName`, `url.query`). */
export function invalidCharacters(field: string): AppError {
  return new AppError("INVALID_CHARACTERS", [
    {
      field,
      messageVi: "Có ký tự không hợp lệ (ký tự NUL hoặc mã UTF-16 lẻ).",
      messageEn: "Contains a character that is not allowed (NUL or a lone UTF-16 surrogate).",
    },
  ]);
}

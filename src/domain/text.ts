/**
 * Folds Vietnamese text for search: lower case, no diacritics, đ → d, single spaces.
 * "Hà Nội", "ha noi" and "HA NOI" all fold to "ha noi".
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Characters a person cannot see that arrive in typed text: C0/C1 control characters other than
 * tab, line feed and carriage return (NUL included); format characters (zero-width space and
 * joiners, word joiner, byte-order mark, soft hyphen, left-to-right/right-to-left marks, bidi
 * embeddings, overrides and isolates: Unicode general category Cf); every other
 * Default_Ignorable_Code_Point (Unicode PropList: the Hangul fillers U+115F, U+1160, U+3164 and
 * U+FFA0, which Unicode classes as letters yet draw nothing, the combining grapheme joiner,
 * variation selectors); and lone UTF-16 surrogates, which are not characters at all.
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * Typed text as stored: invisible characters (see INVISIBLE) removed, then Unicode NFC, so that
 * "Nguyễn" typed on a keyboard that sends decomposed letters (NFD) is the same string as "Nguyễn"
 * typed anywhere else, and prints with its tone marks in place. Ordinary spaces and line breaks are
 * kept. Idempotent.
 */
export function cleanText(text: string): string {
  return text.replace(INVISIBLE, "").normalize("NFC");
}

/** A name as stored: cleaned (cleanText), every run of white space one space, no space at either end. */
export function cleanName(text: string): string {
  return cleanText(text).replace(/\s+/gu, " ").trim();
}

/** Is the text empty once invisible characters (cleanText) and white space are gone? */
export function isBlank(text: string): boolean {
  return cleanText(text).trim() === "";
}

/**
 * Combining marks one character may carry. Vietnamese needs at most two (a vowel mark and a tone
 * mark, "ệ" = e + ◌̂ + ◌̣ in NFD; none in NFC); more is "Zalgo" text that overprints the lines
 * around it on a printed document and hides behind a short length (graphemeLength counts a letter
 * with 1,500 marks as one character).
 */
export const MAX_MARKS_PER_CHARACTER = 3;
const STACKED_MARKS = new RegExp(`\\p{M}{${MAX_MARKS_PER_CHARACTER + 1},}`, "u");

/** Does some character of the text carry more than MAX_MARKS_PER_CHARACTER combining marks? */
export function hasStackedMarks(text: string): boolean {
  return STACKED_MARKS.test(text);
}

/**
 * Why a person's name (cleaned: cleanName) cannot be printed on an official document, or
 * undefined when it can. Civil-status documents are printed in the Vietnamese alphabet, a Latin
 * script (Decree 123/2015/NĐ-CP Art. 4(2): the civil-status book and papers are kept in
 * Vietnamese; names of ethnic minorities are written in Latin letters too):
 * - `marks`: a character carries more than MAX_MARKS_PER_CHARACTER combining marks;
 * - `script`: a letter of another script (Hangul, Han, Cyrillic, Thai…);
 * - `no_letter`: no letter at all (digits or punctuation only);
 * - `characters`: anything but Latin letters, their diacritics (U+0300–U+036F), spaces, hyphens,
 *   apostrophes and full stops (digits, symbols, emoji).
 */
export type NameProblem = "marks" | "script" | "no_letter" | "characters";
const OTHER_SCRIPT_LETTER = /(?!\p{Script=Latin})\p{L}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;
const NAME_CHARS = /^(?:\p{Script=Latin}|[\u0300-\u036F]|[ '’.-])+$/u;

export function personNameProblem(name: string): NameProblem | undefined {
  if (hasStackedMarks(name)) return "marks";
  if (OTHER_SCRIPT_LETTER.test(name)) return "script";
  if (!LATIN_LETTER.test(name)) return "no_letter";
  if (!NAME_CHARS.test(name)) return "characters";
  return undefined;
}

let segmenter: Intl.Segmenter | undefined;

/**
 * Length as a person sees it: user-perceived characters (extended grapheme clusters, Unicode
 * UAX #29), not UTF-16 code units. "Nguyễn" in NFD is 9 code units and 6 characters.
 */
export function graphemeLength(text: string): number {
  // ASCII without CR LF pairs: one character per code unit (the common case, no segmenter).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range test
  if (/^[\u0000-\u007F]*$/.test(text) && !text.includes("\r\n")) return text.length;
  segmenter ??= new Intl.Segmenter("vi", { granularity: "grapheme" });
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/**
 * The first `max` user-perceived characters of the text (see graphemeLength): a cut never parts a
 * letter from its tone mark or splits an emoji.
 */
export function firstGraphemes(text: string, max: number): string {
  if (graphemeLength(text) <= max) return text;
  segmenter ??= new Intl.Segmenter("vi", { granularity: "grapheme" });
  let out = "";
  let n = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (n++ >= max) break;
    out += segment;
  }
  return out;
}

/**
 * Every string of a parsed request (body, query or path parameters), keys included, passed through
 * cleanText; other values unchanged. Arrays and plain objects are rebuilt, nested at most `depth`
 * levels (deeper values are returned as they are, for the schema to refuse).
 */
export function cleanDeep(value: unknown, depth = 32): unknown {
  if (typeof value === "string") return cleanText(value);
  if (value === null || typeof value !== "object" || depth <= 0) return value;
  if (Array.isArray(value)) return value.map((v) => cleanDeep(v, depth - 1));
  // Plain records only (a query string's record has a prototype without one); not Buffers, streams, files.
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && proto !== Object.prototype && Object.getPrototypeOf(proto) !== null) return value;
  // fromEntries defines own properties: a "__proto__" key stays a key, never a prototype.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanDeep(v, depth - 1)]));
}

import { foldVietnamese } from "./text.js";

/**
 * How the assistant hears a phrase: typed text → folded syllables (no diacritics, lower case),
 * everyday abbreviations expanded ("dk" → "dang", "ky"); a trigger phrase matches when its
 * syllables appear in order, with at most two other syllables between them ("bố tôi vừa mất"
 * matches "bo mat"), each syllable exactly or, from four letters on (three for a phrase's later
 * syllables), with one typo (a letter missing, added, changed or two swapped: "sihn" hears
 * "sinh"). Pure; shared by server and browser.
 */
export function syllables(text: string, synonyms: Readonly<Record<string, string>> = {}): string[] {
  return foldVietnamese(text)
    .split(" ")
    .filter(Boolean)
    .flatMap((w) => (Object.hasOwn(synonyms, w) ? (synonyms[w] as string) : w).split(" "));
}

/** Optimal string alignment distance of a and b is at most one (one edit or one swap). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one letter changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swapped
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * 0 when the typed syllable is the trigger's, 1 when it is the trigger's with one typo, else -1.
 * A typo needs the same first letter and a trigger syllable of four letters or more; `inPhrase`
 * (a later syllable of a phrase whose earlier ones were heard) lowers that to three letters, so
 * "bằng lay xe" hears "bang lai xe" and "vừa mấtt" hears "mat", while a lone three-letter word
 * ("mai" for "mat") is never taken for another.
 */
function hear(typed: string, trigger: string, inPhrase = false): number {
  if (typed === trigger) return 0;
  const shortest = inPhrase ? 3 : 4;
  return trigger.length >= shortest && typed[0] === trigger[0] && withinOneEdit(typed, trigger) ? 1 : -1;
}

const MAX_GAP = 2;

/**
 * How well the typed syllables contain the trigger's: 10 points a trigger syllable, less one for
 * each syllable skipped between them and two for each typo; 0 when they do not contain it.
 */
export function matchScore(typed: readonly string[], trigger: readonly string[]): number {
  let best = 0;
  for (let start = 0; start < typed.length; start++) {
    const first = hear(typed[start] as string, trigger[0] as string);
    if (first < 0) continue;
    let penalty = first * 2;
    let gaps = 0;
    let at = start;
    let ok = true;
    for (let k = 1; k < trigger.length && ok; k++) {
      ok = false;
      for (let j = at + 1; j < typed.length && j - at - 1 + gaps <= MAX_GAP; j++) {
        const h = hear(typed[j] as string, trigger[k] as string, true);
        if (h >= 0) {
          gaps += j - at - 1;
          penalty += h * 2;
          at = j;
          ok = true;
          break;
        }
      }
    }
    if (ok) best = Math.max(best, trigger.length * 10 - gaps - penalty);
  }
  return best;
}

/** The best score of any of the phrases (folded, space-separated). */
export function bestScore(typed: readonly string[], phrases: readonly string[]): number {
  return Math.max(0, ...phrases.map((p) => matchScore(typed, p.split(" "))));
}

/**
 * "Mất" means dying only at the end of a clause or before words of time or manner ("bố mất rồi",
 * "mẹ mất hôm qua", "ông mất năm 2020", "bố mất thì làm gì"); before anything else it is a loss
 * ("mất sổ đỏ", "mất điện thoại", "mất trí nhớ"), as after "bị", "làm", "đánh", "báo" ("bị mất").
 */
const DEATH_AFTER = new Set(
  "roi hom nay ngay luc tu vao sang chieu toi dem trua tuan thang nam duoc cach o tai lam thi phai nen de di som chua da vua hon khi sau truoc ma nhung va gan lau can".split(
    " ",
  ),
);
const LOSS_BEFORE = new Set(["bi", "lam", "danh", "bao"]);
const TIME_UNITS = new Set(["ngay", "hom", "tuan", "thang", "nam", "gio"]);
/** What a "mất" that is a loss is heard as: "thất lạc" (lost), the word triggers use for a loss. */
const LOSS = ["that", "lac"];

/** Whether the "mất" at `i` of one clause's syllables means dying. */
function meansDeath(clause: readonly string[], i: number): boolean {
  if (LOSS_BEFORE.has(clause[i - 1] ?? "")) return false;
  const next = clause[i + 1];
  if (next === undefined || DEATH_AFTER.has(next)) return true;
  // "mất vì bệnh" is a death; "mất ví", "mất ví tiền" a loss (both fold to "vi").
  if (next === "vi") return clause[i + 2] !== undefined && clause[i + 2] !== "tien" && clause[i + 2] !== "da";
  // "mất 3 ngày rồi" is a death; "mất 3 triệu" a loss.
  return /^\d+$/.test(next) && TIME_UNITS.has(clause[i + 2] ?? "");
}

/**
 * The syllables the assistant hears (`syllables`, clause by clause: punctuation ends a clause),
 * a "mất" that is a loss heard as "thất lạc", so that "mẹ tôi mất điện thoại" is never a death.
 */
export function heardSyllables(text: string, synonyms: Readonly<Record<string, string>> = {}): string[] {
  return text.split(/[,.;:!?\n]+/).flatMap((part) => {
    const clause = syllables(part, synonyms);
    return clause.flatMap((w, i) => (w === "mat" && !meansDeath(clause, i) ? LOSS : [w]));
  });
}

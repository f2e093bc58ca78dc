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
  return words(text, synonyms).map((w) => w.s);
}

/**
 * The folded syllables (`s`) of `text`, each with the word as typed (`raw`, lower case, NFC), which
 * tells apart words that fold alike ("ô"/"ở" → "o", "ví"/"vì" → "vi"); a syllable of an expanded
 * abbreviation has itself as `raw`.
 */
function words(text: string, synonyms: Readonly<Record<string, string>>): { s: string; raw: string }[] {
  return text
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .flatMap((raw) =>
      foldVietnamese(raw)
        .split(" ")
        .filter(Boolean)
        .flatMap((w, _, all) => {
          const expanded = (Object.hasOwn(synonyms, w) ? (synonyms[w] as string) : w).split(" ");
          return expanded.map((s) => ({ s, raw: all.length === 1 && expanded.length === 1 ? raw : s }));
        }),
    );
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
 * ("mai" for "mat") is never taken for another; nor is a typed word of two letters ("tô" for
 * "trọ": "đăng kiểm ô tô" is no temporary residence). A trigger of one syllable (`alone`) hears a
 * typo from five letters: "tuần" (a week) is not "tuất" (the survivor benefit).
 */
function hear(typed: string, trigger: string, inPhrase = false, alone = false): number {
  if (typed === trigger) return 0;
  const shortest = inPhrase ? 3 : alone ? 5 : 4;
  return trigger.length >= shortest &&
    typed.length >= 3 &&
    typed[0] === trigger[0] &&
    withinOneEdit(typed, trigger)
    ? 1
    : -1;
}

const MAX_GAP = 2;

/**
 * How well the typed syllables contain the trigger's: 10 points a trigger syllable, less one for
 * each syllable skipped between them and two for each typo; 0 when they do not contain it.
 */
export function matchScore(typed: readonly string[], trigger: readonly string[]): number {
  let best = 0;
  for (let start = 0; start < typed.length; start++) {
    const first = hear(typed[start] as string, trigger[0] as string, false, trigger.length === 1);
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
 * What a "mất" means, from the words around it in its clause:
 * - a loss ("thất lạc"): after "bị", "làm", "đánh", "báo" ("bị mất"), or before a thing ("mất ô",
 *   "mất ví", "mất điện thoại", "mất đồ", "mất sổ đỏ", "mất 3 triệu");
 * - a death ("qua đời"): before a cause ("mất do tai nạn", "mất vì bệnh"), a time ("mất hôm qua",
 *   "mất lúc 5 giờ", "mất 3 ngày rồi", "mất năm 2020"), a manner ("mất đột ngột") or a place where
 *   people die ("mất ở bệnh viện", "mất tại nhà");
 * - either: at the end of a clause or before a word that says neither ("mất rồi", "mất thì làm
 *   gì"). Who died then decides ("bố mất rồi": a death trigger names a relative); when nobody is
 *   named ("mất rồi") the assistant asks.
 * Words that fold alike are told apart by the marks typed: "ô" (umbrella) is a thing, "ở" (at) a
 * place; "ví" (wallet) a thing, "vì" (because) a cause; unmarked "vi"/"do" are a cause only before
 * a cause ("mat vi benh", "mat do tai nan"), else a thing ("mat vi", "mat do" = mất đồ).
 */
export type MatSense = "death" | "loss" | "either";

const LOSS_BEFORE = new Set(["bi", "lam", "danh", "bao"]);
/** After "mất": words of time, manner or place that make it a death. */
const DEATH_CUES = new Set(
  "hom nay ngay luc tu vao sang chieu toi dem trua tuan thang nam duoc cach tai som hon khi sau truoc gan lau dot thanh vua".split(
    " ",
  ),
);
/** After "mất": words that say neither a death nor a thing ("mất rồi", "mất thì làm gì"). */
const NEUTRAL = new Set("roi thi phai nen de di lam ma nhung va chua da can".split(" "));
/** After "do"/"vì": a cause of death ("do tai nạn", "vì bệnh", "vì ung thư", "do tuổi già"). */
const CAUSES = new Set("benh tai ung gia tuoi dot bi covid nhoi tim suy ngo dich lu".split(" "));
/** After "ở"/"tại": a place where people die. */
const PLACES = new Set(["benh", "vien", "nha", "que"]);
const TIME_UNITS = new Set(["ngay", "hom", "tuan", "thang", "nam", "gio"]);
/** What a "mất" is heard as: "thất lạc" (lost) and "qua đời" (died), the words triggers use. */
const HEARD_AS: Readonly<Record<MatSense, string[]>> = {
  loss: ["that", "lac"],
  death: ["qua", "doi"],
  either: ["mat"],
};

/** After "mất con": words that keep "con" a child (a death), not a classifier ("mất con chó"). */
const CHILD_AFTER = new Set("toi roi em minh gai trai nho be cua chung".split(" "));

/** The sense of the "mất" at `i` of one clause's words (see MatSense). */
function matSense(clause: readonly { s: string; raw: string }[], i: number): MatSense {
  if (LOSS_BEFORE.has(clause[i - 1]?.s ?? "")) return "loss";
  const next = clause[i + 1];
  if (next === undefined) return "either";
  const after = clause[i + 2]?.s;
  if (next.s === "o") {
    if (PLACES.has(after ?? "")) return "death";
    return next.raw === "ở" ? "either" : "loss"; // "ô", or an unmarked "o" not before a place
  }
  if (next.s === "vi") {
    if (next.raw === "vì") return after === undefined ? "either" : "death";
    return next.raw === "vi" && CAUSES.has(after ?? "") ? "death" : "loss";
  }
  if (next.s === "do") return next.raw === "do" && CAUSES.has(after ?? "") ? "death" : "loss";
  // "mất con", "mất con gái" is a child's death; "mất con chó" a lost animal.
  if (next.s === "con") return after === undefined || CHILD_AFTER.has(after) ? "death" : "loss";
  if (NEUTRAL.has(next.s)) return "either";
  if (DEATH_CUES.has(next.s)) return "death";
  // "mất 3 ngày rồi" is a death; "mất 3 triệu" a loss.
  return /^\d+$/.test(next.s) && TIME_UNITS.has(after ?? "") ? "death" : "loss";
}

/**
 * Words whose marks tell a sense their folded spelling loses, heard as a syllable of that sense's
 * own: "thuế" (tax) folds to "thue" like "thuê" (rent), yet is never a rental ("thuế nhà" is the
 * tax on a house). Triggers spell the sense ("nop thuetax"); the word typed without marks stays
 * "thue". A sense's syllable is long and unlike any word, so that no typo is heard as it.
 */
const MARKED_SENSE: Readonly<Record<string, string>> = { thuế: "thuetax" };

/**
 * The syllables the assistant hears (`syllables`, clause by clause: punctuation ends a clause),
 * each "mất" heard by its sense (`MatSense`): a loss as "thất lạc", a death as "qua đời", either as
 * "mất"; so "mẹ tôi mất điện thoại" is never a death. A word that folds to "mat" but was typed
 * otherwise ("mắt", "mặt", "mật") is kept as typed: no "mất" at all.
 */
export function heardSyllables(text: string, synonyms: Readonly<Record<string, string>> = {}): string[] {
  return heardClauses(text, synonyms).flat();
}

/** The heard syllables (`heardSyllables`), clause by clause. */
export function heardClauses(text: string, synonyms: Readonly<Record<string, string>> = {}): string[][] {
  return text.split(/[,.;:!?\n]+/).map((part) => {
    const clause = words(part, synonyms);
    return clause.flatMap((w, i) => {
      const sense = MARKED_SENSE[w.raw];
      if (sense) return [sense];
      if (w.s !== "mat") return [w.s];
      if (w.raw !== "mất" && w.raw !== "mat") return [w.raw];
      return HEARD_AS[matSense(clause, i)];
    });
  });
}

/** After a lost "thất lạc": words that are no thing ("mất trí nhớ", "mất ngủ", "mất bao lâu"). */
const NO_THING = new Set([..."tri ngu tich long mat suc bao may phi thoi cong".split(" "), ...NEUTRAL]);

/** Whether the heard syllables lose a thing ("thất lạc" before a word that is one: "mất ô"). */
export function losesAThing(heard: readonly string[]): boolean {
  return heard.some((w, i) => w === "that" && heard[i + 1] === "lac" && isThing(heard[i + 2]));
}
const isThing = (w: string | undefined) => w !== undefined && !NO_THING.has(w);

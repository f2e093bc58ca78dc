import { foldVietnamese } from "../../domain/text.js";

/** What the name search needs of a commune: its code, province and folded names. */
export type SearchableCommune = {
  code: string;
  provinceCode: string;
  /** The commune's own name, folded ("hai chau"). */
  name: string;
  /** The commune's full names, folded ("phuong hai chau hai chau ward"). */
  text: string;
  /** Its province's name, folded ("da nang"). */
  provinceName: string;
};

/** How a commune matched a query, for ranking: lower sorts first at each level. */
type Match = { typos: number; notExact: number; outside: number; notPrefix: number; code: string };

/**
 * Optimal-string-alignment distance, capped: 0, 1 (one letter added, dropped, changed, or two
 * neighbours swapped), or 2 for "further".
 */
export function closeness(a: string, b: string): 0 | 1 | 2 {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 1) return 2;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const ra = a.slice(i + 1);
  const rb = b.slice(i + 1);
  if (a.length === b.length) {
    if (ra === rb) return 1; // one changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2) ? 1 : 2; // swapped
  }
  return a.length > b.length ? (a.slice(i + 1) === b.slice(i) ? 1 : 2) : a.slice(i) === rb ? 1 : 2;
}

/** The shortest query word a one-letter typo is forgiven in ("hai" → "hia"; never "da" → "la"). */
const TYPO_MIN = 3;

/**
 * How many typos `words` need to all appear in a commune's names `text` (0 = exactly), or null
 * when one word appears nowhere. A word of 3 letters or more that does not appear may be one typo
 * away from one of the words (`closeness`).
 */
function typosIn(words: readonly string[], text: string): number | null {
  const tokens = text.split(" ");
  let typos = 0;
  for (const w of words) {
    if (text.includes(w)) continue;
    if (w.length < TYPO_MIN || !tokens.some((t) => closeness(w, t) <= 1)) return null;
    typos++;
  }
  return typos;
}

/** Words naming the kind of a province, skipped before its name ("tỉnh Nghệ An", "TP Đà Nẵng"). */
const PROVINCE_KINDS = new Set(["tinh", "thanh", "pho", "tp", "province", "city"]);

/**
 * How many typos `words` need to name the province `name` (folded, "da nang"), or null: after
 * any kind word, the words are the name's words in order, a word of 2 letters or more maybe one
 * typo away ("da nag"); at the end of the query (`last`) the name may be half typed ("da na").
 * No words: 0.
 */
function typosInProvince(words: readonly string[], name: string, last: boolean): number | null {
  if (words.length === 0) return 0;
  let i = 0;
  while (i < words.length && PROVINCE_KINDS.has(words[i] ?? "")) i++;
  const typed = words.slice(i);
  const parts = name.split(" ");
  if (typed.length === 0 || typed.length > parts.length || (!last && typed.length < parts.length))
    return null;
  let typos = 0;
  for (const [j, w] of typed.entries()) {
    const part = parts[j] ?? "";
    if (w === part || (last && j === typed.length - 1 && part.startsWith(w))) continue;
    if (w.length < 2 || closeness(w, part) > 1) return null;
    typos++;
  }
  return typos;
}

/**
 * How one commune matches the folded query `words`, or null. The words name the commune, or the
 * commune and then (or first) its province's name ("hai chau da nang", "tinh nghe an hai chau");
 * the split needing the fewest typos counts. At least one word names the commune.
 */
function matchOne(c: SearchableCommune, words: readonly string[], near: string | undefined): Match | null {
  let typos: number | null = null;
  for (let k = 1; k <= words.length; k++) {
    // The first k words name the commune and the rest the province; or the last k, after it.
    const splits: [readonly string[], readonly string[], boolean][] = [
      [words.slice(0, k), words.slice(k), true],
      [words.slice(words.length - k), words.slice(0, words.length - k), false],
    ];
    for (const [own, province, last] of splits) {
      const a = typosIn(own, c.text);
      const b = a === null ? null : typosInProvince(province, c.provinceName, last);
      if (a !== null && b !== null && (typos === null || a + b < typos)) typos = a + b;
    }
  }
  if (typos === null) return null;
  const named = words.filter((w) => c.name.includes(w)).join(" ");
  return {
    typos,
    notExact: named === c.name ? 0 : 1,
    outside: near !== undefined && c.provinceCode !== near ? 1 : 0,
    notPrefix: named !== "" && c.name.startsWith(named) ? 0 : 1,
    code: c.code,
  };
}

/**
 * The communes matching a typed name, best first (GET /api/units/communes?q=…&near=…). The query
 * is folded (no diacritics, no case, punctuation as spaces; src/domain/text.ts) and split into
 * words; every word must match, the commune's names or its province's (`matchOne`). Only the
 * matches with the fewest typos are kept (no typo match when one matches exactly). Ranking, each
 * level breaking the previous one's ties: first a commune whose whole name is the typed words
 * ("thu duc": Thủ Đức, Hồ Chí Minh before Thượng Đức, Đà Nẵng for a Đà Nẵng citizen); then the
 * communes of `near` (the citizen's or the
 * form's province: a Đà Nẵng citizen typing "hai chau" sees Phường Hải Châu, Đà Nẵng before
 * Xã Hải Châu, Nghệ An);
 * then names that begin with the typed words ("Hải Châu" before "Nam Hải Châu"); then by code.
 * An empty query matches every commune, by code.
 */
export function searchCommunes(
  communes: readonly SearchableCommune[],
  q: string,
  near?: string,
): SearchableCommune[] {
  const words = foldVietnamese(q).split(" ").filter(Boolean);
  const found: { c: SearchableCommune; m: Match }[] = [];
  for (const c of communes) {
    const m = matchOne(c, words, near);
    if (m) found.push({ c, m });
  }
  // Typos are forgiven only when nothing matches with fewer: "hai chau" lists the two Hải Châu, not "Hải Cầu".
  const fewest = Math.min(...found.map((f) => f.m.typos));
  const kept = found.filter((f) => f.m.typos === fewest);
  kept.sort(
    (x, y) =>
      x.m.typos - y.m.typos ||
      x.m.notExact - y.m.notExact ||
      x.m.outside - y.m.outside ||
      x.m.notPrefix - y.m.notPrefix ||
      (x.m.code < y.m.code ? -1 : x.m.code > y.m.code ? 1 : 0),
  );
  return kept.map((f) => f.c);
}

import { syllables } from "./assistant-match.js";
import type { Relation } from "./household-kin.js";

/**
 * The relatives the virtual assistant tells apart (src/domain/assistant.ts): who a deceased is to
 * the citizen, in words, and which relative a text names. Pure; shared by server and browser.
 */

/** Who a person is to the citizen, as far as the assistant tells relatives apart. */
export const KINS = [
  "father",
  "mother",
  "spouse",
  "child",
  "fatherOfHusband",
  "motherOfHusband",
  "fatherOfWife",
  "motherOfWife",
  "sonInLaw",
  "daughterInLaw",
  "grandfather",
  "grandmother",
  "grandchild",
  "sibling",
] as const;
export type Kin = (typeof KINS)[number];

export const KIN_WORDS: Readonly<Record<Kin, { vi: string; en: string }>> = {
  father: { vi: "bố", en: "father" },
  mother: { vi: "mẹ", en: "mother" },
  spouse: { vi: "vợ hoặc chồng", en: "spouse" },
  child: { vi: "con", en: "child" },
  fatherOfHusband: { vi: "bố chồng", en: "father-in-law" },
  motherOfHusband: { vi: "mẹ chồng", en: "mother-in-law" },
  fatherOfWife: { vi: "bố vợ", en: "father-in-law" },
  motherOfWife: { vi: "mẹ vợ", en: "mother-in-law" },
  sonInLaw: { vi: "con rể", en: "son-in-law" },
  daughterInLaw: { vi: "con dâu", en: "daughter-in-law" },
  grandfather: { vi: "ông", en: "grandfather" },
  grandmother: { vi: "bà", en: "grandmother" },
  grandchild: { vi: "cháu", en: "grandchild" },
  sibling: { vi: "anh chị em", en: "brother or sister" },
};

/**
 * The kin word for what a member is to the citizen (src/domain/household-kin.ts), by the sexes:
 * a woman's husband's father is her "bố chồng", a man's wife's father his "bố vợ".
 */
export function kinOfRelation(r: Relation, selfSex: "M" | "F", otherSex: "M" | "F"): Kin {
  const male = otherSex === "M";
  switch (r) {
    case "parent":
      return male ? "father" : "mother";
    case "parentInLaw":
      return selfSex === "F"
        ? male
          ? "fatherOfHusband"
          : "motherOfHusband"
        : male
          ? "fatherOfWife"
          : "motherOfWife";
    case "childInLaw":
      return male ? "sonInLaw" : "daughterInLaw";
    case "grandparent":
      return male ? "grandfather" : "grandmother";
    default:
      return r;
  }
}

/**
 * Whether the relative a citizen names is this one: the everyday word is enough ("bố" for a
 * father-in-law, as a daughter-in-law calls him; "con" for a son- or daughter-in-law).
 */
export function kinMatches(named: Kin, kin: Kin): boolean {
  if (named === kin) return true;
  if (named === "father") return kin === "fatherOfHusband" || kin === "fatherOfWife";
  if (named === "mother") return kin === "motherOfHusband" || kin === "motherOfWife";
  if (named === "child") return kin === "sonInLaw" || kin === "daughterInLaw";
  return false;
}
/** A household relationship (to its head) in English; one not listed is left out of the English. */
export const RELATIONSHIP_EN: Readonly<Record<string, string>> = {
  "chủ hộ": "head of the household",
  vợ: "wife",
  chồng: "husband",
  bố: "father",
  cha: "father",
  mẹ: "mother",
  con: "child",
  ông: "grandfather",
  bà: "grandmother",
  cháu: "grandchild",
};
/** Folded syllables naming a relative ("bà" and "má" fold like "ba" and "ma": left out). */
const KIN_SYLLABLES: Readonly<Record<string, Kin>> = {
  bo: "father",
  cha: "father",
  tia: "father",
  me: "mother",
  chong: "spouse",
  vo: "spouse",
  con: "child",
};

/** Folded two-syllable names of in-laws ("bố chồng", "con dâu"). */
const IN_LAW_SYLLABLES: Readonly<Record<string, Kin>> = {
  "bo chong": "fatherOfHusband",
  "cha chong": "fatherOfHusband",
  "me chong": "motherOfHusband",
  "bo vo": "fatherOfWife",
  "cha vo": "fatherOfWife",
  "me vo": "motherOfWife",
  "con re": "sonInLaw",
  "con dau": "daughterInLaw",
};

/**
 * The relative the text names ("bố tôi vừa mất" → father, "bố chồng tôi mất" → fatherOfHusband),
 * or null: none, or two relative words in a row the assistant does not tell apart ("con chồng").
 */
export function kinNamed(text: string): Kin | null {
  const typed = syllables(text);
  const at = typed.findIndex((w) => Object.hasOwn(KIN_SYLLABLES, w));
  if (at < 0) return null;
  const next = typed[at + 1];
  const pair = `${typed[at]} ${next}`;
  if (Object.hasOwn(IN_LAW_SYLLABLES, pair)) return IN_LAW_SYLLABLES[pair] ?? null;
  if (next !== undefined && Object.hasOwn(KIN_SYLLABLES, next)) return null;
  return KIN_SYLLABLES[typed[at] as string] ?? null;
}

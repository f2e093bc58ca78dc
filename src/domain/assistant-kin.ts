import { syllables } from "./assistant-match.js";

/**
 * The relatives the virtual assistant tells apart (src/domain/assistant.ts): who a deceased is to
 * the citizen, in words, and which relative a text names. Pure; shared by server and browser.
 */

/** Who a person is to the citizen, as far as the assistant tells relatives apart. */
export type Kin = "father" | "mother" | "spouse" | "child";

export const KIN_WORDS: Readonly<Record<Kin, { vi: string; en: string }>> = {
  father: { vi: "bố", en: "father" },
  mother: { vi: "mẹ", en: "mother" },
  spouse: { vi: "vợ hoặc chồng", en: "spouse" },
  child: { vi: "con", en: "child" },
};
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

/**
 * The relative the text names ("bố tôi vừa mất" → father), or null: none, or an in-law ("bố vợ":
 * two relative words in a row), whom the assistant does not tell apart.
 */
export function kinNamed(text: string): Kin | null {
  const typed = syllables(text);
  const at = typed.findIndex((w) => Object.hasOwn(KIN_SYLLABLES, w));
  if (at < 0) return null;
  const next = typed[at + 1];
  if (next !== undefined && Object.hasOwn(KIN_SYLLABLES, next)) return null;
  return KIN_SYLLABLES[typed[at] as string] ?? null;
}

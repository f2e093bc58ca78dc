/**
 * Who one member of a household is to another, from each one's relationship to the household's
 * head as the residence registry writes it ("quan hệ với chủ hộ": "chủ hộ", "vợ", "chồng", "con",
 * "con dâu", "con rể", "bố", "mẹ", "bố chồng", "ông", "bà", "cháu", "anh", "em"…). Used for the
 * relationship to a deceased prefilled on the death group's forms and for the assistant's words
 * (a daughter-in-law's "bố" who died is her father-in-law, "bố chồng", not her father). Pure;
 * shared by server and browser.
 */

/** What a member is to the head of their household. */
export type HeadRelation =
  | "head"
  | "spouse"
  | "child"
  | "childInLaw"
  | "parent"
  | "parentInLaw"
  | "grandparent"
  | "grandchild"
  | "sibling";

/** The registry's relation codes, folded to lower case, by what each says of the member. */
const HEAD_RELATIONS: Readonly<Record<string, HeadRelation>> = {
  "chủ hộ": "head",
  vợ: "spouse",
  chồng: "spouse",
  con: "child",
  "con đẻ": "child",
  "con nuôi": "child",
  "con trai": "child",
  "con gái": "child",
  "con dâu": "childInLaw",
  "con rể": "childInLaw",
  bố: "parent",
  cha: "parent",
  mẹ: "parent",
  "bố đẻ": "parent",
  "mẹ đẻ": "parent",
  "bố chồng": "parentInLaw",
  "mẹ chồng": "parentInLaw",
  "bố vợ": "parentInLaw",
  "mẹ vợ": "parentInLaw",
  ông: "grandparent",
  bà: "grandparent",
  "ông nội": "grandparent",
  "bà nội": "grandparent",
  "ông ngoại": "grandparent",
  "bà ngoại": "grandparent",
  cháu: "grandchild",
  "cháu nội": "grandchild",
  "cháu ngoại": "grandchild",
  anh: "sibling",
  chị: "sibling",
  em: "sibling",
  "anh trai": "sibling",
  "chị gái": "sibling",
  "em trai": "sibling",
  "em gái": "sibling",
};

/** A relation code as the registry writes it ("Con dâu", " vợ "), read; undefined when unknown. */
export function headRelation(code: string | null | undefined): HeadRelation | undefined {
  if (!code) return undefined;
  const key = code.normalize("NFC").trim().toLocaleLowerCase("vi").replace(/\s+/g, " ");
  return Object.hasOwn(HEAD_RELATIONS, key) ? HEAD_RELATIONS[key] : undefined;
}

/** What another member is to a citizen. */
export type Relation = Exclude<HeadRelation, "head">;

/** What the head is to a member whose relation to the head is `r`. */
const INVERSE: Readonly<Record<Relation, Relation>> = {
  spouse: "spouse",
  child: "parent",
  childInLaw: "parentInLaw",
  parent: "child",
  parentInLaw: "childInLaw",
  grandparent: "grandchild",
  grandchild: "grandparent",
  sibling: "sibling",
};

/**
 * What the head's `d` is to someone the head is `x` to (the head's father is the head's wife's
 * father-in-law). Only the compositions one answer fits: the head's child to the head's parent is
 * a grandchild or a nephew, so it is left out (the registries then do not say).
 */
const THROUGH_HEAD: Readonly<Partial<Record<Relation, Partial<Record<Relation, Relation>>>>> = {
  // The head is my spouse.
  spouse: {
    parent: "parentInLaw",
    parentInLaw: "parent",
    child: "child",
    childInLaw: "childInLaw",
    grandchild: "grandchild",
  },
  // The head is my parent.
  parent: { spouse: "parent", parent: "grandparent", child: "sibling" },
  // The head is my parent-in-law.
  parentInLaw: { spouse: "parentInLaw" },
  // The head is my child.
  child: { spouse: "childInLaw", child: "grandchild", parent: "spouse" },
  // The head is my child-in-law.
  childInLaw: { spouse: "child", child: "grandchild" },
  // The head is my grandparent.
  grandparent: { spouse: "grandparent" },
  // The head is my sibling.
  sibling: { parent: "parent", sibling: "sibling" },
};

/**
 * What the member whose relation to the head is `theirs` is to the member whose relation is
 * `mine` (both of one household; "chủ hộ" for the head), or undefined when the household does not
 * say (an unknown code, or a composition with more than one answer).
 */
export function relationInHousehold(
  mine: string | null | undefined,
  theirs: string | null | undefined,
): Relation | undefined {
  const a = headRelation(mine);
  const d = headRelation(theirs);
  if (!a || !d || (a === "head" && d === "head")) return undefined;
  if (a === "head") return d as Relation;
  if (d === "head") return INVERSE[a];
  return THROUGH_HEAD[INVERSE[a]]?.[d];
}

/**
 * The applicant's relationship to the deceased as the death group's forms ask it (the requester
 * is the deceased's spouse, child, parent or another relative), from what the deceased is to them.
 */
export function requesterRelationship(deceasedIs: Relation): "spouse" | "child" | "parent" | "relative" {
  return deceasedIs === "spouse"
    ? "spouse"
    : deceasedIs === "parent"
      ? "child"
      : deceasedIs === "child"
        ? "parent"
        : "relative";
}

/**
 * What a citizen joining their spouse's household is to its head, as the residence registry writes
 * it (Law on Residence 2020, Art. 20(2)(a): a spouse registered into the other spouse's household),
 * from the spouse's relationship to the head and the citizen's sex: "vợ"/"chồng" when the spouse is
 * the head, "con dâu"/"con rể" when the spouse is the head's child, "cháu dâu"/"cháu rể" when a
 * grandchild. Undefined when the household does not say (a spouse who is the head's sibling: the
 * word depends on who is older), so the form leaves it for the citizen to type.
 */
export function spouseJoinsAs(
  spouseToHead: string | null | undefined,
  sex: "M" | "F" | null | undefined,
): string | undefined {
  const r = headRelation(spouseToHead);
  if (!r || (sex !== "M" && sex !== "F")) return undefined;
  const words: Partial<Record<HeadRelation, [string, string]>> = {
    head: ["chồng", "vợ"],
    child: ["con rể", "con dâu"],
    grandchild: ["cháu rể", "cháu dâu"],
  };
  const w = words[r];
  return w ? w[sex === "M" ? 0 : 1] : undefined;
}

/** English words for the registry's relation codes a spouse's dossier names ("con dâu": "daughter-in-law"). */
const RELATION_EN: Readonly<Record<string, string>> = {
  "chủ hộ": "head of household",
  vợ: "wife",
  chồng: "husband",
  "con dâu": "daughter-in-law",
  "con rể": "son-in-law",
  "cháu dâu": "granddaughter-in-law",
  "cháu rể": "grandson-in-law",
  con: "child",
  bố: "father",
  cha: "father",
  mẹ: "mother",
  "bố chồng": "father-in-law",
  "mẹ chồng": "mother-in-law",
  "bố vợ": "father-in-law",
  "mẹ vợ": "mother-in-law",
  ông: "grandfather",
  bà: "grandmother",
  cháu: "grandchild",
  anh: "elder brother",
  chị: "elder sister",
  em: "younger sibling",
};

const KIND_EN: Readonly<Record<HeadRelation, string>> = {
  head: "head of household",
  spouse: "spouse",
  child: "child",
  childInLaw: "child-in-law",
  parent: "parent",
  parentInLaw: "parent-in-law",
  grandparent: "grandparent",
  grandchild: "grandchild",
  sibling: "sibling",
};

/**
 * A relation code in English words for English text ("Con dâu" → "daughter-in-law"): the exact
 * word when known, else its kind ("con nuôi" → "child"), else the code as written (a word the
 * citizen typed, shown as is rather than guessed).
 */
export function relationWordEn(code: string | null | undefined): string | undefined {
  if (!code?.trim()) return undefined;
  const key = code.normalize("NFC").trim().toLocaleLowerCase("vi").replace(/\s+/g, " ");
  if (Object.hasOwn(RELATION_EN, key)) return RELATION_EN[key];
  const kind = headRelation(code);
  return kind ? KIND_EN[kind] : code.trim();
}

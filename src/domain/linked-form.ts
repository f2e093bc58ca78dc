/**
 * The combined form of a linked group (issue 12 point 2): each fact asked once, what the
 * registries and the birth notice know already filled, only the choices that matter. Pure:
 * the web form computes its suggestions here, the server accepts what it submits as any filing.
 *
 * Input `known` is the first step's prefill preview (`GET /api/procedures/:code/prefill`: field key
 * → value, registry or suggested), and which of its components the registries replace.
 */
export type Known = Readonly<Record<string, string | number | boolean | null | undefined>>;
export type Suggested = Record<string, string | number | boolean>;

const str = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

/**
 * The birth group's suggestions, each the parents' choice the law allows (Law on Civil Status
 * 2014, Art. 14: the child's ethnicity and home town follow the father's or the mother's, as they
 * agree; nationality Vietnamese when a parent is): the applicant's relationship (mother or father,
 * from whose block carries the applicant's own name), the child's ethnicity, nationality and home
 * town from the mother's block (else the father's), "the parents are married" when the marriage
 * record was found. Keys are the birth registration's (1.001193) field keys.
 */
export function birthSuggestions(known: Known, marriageFound: boolean): Suggested {
  const out: Suggested = {};
  const me = str(known["requester.fullName"]);
  if (me && me === str(known["mother.fullName"])) out["requester.relationship"] = "mother";
  else if (me && me === str(known["father.fullName"])) out["requester.relationship"] = "father";
  const side = str(known["mother.fullName"]) ? "mother" : "father";
  const ethnicity = str(known[`${side}.ethnicity`]);
  if (ethnicity) out["child.ethnicity"] = ethnicity;
  const nationality = [str(known["mother.nationality"]), str(known["father.nationality"])];
  if (nationality.some((n) => n === "Việt Nam" || n === "VN")) out["child.nationality"] = "VN";
  const residence = str(known[`${side}.residence`]);
  // The home town is written as commune and province: the residence's last two parts.
  const parts = residence
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length >= 2) out["child.homeTown"] = parts.slice(-2).join(", ");
  if (marriageFound) out["parents.married"] = true;
  return out;
}

/**
 * The residence step's values when the child will live in the applicant's household: joining it
 * as the head's child or grandchild (Law on Residence 2020, Art. 20(2)(a)), with the head's consent.
 */
export function joinHouseholdValues(relationshipToHead: "con" | "cháu"): Suggested {
  return {
    request: "join_household",
    "member.relationshipToHead": relationshipToHead,
    "household.headConsent": true,
  };
}

/** Where the child will live, as the combined form shows it: an address in words, and whose it is. */
export type ChildHome = { address: string; of: "mother" | "father" | "parents" };

/**
 * Where the birth group's residence step registers the child: the applicant's household (the step
 * joins the child to it, `joinHouseholdValues`), so the applicant's own residence as the registries
 * and the notice give it (the mother's block when the mother files, else the father's). `parents`
 * when both parents' residences read the same (a shared home: shown as the prefilled answer, no
 * question). Null when the applicant or that residence is not known.
 */
export function childHome(known: Known, relationship: string | undefined): ChildHome | null {
  if (relationship !== "mother" && relationship !== "father") return null;
  const address = str(known[`${relationship}.residence`]);
  if (!address) return null;
  const norm = (v: unknown) => str(v).toLocaleLowerCase("vi").replace(/\s+/g, " ");
  const shared = norm(known["mother.residence"]) === norm(known["father.residence"]);
  return { address, of: shared ? "parents" : relationship };
}

/**
 * A household the child may join, as the combined birth form offers it (`GET
 * /api/linked-applications/child-homes`): the mother's or the father's, named by its head and
 * address as the registries hold them. `own`: the applicant's household (the residence step is
 * filed as before); `sameProvince`: in the group's province (another province's police are not
 * reached by a linked step: the form says to file the residence on its own there).
 */
export type ChildHomeOption = {
  of: "mother" | "father";
  householdId: string;
  headName: string;
  address: string;
  communeCode: string;
  communeName: string;
  provinceCode: string;
  /** The head is the child's parent whose household it is (the child joins as "con"; else "cháu"). */
  headIsParent: boolean;
  own: boolean;
  sameProvince: boolean;
};

/** The other parent's household a birth group registers the child into (migration 357). */
export type ChildHomeRecord = {
  of: "mother" | "father";
  householdId: string;
  provinceCode: string;
  communeCode: string;
  communeName: string;
  address: string;
  headNumber: string;
  headName: string;
  /** The child's relationship to the head: the parent's child, else (the parent's parent heads it) grandchild. */
  relationshipToHead: "con" | "cháu";
  /**
   * The head's consent (Law on Residence 2020, Art. 21(1)): by the applicant when they head it
   * (their filing is it), else by the head themselves on the platform; null while awaited.
   */
  consent: { by: string; at: string; as: "applicant" | "head" } | null;
  /**
   * The head's refusal (Law on Residence 2020, Art. 21(1): no registration into a household
   * without its head's consent): the residence step is then cancelled with the reason; absent or
   * null while none (records written before refusals existed have no such key).
   */
  refusal?: { by: string; at: string; reason?: string | null } | null;
  /**
   * When the applicant reminded the head (ISO instants, oldest first; at most one in 24 hours),
   * while no answer came; absent while none.
   */
  reminders?: string[];
};

/**
 * The household's place in running text: its address, then its commune unless the registry wrote
 * the address out with it already ("Thôn 10, Xã Sông Vàng" is not followed by ", Xã Sông Vàng").
 */
export const childHomePlace = (home: Pick<ChildHomeRecord, "address" | "communeName">): string =>
  home.address.includes(home.communeName) ? home.address : `${home.address}, ${home.communeName}`;

/**
 * The declarant's relationship to the head of a household they do not live in, as CT01 asks it:
 * the head is the other parent (spouse when the marriage record was found, else the child's other
 * parent), or the other parent's parent (parent-in-law when married, else the grandchild's parent).
 */
export function declarantRelationship(
  applicant: "mother" | "father",
  headIsParent: boolean,
  married: boolean,
): string {
  if (headIsParent) {
    if (married) return applicant === "mother" ? "vợ" : "chồng";
    return applicant === "mother" ? "mẹ của con chủ hộ" : "cha của con chủ hộ";
  }
  if (married) return applicant === "mother" ? "con dâu" : "con rể";
  return applicant === "mother" ? "mẹ của cháu chủ hộ" : "cha của cháu chủ hộ";
}

/**
 * The residence step's values when the child joins the other parent's household: only the child
 * is registered (the declarant keeps their own residence: `child_joins_household`), as the head's
 * child or grandchild, with the head's consent: the step is submitted only once the head gave it
 * (the linked module's `awaitsHeadConsent`), so the form is filed with it.
 */
export function otherHouseholdValues(
  home: Pick<ChildHomeRecord, "relationshipToHead">,
  declarant: string,
): Suggested {
  return {
    request: "child_joins_household",
    "member.relationshipToHead": home.relationshipToHead,
    "household.relationshipToHead": declarant,
    "household.headConsent": true,
  };
}

/** A field's name, and the procedure that asks it when it is a later step's question. */
type Asked = { labelVi: string; labelEn: string };
type AskedBy = { nameVi: string; nameEn: string };

/**
 * The words for a required question of the combined form left unanswered: the server's refusal
 * (LINKED_ANSWERS_MISSING) and the form's own count before any submission say it alike.
 */
export function unansweredWords(field: Asked, procedure?: AskedBy): { messageVi: string; messageEn: string } {
  return {
    messageVi: `${procedure ? `${procedure.nameVi}: ` : ""}${field.labelVi}: cần trả lời.`,
    messageEn: `${procedure ? `${procedure.nameEn}: ` : ""}${field.labelEn}: needs an answer.`,
  };
}

import MiniSearch from "minisearch";
import { hear } from "../../domain/assistant.js";
import { KNOWLEDGE } from "../../domain/assistant-data.js";
import { syllables } from "../../domain/assistant-match.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { foldVietnamese } from "../../domain/text.js";

/**
 * The procedure finder: how people write ("lam giay khai sinh cho con", "dang ki tam tru",
 * "xin giấy xác nhận độc thân") → the right procedure first. Text is folded (no diacritics,
 * lower case); MiniSearch adds prefix and typo-tolerant (fuzzy) matching and BM25 ranking.
 * Names weigh most, then everyday keywords, then the plain-words summary. Everyday abbreviations
 * ("dk", "bhyt") are expanded first, from the assistant's synonyms (data/assistant/intents.json).
 */
const STOP_WORDS = new Set(
  "lam xin cho toi ban can muon nao o dau va cua mot de co khong duoc la cac nhung voi nay gi thi ma the".split(
    " ",
  ),
);

/**
 * Words that say nothing of which procedure is meant ("giấy tờ", "nhà", "mất", "cấp"): for the
 * assistant (`strict`) they never count as a hit in a procedure's name or keywords.
 */
const VAGUE_WORDS = new Set("giay to nha mat cap lai thu tuc viec nguoi".split(" "));

/** The shortest typed word the finder forgives a typo in (letters, diacritics folded). */
export const MIN_FUZZY = 5;

/** A hit is kept when its score is at least this share of the best hit's (0..1). */
export const RELEVANCE = 0.5;

export type Findable = {
  code: string;
  definition: Pick<ProcedureDefinition, "nameVi" | "nameEn" | "keywords" | "summaryVi">;
};

export function buildFinder(items: readonly Findable[]) {
  const index = new MiniSearch<{ id: string; name: string; keywords: string; summary: string }>({
    fields: ["name", "keywords", "summary"],
    processTerm: (term) => {
      const t = foldVietnamese(term);
      return t && !STOP_WORDS.has(t) ? t : null;
    },
    searchOptions: {
      boost: { name: 3, keywords: 2, summary: 0.5 },
      // Short words match exactly; longer ones also as prefixes, and from five letters with a typo
      // or two: a syllable of four letters or fewer is one edit away from too many common words
      // ("cuoi" of "muốn cưới" from "tuoi" of the child's card, "viec" from "viet").
      prefix: (term: string) => term.length >= 3,
      fuzzy: (term: string) => (term.length >= MIN_FUZZY ? 0.2 : false),
      combineWith: "OR",
    },
  });
  index.addAll(
    items.map((p) => ({
      id: p.code,
      name: `${p.definition.nameVi} ${p.definition.nameEn}`,
      keywords: p.definition.keywords.join(" "),
      summary: p.definition.summaryVi,
    })),
  );
  /**
   * `strict` (the virtual assistant's fallback, when no rule recognised the words): at least two
   * of the words typed are in the procedure's name or keywords, none of them a vague word
   * (`VAGUE_WORDS`), so that one shared word ("cấp" of "xin cấp điện", "mất" of "mất chó", "nhà"
   * of "nhà") never opens an unrelated procedure: a weak match ranks nothing first. The search
   * box keeps the looser rule.
   */
  return (query: string, opts: { strict?: boolean } = {}): string[] => {
    // A service this platform does not offer ("hộ chiếu") finds nothing, rather than a procedure
    // that shares a word with it; the assistant names its agency.
    if (hear(query).kind === "notOffered") return [];
    const q = syllables(query, KNOWLEDGE.synonyms).join(" ");
    const terms = q.split(" ").filter((t) => t && !STOP_WORDS.has(t));
    if (terms.length === 0) return q ? [] : items.map((p) => p.code);
    // Most of what was typed must match, and some of it the procedure's name or everyday keywords:
    // one lucky fuzzy word out of three is noise, and words met only in a summary's prose ("việc"
    // in "mọi việc") say nothing of what the procedure is.
    const needed = Math.ceil(terms.length / 2);
    const named = (r: { match: Record<string, string[]>; queryTerms: string[] }) =>
      new Set(
        r.queryTerms.filter(
          (t) => (r.match[t] ?? []).some((f) => f !== "summary") && !(opts.strict && VAGUE_WORDS.has(t)),
        ),
      ).size;
    const enough = opts.strict ? 2 : 1;
    const hits = index
      .search(terms.join(" "))
      .filter((r) => r.queryTerms.length >= needed && named(r) >= enough);
    // Only the relevant: a hit scoring under RELEVANCE of the best one shares a word or two with
    // what was typed ("đăng ký" of "đăng kí tạm chú"), it is not what was asked for.
    const top = hits[0]?.score ?? 0;
    return hits.filter((r) => r.score >= top * RELEVANCE).map((r) => String(r.id));
  };
}

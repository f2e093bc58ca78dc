import { type FactName, type Intent, KNOWLEDGE, type Knowledge, type NotOffered } from "./assistant-data.js";
import { bestScore, heardClauses, losesAThing, matchScore } from "./assistant-match.js";

/** The assistant's hearing: what a typed text is about (an intent, a service not offered, a loss or a death). */

export type Heard =
  | { kind: "intent"; intent: Intent; notOffered?: NotOffered }
  | { kind: "notOffered"; service: NotOffered }
  | { kind: "lostOrDied" }
  /** What the text says it does not want ("tôi không muốn kết hôn nữa"), and nothing else heard. */
  | {
      kind: "denied";
      heard: { kind: "intent"; intent: Intent } | { kind: "notOffered"; service: NotOffered };
    }
  | { kind: "none" };

/** Words that deny a need ("không muốn", "không cần", "ko muốn", "chưa muốn"), as folded syllables. */
const DENIALS = [
  "khong muon",
  "khong can",
  "khong con muon",
  "khong con can",
  "chang muon",
  "chang can",
  "chua muon",
  "chua can",
].map((d) => d.split(" "));
/**
 * Last words, as typed, that make a sentence a question ("… à", "… không", "… sao", "… chứ"); not
 * "ạ", a polite ending ("tôi không muốn kết hôn nữa ạ" denies).
 */
const QUESTION_ENDS = new Set(["à", "hả", "không", "khong", "ko", "sao", "chứ", "nhỉ"]);
/** Words that end what a denial covers within a clause ("không muốn kết hôn mà cần giấy độc thân"). */
const DENIAL_ENDS = new Set(["ma", "nhung", "chi"]);

/**
 * The heard syllables split into those said as a need (`kept`) and those a denial covers
 * (`denied`: from "không muốn"/"không cần" to the end of its clause, or to "mà"/"nhưng"/"chỉ").
 */
export function splitDenied(clauses: readonly (readonly string[])[]): { kept: string[]; denied: string[] } {
  const kept: string[] = [];
  const denied: string[] = [];
  for (const clause of clauses) {
    let denying = false;
    for (let i = 0; i < clause.length; i++) {
      const denial = DENIALS.find((d) => d.every((w, k) => clause[i + k] === w));
      if (denial) {
        denying = true;
        i += denial.length - 1;
        continue;
      }
      const w = clause[i] as string;
      if (DENIAL_ENDS.has(w)) denying = false;
      (denying ? denied : kept).push(w);
    }
  }
  return { kept, denied };
}

/**
 * The age stated in years ("con tôi 3 tuổi" → 3), or undefined. A bound is no age: "trẻ em dưới 6
 * tuổi" names the under-6 card itself, so "dưới N tuổi" states nothing.
 */
function statedAge(typed: readonly string[]): number | undefined {
  const at = typed.findIndex(
    (w, i) => w === "tuoi" && /^\d{1,3}$/.test(typed[i - 1] ?? "") && typed[i - 2] !== "duoi",
  );
  return at > 0 ? Number(typed[at - 1]) : undefined;
}

/**
 * The question asked when a "mất" names neither who died nor what was lost ("mất rồi"): its
 * options lead to the death intent, the lost-papers service or the lost-property service
 * (ids in the knowledge files).
 */
export const LOST_OR_DIED = {
  id: "lostOrDied",
  vi: "Người thân qua đời hay bị mất giấy tờ/đồ vật?",
  en: "Did a relative die, or did you lose papers or a thing?",
  options: [
    { value: "death", vi: "Người thân qua đời", en: "A relative died", intent: "death" },
    { value: "papers", vi: "Mất giấy tờ", en: "I lost papers", service: "lostPapers" },
    { value: "thing", vi: "Mất đồ vật", en: "I lost a thing", service: "lostProperty" },
  ],
} as const;
/** The least score of a heard intent or service (one whole syllable of a trigger). */
const HEARD = 8;

/** The least score of each of two things heard in one text: two syllables in a row, no typo. */
const BOTH = 20;

/** The service that answers for any lost thing no trigger names ("mất ô", "mất chìa khóa"). */
const LOST_THING = "lostProperty";

/**
 * What the text is about: the intent or not-offered service whose trigger matches best (more
 * syllables matched wins; on a tie, a service the platform offers; both heard: the intent, with the
 * service noted in `notOffered`). Needs at least one whole
 * syllable: a lone typo is not enough. "Mất" is heard by its sense (`heardSyllables`): "mẹ tôi
 * mất điện thoại" is never a death. When nothing matches, a "mất" that may be either a death or a
 * loss ("mất rồi") is the question `LOST_OR_DIED` (or, once answered in `answers`, its choice), and
 * any other lost thing ("mất ô") the lost-property service.
 */
export function hear(
  text: string,
  knowledge: Knowledge = KNOWLEDGE,
  answers: Readonly<Record<string, string>> = {},
): Heard {
  const clauses = heardClauses(text, knowledge.synonyms);
  // A question is no denial: "tôi không cần đăng ký tạm trú à?" asks about it.
  const last = text
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .at(-1);
  const asks = text.includes("?") || QUESTION_ENDS.has(last ?? "");
  const { kept, denied } = asks ? { kept: clauses.flat(), denied: [] } : splitDenied(clauses);
  const heard = hearSyllables(kept, knowledge, answers);
  if (heard.kind !== "none" || denied.length === 0) return heard;
  // Only what is denied was heard ("tôi không muốn kết hôn nữa"): never its procedure.
  const what = hearSyllables(denied, knowledge, {});
  return what.kind === "intent" || what.kind === "notOffered" ? { kind: "denied", heard: what } : heard;
}

/** `hear` on the syllables said as a need. */
function hearSyllables(
  typed: readonly string[],
  knowledge: Knowledge,
  answers: Readonly<Record<string, string>>,
): Heard {
  const age = statedAge(typed);
  let best: Heard = { kind: "none" };
  let score = 0;
  for (const intent of knowledge.intents) {
    if (intent.under !== undefined && age !== undefined && age >= intent.under) continue;
    const s = Math.max(
      bestScore(typed, intent.triggers),
      ...(intent.together ?? []).map((t) => allScore(typed, t)),
    );
    if (s > score) [best, score] = [{ kind: "intent", intent }, s];
  }
  let heardService: NotOffered | undefined;
  let serviceScore = 0;
  for (const service of knowledge.services) {
    const s = bestScore(typed, service.triggers);
    if (s > serviceScore) [heardService, serviceScore] = [service, s];
  }
  // A service that outranks ("tạm vắng") is the answer whatever else is named ("đăng ký", "đi làm xa").
  const outranking = knowledge.services.find((s) => s.outranks && bestScore(typed, s.triggers) >= HEARD);
  if (outranking) return { kind: "notOffered", service: outranking };
  // A life event and a service not offered, each in words of its own ("hộ chiếu cho con mới
  // sinh"): the life event is answered, and the service said to be another agency's in the same
  // answer. Words shared ("bảo hiểm y tế cho con", "mất giấy khai sinh") are one thing, not two.
  if (best.kind === "intent" && score >= HEARD && heardService && serviceScore >= HEARD) {
    const { intent } = best;
    if (
      bestScore(without(typed, intent.triggers), heardService.triggers) >= BOTH &&
      bestScore(without(typed, heardService.triggers), intent.triggers) >= BOTH
    )
      return { ...best, notOffered: heardService };
  }
  if (heardService && serviceScore > score)
    [best, score] = [{ kind: "notOffered", service: heardService }, serviceScore];
  if (score >= HEARD) return best;
  const service = (id: string): Heard => {
    const found = knowledge.services.find((s) => s.id === id);
    return found ? { kind: "notOffered", service: found } : { kind: "none" };
  };
  if (typed.includes("mat")) {
    const chosen = LOST_OR_DIED.options.find((o) => o.value === answers[LOST_OR_DIED.id]);
    if (!chosen) return { kind: "lostOrDied" };
    if ("service" in chosen) return service(chosen.service);
    const intent = knowledge.intents.find((i) => i.id === chosen.intent);
    return intent ? { kind: "intent", intent } : { kind: "none" };
  }
  return losesAThing(typed) ? service(LOST_THING) : { kind: "none" };
}

/** The typed syllables without those of the best heard of `phrases` (each of its words once). */
function without(typed: readonly string[], phrases: readonly string[]): string[] {
  const scored = phrases.map((p) => ({ words: p.split(" "), score: matchScore(typed, p.split(" ")) }));
  const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
  const rest = [...typed];
  for (const w of best.words) {
    const i = rest.indexOf(w);
    if (i >= 0) rest.splice(i, 1);
  }
  return rest;
}

/** The sum of each list's best score when every list is heard, else 0. */
function allScore(typed: readonly string[], lists: readonly (readonly string[])[]): number {
  const scores = lists.map((l) => bestScore(typed, l));
  return scores.every((s) => s > 0) ? scores.reduce((a, b) => a + b, 0) : 0;
}

/** The registry facts the answer to this turn may use (read only these, only for a citizen). */
export function factsNeeded(
  input: { text: string; answers?: Readonly<Record<string, string>> | undefined },
  knowledge: Knowledge = KNOWLEDGE,
): FactName[] {
  const h = hear(input.text, knowledge, input.answers);
  return h.kind === "intent" ? h.intent.facts : [];
}

/**
 * The linked group a life event typed in search names ("vừa sinh con" → `birth`, "bố mất rồi làm
 * gì" → `death`), so that search leads to the group's combined form rather than a single form;
 * null when the text is no such life event.
 */
export function lifeEventGroup(text: string, knowledge: Knowledge = KNOWLEDGE): string | null {
  const heard = hear(text, knowledge);
  return heard.kind === "intent" ? (heard.intent.openGroup?.code ?? null) : null;
}

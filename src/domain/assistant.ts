// Over 400 lines: the one reply builder of the assistant (hearing, questions, facts used, every reply kind), read together.
import type { AssistantReply } from "./api/assistant.js";
import {
  type FactName,
  type Flow,
  type Intent,
  KNOWLEDGE,
  type Knowledge,
  type NotOffered,
} from "./assistant-data.js";
import { deathElsewhere } from "./assistant-guidance.js";
import { KIN_WORDS, type Kin, kinNamed, RELATIONSHIP_EN } from "./assistant-kin.js";
import { bestScore, heardSyllables, losesAThing } from "./assistant-match.js";
import { foldVietnamese } from "./text.js";

/**
 * The virtual assistant's rules (issue 14.1), pure and shared by the server and the web app: what
 * was typed (+ the answers to its questions) → a procedure of the catalogue, a question, a service
 * this platform does not offer with its competent agency, or "not understood". It answers only
 * from the catalogue (`catalogue`, `find`: the catalogue's finder) and, for a signed-in citizen,
 * their registry facts (`facts`, read by the exchange, which logs each fact `assist` reports used).
 */

export type { FactName } from "./assistant-data.js";
export { refusedReply } from "./assistant-guidance.js";
export { type Kin, kinNamed } from "./assistant-kin.js";

/** The signed-in citizen's registry facts the assistant may use; null = read and absent. */
export type AssistantFacts = {
  /** An unregistered electronic birth notice naming the citizen as a parent. */
  birthNotice?: { birthDate: string; facility: string } | null;
  /** An unregistered death notice of a member of the citizen's household. */
  deathNotice?: {
    fullName: string;
    relationship: string | null;
    diedOn: string;
    /** Who the deceased is to the citizen, when the registries say (null: they do not). */
    kin?: Kin | null | undefined;
  } | null;
  /** The citizen's household: its head, address and size. */
  household?: { headName: string; selfIsHead: boolean; address: string; members: number } | null;
};

/** A published procedure, as the catalogue lists it. */
export type CatalogueEntry = { code: string; nameVi: string; nameEn: string; linkedGroup: string | null };

export type AssistContext = {
  catalogue: readonly CatalogueEntry[];
  /** The catalogue's finder: procedure codes, best first (src/modules/catalog finder). */
  /** The catalogue's finder; `strict`: every word typed is in the procedure's name or keywords. */
  find: (text: string, opts?: { strict?: boolean }) => readonly string[];
  /** Undefined when nobody is signed in (or not a citizen): no registry fact is used. */
  facts?: AssistantFacts | undefined;
  knowledge?: Knowledge;
};

type Heard =
  | { kind: "intent"; intent: Intent }
  | { kind: "notOffered"; service: NotOffered }
  | { kind: "lostOrDied" }
  | { kind: "none" };

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
/** The service that answers for any lost thing no trigger names ("mất ô", "mất chìa khóa"). */
const LOST_THING = "lostProperty";

/**
 * What the text is about: the intent or not-offered service whose trigger matches best (more
 * syllables matched wins; on a tie, a service the platform offers). Needs at least one whole
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
  const typed = heardSyllables(text, knowledge.synonyms);
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
  for (const service of knowledge.services) {
    const s = bestScore(typed, service.triggers);
    if (s > score) [best, score] = [{ kind: "notOffered", service }, s];
  }
  if (score >= 8) return best;
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

export const EXAMPLES = [
  "vừa sinh con",
  "bố mất rồi làm gì",
  "chuyển hộ khẩu về nhà chồng",
  "đăng ký kết hôn",
];

const unknown = (vi: string, en: string): AssistantReply => ({
  kind: "unknown",
  message: { vi, en },
  examples: EXAMPLES,
});
const NOT_UNDERSTOOD = unknown(
  "Mình chưa hiểu rõ việc bạn cần. Bạn kể ngắn gọn giúp mình, ví dụ: “vừa sinh con”, “bố mất”, “đăng ký tạm trú”.",
  "I did not quite understand what you need. Tell me in a few words, e.g. “just had a baby”, “my father died”, “register temporary residence”.",
);

/** Too little to go on (two letters or fewer, or only punctuation): the citizen is asked to say more. */
const TOO_SHORT = unknown(
  "Bạn kể rõ hơn giúp mình việc bạn cần làm, bằng vài từ, ví dụ: “vừa sinh con”, “bố mất”, “đăng ký tạm trú”.",
  "Please tell me a little more about what you need to do, in a few words, e.g. “just had a baby”, “my father died”, “register temporary residence”.",
);

/** Whether the text is too short to mean anything: at most two letters or digits once folded. */
export function tooShort(text: string): boolean {
  return foldVietnamese(text).replace(/[^a-z0-9]/g, "").length <= 2;
}

const ddmmyyyy = (iso: string) => iso.slice(0, 10).split("-").reverse().join("/");

/** The fact, in words, for the answer's list of facts used. */
function factText(name: FactName, facts: AssistantFacts): { vi: string; en: string } | undefined {
  if (name === "birthNotice") {
    const n = facts.birthNotice;
    if (n === undefined) return undefined;
    return n
      ? {
          vi: `Giấy chứng sinh điện tử của ${n.facility}, ngày sinh ${ddmmyyyy(n.birthDate)}, đang chờ đăng ký khai sinh: ngày sinh, nơi sinh và thông tin cha mẹ sẽ được điền sẵn.`,
          en: `An electronic birth notice from ${n.facility}, born ${ddmmyyyy(n.birthDate)}, is waiting to be registered: date and place of birth and the parents' details will be filled in.`,
        }
      : {
          vi: "Chưa có giấy chứng sinh điện tử nào ghi bạn là cha hoặc mẹ: bạn sẽ chụp giấy chứng sinh bản giấy để nộp kèm.",
          en: "No electronic birth notice names you as a parent yet: you will attach a photo of the paper birth certificate.",
        };
  }
  if (name === "deathNotice") {
    const n = facts.deathNotice;
    if (!n) return undefined;
    const who = n.relationship ? `${n.fullName} (${n.relationship})` : n.fullName;
    const rel = n.kin ? `your ${KIN_WORDS[n.kin].en}` : n.relationship && RELATIONSHIP_EN[n.relationship];
    return {
      vi: `Giấy báo tử của ${who}, mất ngày ${ddmmyyyy(n.diedOn)}, đang chờ đăng ký khai tử: thông tin người mất sẽ được điền sẵn.`,
      en: `The death notice of ${rel ? `${n.fullName} (${rel})` : n.fullName}, died ${ddmmyyyy(n.diedOn)}, is waiting to be registered: the deceased's details will be filled in.`,
    };
  }
  const h = facts.household;
  if (!h) return undefined;
  return h.selfIsHead
    ? {
        vi: `Bạn đang là chủ hộ tại ${h.address} (${h.members} người).`,
        en: `You are the head of the household at ${h.address} (${h.members} people).`,
      }
    : {
        vi: `Bạn đang ở trong hộ do ${h.headName} làm chủ hộ, tại ${h.address} (${h.members} người).`,
        en: `You are in the household headed by ${h.headName}, at ${h.address} (${h.members} people).`,
      };
}

/**
 * When the text names a relative ("bố tôi vừa mất") and the waiting death notice is of another
 * one (the registries say it is the citizen's mother): the plain words saying so; else undefined.
 */
function otherDeath(text: string, facts: AssistantFacts | undefined): { vi: string; en: string } | undefined {
  const n = facts?.deathNotice;
  const named = kinNamed(text);
  if (!n?.kin || !named || n.kin === named) return undefined;
  const is = KIN_WORDS[n.kin];
  const asked = KIN_WORDS[named];
  return {
    vi: `Giấy báo tử đang chờ đăng ký là của ${is.vi} bạn, ${n.fullName} (mất ngày ${ddmmyyyy(n.diedOn)}), không phải của ${asked.vi} bạn; chưa có giấy báo tử nào của ${asked.vi} bạn.`,
    en: `The death notice waiting to be registered is your ${is.en}'s, ${n.fullName} (died ${ddmmyyyy(n.diedOn)}), not your ${asked.en}'s; there is no death notice of your ${asked.en} yet.`,
  };
}

type Walked = { go: string; fact?: FactName } | { ask: NonNullable<Flow["ask"]> };

function walk(
  flow: Flow,
  answers: Readonly<Record<string, string>>,
  facts: AssistantFacts | undefined,
): Walked {
  for (const [fact, code] of Object.entries(flow.whenFact ?? {}) as [FactName, string][]) {
    if (facts?.[fact]) return { go: code, fact };
  }
  if (flow.ask) {
    const chosen = flow.ask.options.find((o) => o.value === answers[flow.ask?.id ?? ""]);
    return chosen ? walk(chosen.next, answers, facts) : { ask: flow.ask };
  }
  return { go: flow.go as string };
}

/**
 * One turn. Returns the reply and the registry facts it used (the caller logs exactly these in
 * the citizen's access list). Never throws on what was typed.
 */
export function assist(
  input: { text: string; answers?: Readonly<Record<string, string>> | undefined },
  ctx: AssistContext,
): { reply: AssistantReply; factsUsed: FactName[] } {
  const knowledge = ctx.knowledge ?? KNOWLEDGE;
  const answers = input.answers ?? {};
  const byCode = new Map(ctx.catalogue.map((p) => [p.code, p]));
  if (tooShort(input.text)) return { reply: TOO_SHORT, factsUsed: [] };
  const heard = hear(input.text, knowledge, answers);
  const none = { reply: NOT_UNDERSTOOD, factsUsed: [] as FactName[] };

  if (heard.kind === "lostOrDied") {
    const { id, vi, en, options } = LOST_OR_DIED;
    const question = { id, vi, en, options: options.map(({ value, vi, en }) => ({ value, vi, en })) };
    return { reply: { kind: "question", intent: null, question }, factsUsed: [] };
  }

  if (heard.kind === "notOffered") {
    const s = heard.service;
    return {
      reply: {
        kind: "notOffered",
        service: { id: s.id, vi: s.nameVi, en: s.nameEn },
        agency: { vi: s.agencyVi, en: s.agencyEn, basis: s.basis, url: s.url },
        message: notOfferedMessage(s),
      },
      factsUsed: [],
    };
  }

  if (heard.kind === "none") {
    // Not a life event we know: the catalogue's own words (names, keywords) through its finder.
    const picked = answers.pick && byCode.get(answers.pick);
    if (picked) return { reply: procedureReply(picked, null, [], ctx.catalogue), factsUsed: [] };
    const found = [...new Set(ctx.find(input.text, { strict: true }))]
      .filter((c) => byCode.has(c))
      .slice(0, 3);
    if (found.length === 0) return none;
    if (found.length === 1) {
      return {
        reply: procedureReply(byCode.get(found[0] as string) as CatalogueEntry, null, [], ctx.catalogue),
        factsUsed: [],
      };
    }
    return {
      reply: {
        kind: "question",
        intent: null,
        question: {
          id: "pick",
          vi: "Bạn cần thủ tục nào trong số này?",
          en: "Which of these procedures do you need?",
          options: found.map((c) => {
            const p = byCode.get(c) as CatalogueEntry;
            return { value: c, vi: p.nameVi, en: p.nameEn };
          }),
        },
      },
      factsUsed: [],
    };
  }

  const { intent } = heard;
  // A waiting death notice of another relative than the one named: said so, and not followed.
  const other = otherDeath(input.text, ctx.facts);
  const facts0 = other ? { ...ctx.facts, deathNotice: null } : ctx.facts;
  const w = walk(intent.flow, answers, facts0);
  if ("ask" in w) {
    const q = w.ask;
    return {
      reply: {
        kind: "question",
        intent: intent.id,
        question: {
          id: q.id,
          vi: other ? `${other.vi} ${q.vi}` : q.vi,
          en: other ? `${other.en} ${q.en}` : q.en,
          options: q.options.map(({ value, vi, en }) => ({ value, vi, en })),
        },
      },
      factsUsed: other ? ["deathNotice"] : [],
    };
  }
  const procedure = byCode.get(w.go);
  if (!procedure) return none; // the catalogue no longer publishes it: never name a procedure it lacks
  const named = kinNamed(input.text);
  const waiting = ctx.facts?.deathNotice?.kin;
  if (other && named && waiting) {
    // The form would be prefilled with the other relative: words instead, and theirs offered apart.
    const said = deathElsewhere(named, waiting, intent.openGroup?.code ?? null);
    return {
      reply: {
        kind: "guidance",
        intent: intent.id,
        procedure: { code: procedure.code, nameVi: procedure.nameVi, nameEn: procedure.nameEn },
        refusal: null,
        message: said.message,
        facts: [{ fact: "deathNotice", ...other }],
        offer: said.offer,
      },
      factsUsed: ["deathNotice"],
    };
  }
  // Facts worth telling: the one that decided the way, and the others this intent reads.
  const facts: { fact: FactName; vi: string; en: string }[] = [];
  for (const fact of intent.facts) {
    const text = fact === "deathNotice" && other ? other : ctx.facts && factText(fact, ctx.facts);
    if (text) facts.push({ fact, ...text });
  }
  const group = intent.group ? (procedure.linkedGroup ?? null) : null;
  const open = intent.openGroup && intent.openGroup.from === procedure.code ? intent.openGroup.code : null;
  const reply = procedureReply(procedure, intent.id, facts, ctx.catalogue, group, open);
  if (reply.kind === "procedure" && (intent.also || intent.sayVi)) {
    const also = (intent.also ?? []).flatMap((c) => {
      const p = byCode.get(c);
      return p ? [{ code: p.code, nameVi: p.nameVi, nameEn: p.nameEn }] : [];
    });
    reply.group = [...reply.group, ...also];
    if (intent.sayVi && intent.sayEn) reply.message = { vi: intent.sayVi, en: intent.sayEn };
  }
  return { reply, factsUsed: facts.map((f) => f.fact) };
}

/**
 * A service not offered, in words: the service, the agency, the basis, then what Một Lần does
 * (the agency's text starts as a name: "The immigration office" reads "the immigration office").
 * What is no administrative procedure at all (`notAProcedure`: a lost umbrella) is said to be
 * none, and the agency is where to go if needed.
 */
export function notOfferedMessage(s: NotOffered): { vi: string; en: string } {
  const agencyEn = s.agencyEn.replace(/^(The|A|An) /, (a) => a.toLowerCase());
  const end = {
    vi: `Căn cứ: ${s.basis}.${s.noteVi ? ` ${s.noteVi}` : ""}`,
    en: `Legal basis: ${s.basis}.${s.noteEn ? ` ${s.noteEn}` : ""}`,
  };
  return s.notAProcedure
    ? {
        vi: `“${s.nameVi}” không phải là thủ tục hành chính, nên Một Lần không có thủ tục cho việc này. Nếu cần, bạn trình báo tại: ${s.agencyVi}. ${end.vi}`,
        en: `“${s.nameEn}” is not an administrative procedure, so Một Lần has none for it. If needed, report it to ${agencyEn}. ${end.en}`,
      }
    : {
        vi: `Một Lần chưa làm thủ tục “${s.nameVi}”. Nơi giải quyết: ${s.agencyVi}. ${end.vi}`,
        en: `Một Lần does not offer “${s.nameEn}”. Where to go: ${agencyEn}. ${end.en}`,
      };
}

/** Opens `p`; with `group`, lists the other procedures of that linked group of the catalogue. */
function procedureReply(
  p: CatalogueEntry,
  intent: string | null,
  facts: { fact: FactName; vi: string; en: string }[],
  catalogue: readonly CatalogueEntry[],
  group: string | null = null,
  linkedGroup: string | null = null,
): AssistantReply {
  const message = linkedGroup
    ? {
        vi: `Việc của bạn gồm nhiều thủ tục liên thông, bắt đầu từ “${p.nameVi}”. Bấm nút bên dưới để làm cả nhóm bằng một lần nộp; những gì cơ sở dữ liệu đã có sẽ được điền sẵn.`,
        en: `Your situation is a group of linked procedures, starting with “${p.nameEn}”. Press the button below to do the whole group in one application; what the registries already hold is filled in.`,
      }
    : {
        vi: `Thủ tục phù hợp với bạn: “${p.nameVi}”. Bấm nút bên dưới để mở; những gì cơ sở dữ liệu đã có sẽ được điền sẵn.`,
        en: `The procedure for you: “${p.nameEn}”. Press the button below to open it; what the registries already hold is filled in.`,
      };
  return {
    kind: "procedure",
    intent,
    procedure: { code: p.code, nameVi: p.nameVi, nameEn: p.nameEn },
    group: group
      ? catalogue
          .filter((c) => c.linkedGroup === group && c.code !== p.code)
          .map(({ code, nameVi, nameEn }) => ({ code, nameVi, nameEn }))
      : [],
    linkedGroup,
    message,
    facts,
  };
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

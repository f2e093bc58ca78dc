import type { AssistantReply } from "./api/assistant.js";
import { afterDeathReply } from "./assistant-after-death.js";
import { type FactName, type Flow, KNOWLEDGE, type Knowledge, type NotOffered } from "./assistant-data.js";
import { type AssistantFacts, factText, otherDeath } from "./assistant-facts.js";
import { deathElsewhere, deathOutsideHousehold, inLawInHousehold } from "./assistant-guidance.js";
import { hear, LOST_OR_DIED } from "./assistant-hear.js";
import { type Kin, kinMatches, kinNamed } from "./assistant-kin.js";
import {
  type CatalogueEntry,
  deniedReply,
  NOT_UNDERSTOOD,
  notOfferedMessage,
  procedureReply,
  TOO_SHORT,
  tooShort,
} from "./assistant-replies.js";

/**
 * The virtual assistant's rules (issue 14.1), pure and shared by the server and the web app: what
 * was typed (+ the answers to its questions) → a procedure of the catalogue, a question, a service
 * this platform does not offer with its competent agency, or "not understood". It answers only
 * from the catalogue (`catalogue`, `find`: the catalogue's finder) and, for a signed-in citizen,
 * their registry facts (`facts`, read by the exchange, which logs each fact `assist` reports used).
 */
export type { FactName } from "./assistant-data.js";
export type { AfterDeath, AfterDeathStep, AssistantFacts } from "./assistant-facts.js";
export { refusedReply } from "./assistant-guidance.js";
export { factsNeeded, hear, LOST_OR_DIED, lifeEventGroup } from "./assistant-hear.js";
export { type Kin, kinNamed } from "./assistant-kin.js";
export { type CatalogueEntry, EXAMPLES, notOfferedMessage, tooShort } from "./assistant-replies.js";

export type AssistContext = {
  catalogue: readonly CatalogueEntry[];
  /** The catalogue's finder: procedure codes, best first (src/modules/catalog finder). */
  /** The catalogue's finder; `strict`: every word typed is in the procedure's name or keywords. */
  find: (text: string, opts?: { strict?: boolean }) => readonly string[];
  /** Undefined when nobody is signed in (or not a citizen): no registry fact is used. */
  facts?: AssistantFacts | undefined;
  knowledge?: Knowledge;
};

/** A service not offered as the reply says it: the service, its agency and the words. */
function notOffered(s: NotOffered) {
  return {
    service: { id: s.id, vi: s.nameVi, en: s.nameEn },
    agency: { vi: s.agencyVi, en: s.agencyEn, basis: s.basis, url: s.url },
    message: notOfferedMessage(s),
  };
}

/** Where the flow ends; `answered`: the facts that answered its questions instead of the citizen. */
type Walked = ({ go: string; fact?: FactName } | { ask: NonNullable<Flow["ask"]> }) & {
  answered: FactName[];
};

function walk(
  flow: Flow,
  answers: Readonly<Record<string, string>>,
  facts: AssistantFacts | undefined,
  answered: FactName[] = [],
): Walked {
  for (const [fact, code] of Object.entries(flow.whenFact ?? {}) as [FactName, string][]) {
    if (facts?.[fact]) return { go: code, fact, answered };
  }
  if (flow.ask) {
    // The records answer the question when they hold the fact (nobody declares what the platform knows).
    const by = flow.ask.answeredBy && facts?.[flow.ask.answeredBy.fact] ? flow.ask.answeredBy : undefined;
    const value = by ? by.value : answers[flow.ask.id];
    const chosen = flow.ask.options.find((o) => o.value === value);
    const now = by ? [...answered, by.fact] : answered;
    return chosen ? walk(chosen.next, answers, facts, now) : { ask: flow.ask, answered: now };
  }
  return { go: flow.go as string, answered };
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

  if (heard.kind === "denied") {
    const what = heard.heard;
    const go = what.kind === "intent" && what.intent.flow.go ? byCode.get(what.intent.flow.go) : undefined;
    const name =
      what.kind === "notOffered"
        ? { vi: what.service.nameVi, en: what.service.nameEn }
        : go
          ? { vi: go.nameVi, en: go.nameEn }
          : null;
    return { reply: deniedReply(name), factsUsed: [] };
  }

  if (heard.kind === "notOffered")
    return { reply: { kind: "notOffered", ...notOffered(heard.service) }, factsUsed: [] };

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
  const also = heard.notOffered ? { notOffered: notOffered(heard.notOffered) } : {};
  // A waiting death notice of another relative than the one named: said so, and not followed.
  const other = otherDeath(input.text, ctx.facts);
  const facts0 = {
    ...ctx.facts,
    ...(other ? { deathNotice: null } : {}),
    // A registered death of another relative than the one named answers nothing about theirs.
    ...(otherKin(input.text, ctx.facts?.deathRegistered?.kin) ? { deathRegistered: null } : {}),
  };
  const w = walk(intent.flow, answers, facts0);
  if ("ask" in w) {
    const q = w.ask;
    // What was said before the question: another relative's notice, the records' answers.
    const said = [...(other ? [other] : []), ...w.answered.flatMap((f) => factText(f, facts0) ?? [])];
    return {
      reply: {
        kind: "question",
        intent: intent.id,
        question: {
          id: q.id,
          vi: [...said.map((x) => x.vi), q.vi].join(" "),
          en: [...said.map((x) => x.en), q.en].join(" "),
          options: q.options.map(({ value, vi, en }) => ({ value, vi, en })),
        },
        ...also,
      },
      factsUsed: [...(other ? (["deathNotice"] as const) : []), ...w.answered],
    };
  }
  const procedure = byCode.get(w.go);
  if (!procedure) return none; // the catalogue no longer publishes it: never name a procedure it lacks
  // The records answered that the death is registered: what was done after it, if anything, is
  // said (paid, done, the group's page) instead of a bare form that would be a second one.
  const registered = w.answered.includes("deathRegistered") ? facts0.deathRegistered : undefined;
  if (registered) {
    const text = factText("deathRegistered", facts0);
    const facts = text ? [{ fact: "deathRegistered" as const, ...text }] : [];
    const said = afterDeathReply(intent.id, procedure, registered, ctx.catalogue, facts);
    if (said) return { reply: said, factsUsed: ["deathRegistered"] };
  }
  const named = kinNamed(input.text);
  const waiting = ctx.facts?.deathNotice?.kin;
  if (other && named && waiting) {
    // The form would be prefilled with the other relative: words instead, and theirs offered apart.
    const said = deathElsewhere(named, waiting, intent.openGroup?.code ?? null);
    const facts = [{ fact: "deathNotice" as const, ...other }];
    return {
      reply: guidance(intent.id, procedure, said.message, facts, said.offer),
      factsUsed: ["deathNotice"],
    };
  }
  // A death at home of someone the household does not hold (no notice waits): the group's form
  // fills the deceased from the household, so what to do instead is said, with no form to open.
  const kins = ctx.facts?.household?.kins;
  if (intent.openGroup?.code === "death" && !("fact" in w && w.fact) && kins) {
    if (named ? !kins.some((k) => k !== null && kinMatches(named, k)) : kins.length === 0) {
      const used: FactName[] = ["deathNotice", "household"];
      const facts = used.flatMap((fact) => {
        const text = ctx.facts && factText(fact, ctx.facts);
        return text ? [{ fact, ...text }] : [];
      });
      return {
        reply: guidance(intent.id, procedure, deathOutsideHousehold(named), facts, null),
        factsUsed: used,
      };
    }
  }
  // Facts worth telling: the one that decided the way, and the others this intent reads.
  const facts: { fact: FactName; vi: string; en: string }[] = [];
  for (const fact of intent.facts) {
    const text = fact === "deathNotice" && other ? other : factText(fact, facts0);
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
  if (reply.kind === "procedure" && intent.preset) reply.preset = intent.preset;
  // A death at home of the relative named, whom the household holds only as an in-law (a
  // daughter-in-law's "bố" is her husband's father): that person is the one to choose, said by name
  // of kin, with the way out if the citizen meant their own parent.
  const inLaw =
    intent.openGroup?.code === "death" && named && kins && !kins.includes(named)
      ? kins.find((k): k is Kin => k !== null && kinMatches(named, k))
      : undefined;
  const used = facts.map((f) => f.fact);
  if (reply.kind === "procedure" && named && inLaw) {
    const said = inLawInHousehold(named, inLaw);
    reply.message = { vi: `${reply.message.vi} ${said.vi}`, en: `${reply.message.en} ${said.en}` };
    if (!used.includes("household")) used.push("household");
  }
  return {
    reply: reply.kind === "procedure" ? { ...reply, ...also } : reply,
    factsUsed: used,
  };
}

/** An answer that opens no form: what to do, in words (and another relative's group offered apart). */
function guidance(
  intent: string,
  p: CatalogueEntry,
  message: { vi: string; en: string },
  facts: { fact: FactName; vi: string; en: string }[],
  offer: { linkedGroup: string; vi: string; en: string } | null,
): AssistantReply {
  const procedure = { code: p.code, nameVi: p.nameVi, nameEn: p.nameEn };
  return { kind: "guidance", intent, procedure, refusal: null, message, facts, offer };
}

/** Whether the text names a relative ("bố tôi vừa mất") other than `kin`, the one the records know. */
function otherKin(text: string, kin: Kin | null | undefined): boolean {
  const named = kinNamed(text);
  return named !== null && !(kin && kinMatches(named, kin));
}

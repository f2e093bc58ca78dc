import { z } from "zod";
import intentsJson from "../../data/assistant/intents.json" with { type: "json" };
import notOfferedJson from "../../data/assistant/not-offered.json" with { type: "json" };
import { foldVietnamese } from "./text.js";

/**
 * The virtual assistant's knowledge, as data (data/assistant/, described in its README.md):
 * - `intents.json`: everyday abbreviations (`synonyms`, "dk" → "dang ky"), and life events and
 *   needs (`intents`) with the phrases that name them (`triggers`, folded: no diacritics), the
 *   registry facts they may use and the way to a catalogue procedure (`flow`: straight to a code,
 *   a code when a fact is present, or a question whose options lead on);
 * - `not-offered.json`: services this platform does not offer and the competent agency.
 * Checked when loaded: a bad edit stops the server at start (and fails the tests).
 */

export const FACT_NAMES = ["birthNotice", "deathNotice", "deathRegistered", "household"] as const;
export type FactName = (typeof FACT_NAMES)[number];

export type Option = { value: string; vi: string; en: string; next: Flow };
export type Question = {
  id: string;
  vi: string;
  en: string;
  options: Option[];
  /** The records answer it: when the citizen's fact is present, option `value` is taken, not asked. */
  answeredBy?: { fact: FactName; value: string } | undefined;
};
export type Flow = {
  /** A procedure to open once the rest of the flow does not decide otherwise. */
  go?: string | undefined;
  /** A fact of the signed-in citizen's registries that leads straight to a procedure. */
  whenFact?: Partial<Record<FactName, string>> | undefined;
  ask?: Question | undefined;
};

const Code = z.string().regex(/^(\d\.\d{6}|LOCAL\.[A-Z0-9-]+)$/);
const Phrase = z
  .string()
  .min(1)
  .refine((p) => foldVietnamese(p) === p, { message: "a trigger is folded text: lower case, no diacritics" });

const FlowSchema: z.ZodType<Flow> = z.lazy(() =>
  z
    .object({
      go: Code.optional(),
      whenFact: z.partialRecord(z.enum(FACT_NAMES), Code).optional(),
      ask: z
        .object({
          id: z.string().regex(/^[a-zA-Z]{1,40}$/),
          vi: z.string().min(1),
          en: z.string().min(1),
          options: z
            .array(z.object({ value: z.string().min(1), vi: z.string(), en: z.string(), next: FlowSchema }))
            .min(2),
          answeredBy: z
            .object({ fact: z.enum(FACT_NAMES), value: z.string().min(1) })
            .strict()
            .optional(),
        })
        .refine((a) => !a.answeredBy || a.options.some((o) => o.value === a.answeredBy?.value), {
          message: "answeredBy names one of the question's options",
        })
        .optional(),
    })
    .strict()
    .refine((f) => f.go !== undefined || f.ask !== undefined, { message: "a flow ends in go or ask" }),
);

const Intent = z
  .object({
    id: z.string().regex(/^[a-zA-Z]+$/),
    triggers: z.array(Phrase).min(1),
    /**
     * Phrases heard together anywhere in the text, each from its own list ("chồng tôi mất … lương
     * hưu": a death and a pension): scores the sum of each list's best, when every list is heard.
     */
    together: z.array(z.array(z.array(Phrase).min(1)).min(2)).optional(),
    /**
     * For a child under this age (years): a stated older age ("con tôi 10 tuổi") is not this
     * intent (a child's health-insurance card here is for a child under 6).
     */
    under: z.number().int().positive().optional(),
    facts: z.array(z.enum(FACT_NAMES)),
    /** Show the other procedures of the catalogue's linked group (the whole life event). */
    group: z.boolean(),
    /**
     * The life event is a linked group (Decree 63/2024): when the way ends at the group's first
     * procedure (`from`), the answer opens the group's combined form (`code`), not a single form.
     */
    openGroup: z
      .object({ code: z.string().regex(/^[a-z][a-z0-9-]*$/), from: z.string() })
      .strict()
      .optional(),
    flow: FlowSchema,
    /**
     * A choice the opened form starts with (`household: "spouse"`: permanent residence into the
     * spouse's household, "chuyển hộ khẩu về nhà chồng"): the answer's button carries it.
     */
    preset: z
      .object({ household: z.literal("spouse") })
      .strict()
      .optional(),
    /** Other procedures (codes) the answer lists with its own (an infant's death: birth and death). */
    also: z.array(Code).optional(),
    /** Words said instead of the usual "the procedure for you" (a gentle answer), Vietnamese then English. */
    sayVi: z.string().min(1).optional(),
    sayEn: z.string().min(1).optional(),
  })
  .strict();
export type Intent = z.infer<typeof Intent>;

const NotOffered = z
  .object({
    id: z.string().regex(/^[a-zA-Z]+$/),
    nameVi: z.string().min(1),
    nameEn: z.string().min(1),
    triggers: z.array(Phrase).min(1),
    agencyVi: z.string().min(1),
    agencyEn: z.string().min(1),
    basis: z.string().min(1),
    /** A sentence said after the agency and the basis: what Một Lần does instead, or what it is. */
    noteVi: z.string().min(1).optional(),
    noteEn: z.string().min(1).optional(),
    /** What the text names is no administrative procedure at all (a lost umbrella): said so, then where to go if needed. */
    notAProcedure: z.literal(true).optional(),
    /**
     * Heard, it is the answer whatever else the text names: "đăng ký tạm vắng đi làm xa" is a
     * temporary absence, declared where one lives, never the temporary residence its words evoke.
     */
    outranks: z.literal(true).optional(),
    url: z.url(),
  })
  .strict();
export type NotOffered = z.infer<typeof NotOffered>;

const Knowledge = z.object({
  synonyms: z.record(Phrase, Phrase),
  intents: z.array(Intent).min(1),
  services: z.array(NotOffered).min(1),
});
export type Knowledge = z.infer<typeof Knowledge>;

/** Parses the knowledge files; throws naming the file and the first problem. */
export function parseKnowledge(raw: unknown): Knowledge {
  const r = Knowledge.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`data/assistant: ${i?.path.join(".")}: ${i?.message}`);
  }
  return r.data;
}

export const KNOWLEDGE: Knowledge = parseKnowledge({
  synonyms: intentsJson.synonyms,
  intents: intentsJson.intents,
  services: notOfferedJson.services,
});

/** Every procedure code the knowledge leads to (a test checks each is in the catalogue). */
export function codesOf(flow: Flow): string[] {
  return [
    ...(flow.go ? [flow.go] : []),
    ...Object.values(flow.whenFact ?? {}),
    ...(flow.ask?.options.flatMap((o) => codesOf(o.next)) ?? []),
  ];
}

/** Every procedure code an intent names: its flow's and those it lists with them (`also`). */
export function intentCodes(intent: Intent): string[] {
  return [...codesOf(intent.flow), ...(intent.also ?? [])];
}

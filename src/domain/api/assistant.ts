import { z } from "zod";
import { TEXT_LIMITS } from "../inputs.js";

/**
 * The virtual assistant over HTTP (POST /api/assistant). Stateless: the browser sends the whole
 * conversation (what was typed and the answers to the questions asked so far) on every turn, and
 * the server stores none of it; a signed-in citizen's registry facts are read for the turn and
 * the facts used are written to their access list (purpose "assistant").
 */
export const AssistantRequest = z
  .object({
    /** What the citizen typed, in everyday Vietnamese (diacritics optional). */
    text: z.string().trim().min(1).max(TEXT_LIMITS.assistantText),
    /** Answers to the questions asked so far: question id → chosen option value. */
    answers: z
      .record(z.string().regex(/^[a-zA-Z]{1,40}$/), z.string().max(60))
      .refine((a) => Object.keys(a).length <= 5, { message: "at most 5 answers" })
      .default({}),
  })
  .strict()
  .meta({ id: "AssistantRequest" });
export type AssistantRequest = z.input<typeof AssistantRequest>;

const Bilingual = { vi: z.string(), en: z.string() };
const ProcedureRef = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() });
/** A service this platform does not offer, its competent agency and the words saying so. */
const NotOffered = {
  service: z.object({ id: z.string(), ...Bilingual }),
  agency: z.object({ ...Bilingual, basis: z.string(), url: z.string() }),
  message: z.object(Bilingual),
};
/** A service not offered named beside a life event ("hộ chiếu cho con mới sinh"): said in the same answer. */
const AlsoNotOffered = z.object(NotOffered).optional();

export const AssistantReply = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("procedure"),
      intent: z.string().nullable(),
      procedure: ProcedureRef,
      /** The other procedures of the catalogue's linked group (the rest of the life event), by name. */
      group: z.array(ProcedureRef),
      /** The linked group whose combined form the answer opens (the life event as one application), or null. */
      linkedGroup: z.string().nullable(),
      message: z.object(Bilingual),
      /** Registry facts the answer rests on, in words (each is in the citizen's access list). */
      facts: z.array(z.object({ fact: z.string(), ...Bilingual })),
      notOffered: AlsoNotOffered,
      /** A choice the form opens with (the spouse's household for "chuyển hộ khẩu về nhà chồng"). */
      preset: z.object({ household: z.literal("spouse") }).optional(),
    }),
    z.object({
      /**
       * What to do, in words, when no form should be opened from here: the death notice waiting is
       * of another relative than the one named, or the procedure's rules refuse the citizen
       * (`refusal`: its code, e.g. ALREADY_MARRIED). `offer`: a linked group the citizen may still
       * want, with words naming whose it is ("Giấy báo tử của mẹ bạn đang chờ").
       */
      kind: z.literal("guidance"),
      intent: z.string().nullable(),
      procedure: ProcedureRef.nullable(),
      refusal: z.string().nullable(),
      message: z.object(Bilingual),
      facts: z.array(z.object({ fact: z.string(), ...Bilingual })),
      offer: z.object({ linkedGroup: z.string(), ...Bilingual }).nullable(),
      /**
       * The citizen's own linked group application the answer is about (a death's group: which
       * steps are done or paid, which can be continued on its own there): its page, and the
       * button's words.
       */
      page: z
        .object({ url: z.string(), ...Bilingual })
        .nullable()
        .optional(),
    }),
    z.object({
      kind: z.literal("question"),
      intent: z.string().nullable(),
      question: z.object({
        id: z.string(),
        ...Bilingual,
        options: z.array(z.object({ value: z.string(), ...Bilingual })),
      }),
      notOffered: AlsoNotOffered,
    }),
    z.object({ kind: z.literal("notOffered"), ...NotOffered }),
    z.object({ kind: z.literal("unknown"), message: z.object(Bilingual), examples: z.array(z.string()) }),
  ])
  .meta({ id: "AssistantReply" });
export type AssistantReply = z.output<typeof AssistantReply>;

import { z } from "zod";
import { DUE_STATES } from "../due.js";
import { STATUSES } from "../lifecycle.js";
import { STEP_STATES } from "../linked-group.js";
import { AT_RISK_REASONS } from "../linked-group-words.js";

/**
 * A linked group as an officer of any of its agencies reads it, read-only (GET
 * /api/dossiers/:id/linked-group; the leader's GET /api/leader/linked-groups lists those at risk):
 * each step's agency, status and clock, and the group's overall clock. No personal data.
 */
export const GroupStepContext = z
  .object({
    key: z.string(),
    procedureCode: z.string(),
    procedureVi: z.string(),
    procedureEn: z.string(),
    agencyVi: z.string(),
    agencyEn: z.string(),
    /** The owning agency of the step's dossier (src/domain/agencies.ts); null while it waits. */
    agency: z.string().nullable(),
    state: z.enum(STEP_STATES),
    wordsVi: z.string(),
    wordsEn: z.string(),
    code: z.string().nullable(),
    status: z.enum(STATUSES).nullable(),
    dueAt: z.date().nullable(),
    /** `dueStateOf` at now (src/domain/due.ts): null unless the step's clock runs. */
    dueState: z.enum(DUE_STATES).nullable(),
    /** Its result's number (verifiable on the public page); null until one is issued. */
    resultNumber: z.string().nullable(),
    /** "Xử lý tự động": the platform decided the step under its group's rule; null otherwise. */
    automaticVi: z.string().nullable(),
    automaticEn: z.string().nullable(),
    /** The step whose dossier the context was asked from. */
    current: z.boolean(),
  })
  .meta({ id: "GroupStepContext" });

export const GroupContext = z
  .object({
    groupId: z.string(),
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    receivedAt: z.date(),
    dueAt: z.date(),
    /** The group's clock against its overall limit; null once no step is open. */
    dueState: z.enum(DUE_STATES).nullable(),
    state: z.enum(["in_progress", "done", "partly_done", "failed"]),
    wordsVi: z.string(),
    wordsEn: z.string(),
    steps: z.array(GroupStepContext),
    /** Marked "cần xác minh" (its due is then the group's `limitWithVerification`). */
    verification: z.boolean(),
    /** While marked: "Cần xác minh: thời hạn của cả nhóm là 5 ngày làm việc" (`verificationWords`). */
    verificationWords: z.object({ vi: z.string(), en: z.string() }).nullable(),
    /**
     * The step asked from may be marked "cần xác minh" (the group's first step, a verification
     * limit in its definition, not marked yet): its working days, else null. Whether the officer
     * may do it now is the dossier's `availableActions` (`require_verification`).
     */
    verifiableDays: z.number().int().nullable(),
  })
  .meta({ id: "GroupContext" });

/** A group in the leader's view, with why it is listed (`atRiskReasons`, src/domain/linked-group-words.ts). */
export const GroupAtRisk = GroupContext.extend({
  reasons: z.array(z.object({ code: z.enum(AT_RISK_REASONS), vi: z.string(), en: z.string() })),
}).meta({ id: "GroupAtRisk" });

export const GroupsAtRisk = z.object({ items: z.array(GroupAtRisk) }).meta({ id: "GroupsAtRisk" });

const DraftValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
/** A record of at most `n` entries (a draft stays small whatever is sent). */
const capped = <T extends z.ZodType>(value: T, n: number) =>
  z.record(z.string().max(100), value).refine((r) => Object.keys(r).length <= n, {
    message: `at most ${n} entries`,
  });

/**
 * A linked group's combined form as the citizen left it (issue 14 point 4): the optional
 * procedures ticked or not, the child's name, the facts typed for the first step, the later steps'
 * answers, the deceased chosen from the household, the household the child will live in.
 */
export const LinkedDraftState = z
  .object({
    chosen: capped(z.boolean(), 12).default({}),
    name: z.string().max(100).default(""),
    typed: capped(DraftValue, 60).default({}),
    later: capped(DraftValue, 60).default({}),
    deceased: z
      .string()
      .regex(/^\d{12}$/)
      .nullable()
      .default(null),
    childHome: z.string().min(1).max(60).nullable().default(null),
  })
  .strict();
export type LinkedDraftState = z.infer<typeof LinkedDraftState>;

/** GET/POST/PUT /api/linked-drafts: the citizen's own draft of one group's form. */
export const LinkedDraft = z
  .object({
    id: z.string(),
    group: z.string(),
    /** The offer the form is filed from; null without one. */
    offer: z.string().nullable(),
    state: LinkedDraftState,
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "LinkedDraft" });

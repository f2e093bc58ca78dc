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
  })
  .meta({ id: "GroupContext" });

/** A group in the leader's view, with why it is listed (`atRiskReasons`, src/domain/linked-group-words.ts). */
export const GroupAtRisk = GroupContext.extend({
  reasons: z.array(z.object({ code: z.enum(AT_RISK_REASONS), vi: z.string(), en: z.string() })),
}).meta({ id: "GroupAtRisk" });

export const GroupsAtRisk = z.object({ items: z.array(GroupAtRisk) }).meta({ id: "GroupsAtRisk" });

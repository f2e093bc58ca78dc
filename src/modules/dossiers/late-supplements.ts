import type { Db } from "../../db/client.js";
import { CalendarYearMissingError } from "../../domain/calendar/index.js";
import { reduce } from "../../domain/lifecycle.js";
import { supplementOverdue } from "../../domain/linked-clock.js";
import type { GroupLimit } from "../../domain/linked-group.js";
import { lateSupplementReason } from "../../domain/linked-group-words.js";
import { illegalTransition } from "./errors.js";
import { findDossier, type LoggedAction, loadLog } from "./repository-reads.js";
import { systemTransition } from "./transition.js";

/** The unanswered supplement request of a linked step's log that is past its deadline at `at`. */
function overdue(log: readonly LoggedAction[], at: Date) {
  const state = reduce(log);
  const asked = state.supplementRequest;
  if (state.status !== "supplement_requested" || !asked) return null;
  const linked = log.find((a) => a.type === "submit")?.payload?.linked as
    | { supplementWithin?: GroupLimit }
    | undefined;
  if (!linked?.supplementWithin) return null;
  try {
    const deadline = supplementOverdue(linked.supplementWithin, asked.at, at);
    return deadline ? { within: linked.supplementWithin, requestedAt: asked.at, deadline } : null;
  } catch (err) {
    // Past the calendar's data: no deadline can be told, so none refuses (the readiness warns).
    if (err instanceof CalendarYearMissingError) return null;
    throw err;
  }
}

/**
 * The platform refuses a linked step's dossier whose supplement request went unanswered past the
 * group's `supplementWithin` (Decree 63/2024: "otherwise the file is refused"): role "system", the
 * rule and its legal source in the reason (both languages) and in the payload (`lateSupplement`).
 * It is the ordinary `refuse` action, so the citizen is told, the group fails the step and cancels
 * its dependants, and the figures count a refusal. The dossier is locked and its log read again:
 * a supplement that committed first wins (nothing is written), and a second run finds it refused.
 * True when this call refused it.
 */
export async function refuseLateSupplement(
  db: Db,
  id: string,
  t: { actorId: string; at: Date },
): Promise<boolean> {
  const d = await findDossier(db, id);
  if (d?.status !== "supplement_requested") return false;
  const late = overdue(await loadLog(db, d), t.at);
  if (!late) return false;
  const words = lateSupplementReason(late.within, late.requestedAt, late.deadline);
  const r = await systemTransition(db, id, {
    type: "refuse",
    actorId: t.actorId,
    at: t.at,
    reason: `${words.vi} — ${words.en}`,
    payload: {
      lateSupplement: {
        requestedAt: late.requestedAt.toISOString(),
        deadline: late.deadline.toISOString(),
        workingDays: late.within.workingDays,
        source: late.within.source ?? null,
      },
    },
    // Under the lock: still the same request, still unanswered and past its deadline.
    prepare: async (_q, { log, state }, at) => {
      const again = overdue(log, at);
      if (again?.requestedAt.getTime() !== late.requestedAt.getTime()) throw illegalTransition(state.status);
      return {};
    },
  });
  return r.ok;
}

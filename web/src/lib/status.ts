import type { DueState } from "@domain/due.js";
import { AWAITING_SUPPLEMENT, GRANTED, type Status, TERMINAL } from "@domain/lifecycle.js";

/**
 * The colour family of a status badge, from the lifecycle's own sets: approved or with a result
 * (ok), ended without one (bad), waiting for the citizen (warn), in progress (info).
 */
export function statusTone(s: Status): "ok" | "bad" | "warn" | "info" {
  if (GRANTED.has(s)) return "ok";
  if (TERMINAL.has(s)) return "bad";
  return AWAITING_SUPPLEMENT.has(s) ? "warn" : "info";
}

/**
 * The colour family of a due state (`dueStateOf` in src/domain/due.ts): near due amber, overdue
 * red; on time is ok, and lists flag only the other two. Keyed by the domain's type, so a state
 * added or renamed there fails to compile here until it has a colour.
 */
export const DUE_TONE: Readonly<Record<DueState, "ok" | "warn" | "bad">> = {
  on_time: "ok",
  near_due: "warn",
  overdue: "bad",
};

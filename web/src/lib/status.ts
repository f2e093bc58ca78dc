import { RESULT_STATUSES, type Status, TERMINAL } from "@domain/lifecycle.js";

/**
 * The colour family of a status badge, from the lifecycle's own sets: approved or with a result
 * (ok), ended without one (bad), waiting for the citizen (warn), in progress (info).
 */
export function statusTone(s: Status): "ok" | "bad" | "warn" | "info" {
  if (s === "approved" || RESULT_STATUSES.has(s)) return "ok";
  if (TERMINAL.has(s)) return "bad";
  return s === "supplement_requested" ? "warn" : "info";
}

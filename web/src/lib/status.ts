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

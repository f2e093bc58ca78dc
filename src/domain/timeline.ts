/** Actions the dossier's timeline leaves out, for the citizen and the officer: a draft's autosaves. */
export const HIDDEN_FROM_TIMELINE: ReadonlySet<string> = new Set<string>(["save_draft"]);

/**
 * The dossier's timeline as the citizen and the officer read it: what happened in the order it
 * happened, first to last, by `seq` (the log's own order, never the instant: two actions in the
 * same minute, or the same instant under a fixed clock, keep their real order: received, then
 * assigned), without the draft's autosaves.
 */
export function timelineOf<T extends { seq: number; type: string }>(log: readonly T[]): T[] {
  return log.filter((e) => !HIDDEN_FROM_TIMELINE.has(e.type)).sort((a, b) => a.seq - b.seq);
}

/**
 * Why an action was taken, in the reader's language: a reason the platform gave in both languages
 * (`payload.reasonVi`/`reasonEn`: a linked step it cancelled, a head's refusal) is told in one,
 * never as "vi — en" on one line; a person's own words (an officer's, a citizen's) as written.
 */
export function reasonOf(
  e: { reason?: string | null | undefined; payload?: Readonly<Record<string, unknown>> | undefined },
  language: string,
): string | null {
  const vi = e.payload?.reasonVi;
  const en = e.payload?.reasonEn;
  if (typeof vi === "string" && typeof en === "string") return language === "en" ? en : vi;
  return e.reason || null;
}

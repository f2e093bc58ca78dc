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
  // The platform's receipt of a linked step (`automatic`: its note in both languages).
  const auto = e.payload?.automatic as { vi?: unknown; en?: unknown } | undefined;
  if (typeof auto?.vi === "string" && typeof auto.en === "string")
    return language === "en" ? auto.en : auto.vi;
  return e.reason || null;
}

/** The linked-group engine's actor id in a step's log (its receipt, its cancellation). */
export const LINKED_GROUP_ACTOR = "linked-group";

type Logged = {
  seq: number;
  type: string;
  actorId: string;
  actorKind?: string | undefined;
  payload?: Readonly<Record<string, unknown>> | undefined;
};

/**
 * Whether an entry is the linked group's doing, not a person's: the engine's own actions, and the
 * draft and submission of a step the group started by itself once the earlier steps had their
 * results (its submission's `linked.startedBy` is "group"), which the applicant's account only
 * signs. The timeline names its actor "Hệ thống liên thông", never "Bạn" or "linked-group".
 */
export function byLinkedGroup(e: Logged, log: readonly Logged[]): boolean {
  if (e.actorId === LINKED_GROUP_ACTOR) return true;
  if (e.actorKind !== "citizen") return false;
  const submitted = log.find((a) => a.type === "submit");
  const linked = submitted?.payload?.linked as { startedBy?: unknown } | undefined;
  return linked?.startedBy === "group" && submitted !== undefined && e.seq <= submitted.seq;
}

import { localDate } from "./calendar/index.js";
import { parseInstant } from "./instant.js";
import { parseFullDate } from "./partial-date.js";

/**
 * Whom a draft is about, for the citizen's list of drafts: several drafts of one procedure for
 * different people (a death registration for each of two relatives) are told apart by the person's
 * name and, when typed, the day of the event, not by a number. Pure; shared by server and browser.
 */
export type DraftSubject = { kind: "deceased"; name: string; date: string | null };

/** The fields naming a draft's person and the day of its event (the first holding a day wins). */
const SUBJECTS: ReadonlyArray<{ kind: DraftSubject["kind"]; name: string; dates: readonly string[] }> = [
  { kind: "deceased", name: "deceased.fullName", dates: ["death.at", "deceased.diedDate"] },
];

/** A stored answer as a calendar day ("YYYY-MM-DD", Vietnam's): a date, or an instant's local day. */
function dayOf(v: unknown): string | null {
  if (typeof v !== "string" || v === "") return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return parseFullDate(v) ? v : null;
  const at = parseInstant(v);
  return at ? localDate(at) : null;
}

/** The draft's person and event day from its answers, or null when the form names no one yet. */
export function draftSubject(form: Readonly<Record<string, unknown>>): DraftSubject | null {
  for (const s of SUBJECTS) {
    const name = form[s.name];
    if (typeof name !== "string" || name.trim() === "") continue;
    const date = s.dates.map((k) => dayOf(form[k])).find((d) => d !== null) ?? null;
    return { kind: s.kind, name: name.trim(), date };
  }
  return null;
}

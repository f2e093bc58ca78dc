/**
 * A dossier ended by the refusal of the head of the household a spouse asks to join: how the KPIs,
 * the leader's view and the citizen's view tell it from an agency's own refusal; and who the
 * timeline names for the head's answers.
 */
import type { DossierAction } from "./lifecycle.js";

/** The actor of the platform's actions on the head's answer (the log's `actorId`). */
export const HEAD_ACTOR = "head-of-household";

/** The actions that end a dossier on the head's refusal, marked by `payload.headRefusal`. */
export const HEAD_REFUSAL_ACTIONS = [
  "refuse",
  "refuse_receipt",
] as const satisfies readonly DossierAction["type"][];
export const HEAD_REFUSAL_MARKER = "headRefusal";

/**
 * Whether the dossier was ended by a third party's non-consent rather than by the agency: the
 * platform's `refuse_receipt`/`refuse` on the refusal of the head of the household a spouse joins
 * (Law on Residence 2020, Art. 21; payload `headRefusal`, src/modules/dossiers/head-refusal.ts).
 * KPIS.md has no rule for it; the nearest is the withdrawn dossier ("not received", "never
 * finished"): like a withdrawal, the request left the agency through no decision of its own (the
 * household's head, not the police, said no), so counting it as received and decided on time
 * would credit the agency with a decision it never made, and counting it late would blame it.
 * Such a dossier therefore counts as neither received nor finished, nor on time. The same rule as
 * a query condition over the log (the leader's view): `endedByHeadRefusal` of
 * src/modules/dossiers/conditions.ts, built from the two constants above.
 */
export function endedByHeadRefusal(log: readonly Pick<DossierAction, "type" | "payload">[]): boolean {
  return log.some(isHeadRefusal);
}

type Entry = { type: string; payload?: Readonly<Record<string, unknown>> | undefined };

const isHeadRefusal = (a: Entry) =>
  (HEAD_REFUSAL_ACTIONS as readonly string[]).includes(a.type) &&
  a.payload?.[HEAD_REFUSAL_MARKER] !== undefined;

/**
 * The household head who acted, when an entry of the log is the head's answer (the consent,
 * `head_consent`, or the refusal that ended the dossier), with the head's name as the form gave it
 * (`payload.headName`, recorded with the answer; null on an entry written before it was); null for
 * any other entry. The timeline names the head, not "the system".
 */
export function householdHeadOf(e: Entry & { actorId: string }): { name: string | null } | null {
  if (e.actorId !== HEAD_ACTOR || (e.type !== "head_consent" && !isHeadRefusal(e))) return null;
  const name = e.payload?.headName;
  return { name: typeof name === "string" && name.trim() !== "" ? name.trim() : null };
}

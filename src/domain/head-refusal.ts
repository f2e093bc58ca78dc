/**
 * A dossier ended by the refusal of the head of the household a spouse asks to join: how the KPIs
 * and the citizen's view tell it from an agency's own refusal.
 */
import type { DossierAction } from "./lifecycle.js";

/**
 * Whether the dossier was ended by a third party's non-consent rather than by the agency: the
 * platform's `refuse_receipt`/`refuse` on the refusal of the head of the household a spouse joins
 * (Law on Residence 2020, Art. 21; payload `headRefusal`, src/modules/dossiers/head-refusal.ts).
 * KPIS.md has no rule for it; the nearest is the withdrawn dossier ("not received", "never
 * finished"): like a withdrawal, the request left the agency through no decision of its own (the
 * household's head, not the police, said no), so counting it as received and decided on time
 * would credit the agency with a decision it never made, and counting it late would blame it.
 * Such a dossier therefore counts as neither received nor finished, nor on time.
 */
export function endedByHeadRefusal(log: readonly Pick<DossierAction, "type" | "payload">[]): boolean {
  return log.some(
    (a) => (a.type === "refuse" || a.type === "refuse_receipt") && a.payload?.headRefusal !== undefined,
  );
}

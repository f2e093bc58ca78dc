import type { Queryable } from "../../db/client.js";
import { first, qb } from "../../db/query.js";
import { registersLifeEvent } from "../../domain/life-event.js";
import { reduce } from "../../domain/lifecycle.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { resultSource, valuesFromDeathRegistration } from "../../domain/result-source.js";
import { getPublished } from "../catalog/index.js";
import type { PrefillSources } from "../exchange/index.js";
import type { PrefilledValue } from "./prefill.js";
import { findDossier, loadLog } from "./repository-reads.js";

/**
 * A single form of a procedure that follows a death (the residence deregistration, the funeral
 * allowance, the survivor benefit), started when no death notice fills its deceased (the registry
 * took the death in): the deceased as the applicant's own death registration issued here recorded
 * them (the one whose result replaces the form's death extract: `priorResults`), read-only with
 * that result as their source ("kết quả đăng ký khai tử KQ-…"), as a linked group's step gets them
 * (src/modules/linked/step-inputs.ts). Then the start knows the event, and refuses it at once when
 * it is already held (`refuseHeldAtStart`). Empty for another procedure or without such a result,
 * when a notice or a chosen member fills the deceased (`sources.deathNotice`), or for a group's
 * step (`single` false: the group's own results fill it, src/modules/linked/step-inputs.ts).
 */
export async function deathResultPrefill(
  q: Queryable,
  def: ProcedureDefinition,
  applicantNumber: string,
  single: boolean,
  sources: Pick<PrefillSources, "deathNotice">,
): Promise<Record<string, PrefilledValue>> {
  if (!single || sources.deathNotice || registersLifeEvent(def)) return {};
  if (!def.form.some((f) => f.prefill?.subject === "deathNotice" && f.prefill.path === "deceasedNumber"))
    return {};
  for (const c of def.components) {
    if (c.replacedBy?.kind !== "result") continue;
    const registration = (await getPublished(q, c.replacedBy.ref)).definition;
    if (registration.result.kind !== "death_extract") continue;
    const issued = await first(
      q,
      qb
        .selectFrom("applicant_results")
        .select(["dossier_id as id", "issued_at as at"])
        .where("applicant_number", "=", applicantNumber)
        .where("procedure_code", "=", c.replacedBy.ref)
        .orderBy("issued_at", "desc")
        .limit(1),
    );
    const d = issued && (await findDossier(q, issued.id));
    if (!d || d.applicantNumber !== applicantNumber) return {};
    const number = reduce(await loadLog(q, d)).resultNumber;
    if (!number) return {};
    const source = resultSource(registration, number, new Date(issued.at));
    const values = valuesFromDeathRegistration(def, registration, d.form);
    return Object.fromEntries(
      Object.entries(values).map(([k, value]) => [
        k,
        { value, provenance: { registry: "civil_status" as const, ...source } },
      ]),
    );
  }
  return {};
}

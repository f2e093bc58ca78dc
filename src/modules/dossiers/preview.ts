import { AppError } from "../../kernel/errors.js";
import { getPublished } from "../catalog/index.js";
import type { Ctx } from "./access.js";
import { prefillFor } from "./create.js";
import { applicantIssues } from "./eligibility.js";
import { heldAtStart } from "./life-event.js";
import { prefilledForm } from "./prefill.js";

/**
 * The form as the registries would fill it for the signed-in citizen, without starting a dossier.
 * `ownView` (the procedure page, which only shows it): the citizen's own record is their own view,
 * not written to their access log; another person's record read (a spouse, a parent) still is.
 * `notice`: the birth or death notice to fill it from (an offer's), else the newest unregistered.
 */
export async function previewPrefill(
  ctx: Ctx,
  procedureCode: string,
  {
    ownView = false,
    deceased,
    notice,
  }: { ownView?: boolean; deceased?: string | undefined; notice?: string | undefined } = {},
) {
  const p = ctx.principal;
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  const published = await getPublished(ctx.db, procedureCode);
  const def = published.definition;
  const { prefill, suggested, facts, logRead } = await prefillFor(ctx, def, p.personalNumber, {
    deceased,
    notice,
    fromDeathResult: true,
  });
  await logRead(ctx.db, { ownView });
  // The event it names already held (a second death registration of one person): said before typing.
  const held = await heldAtStart(
    ctx.db,
    published.code,
    def,
    prefilledForm({ prefill, suggested, facts }),
    p.personalNumber,
    p,
  );
  // Told on the procedure page, before "start": the rules about the applicant (married: no new marriage).
  const eligibility = await applicantIssues(
    ctx.db,
    ctx,
    p.personalNumber,
    def,
    ctx.now ? ctx.now() : new Date(),
  );
  return {
    procedure: { code: published.code, version: published.version },
    eligibility,
    duplicate: held && { ...held.toBody().error, details: held.details ?? [] },
    fields: def.form.map((f) => ({
      key: f.key,
      labelVi: f.labelVi,
      labelEn: f.labelEn,
      value: (prefill[f.key] ?? suggested[f.key])?.value ?? null,
      readOnly: prefill[f.key] !== undefined,
      provenance: (prefill[f.key] ?? suggested[f.key])?.provenance ?? null,
    })),
    components: def.components.map((c) => ({
      key: c.key,
      nameVi: c.nameVi,
      nameEn: c.nameEn,
      replaced: facts[c.key]?.replaced ?? false,
    })),
  };
}

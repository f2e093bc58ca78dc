import { qb, run } from "../../db/query.js";
import { RATABLE } from "../../domain/lifecycle.js";
import { AppError } from "../../kernel/errors.js";
import { audited, type Ctx, getVisibleDossier } from "./access.js";
import { DossierErrors } from "./errors.js";
import { notifyObservers } from "./observers.js";

/** The citizen rates the service once the result is returned: once per dossier. */
export async function rate(ctx: Ctx, id: string, input: { score: number; comment?: string | undefined }) {
  return audited(ctx, "dossier.rate", `dossier:${id}`, async () => {
    // The applicant's to give: anyone else is refused before the dossier is looked up.
    if (ctx.principal.kind !== "citizen") throw new AppError("FORBIDDEN");
    const d = await getVisibleDossier(ctx, id, "write");
    if (!RATABLE.has(d.status)) throw new AppError(DossierErrors.ILLEGAL_TRANSITION);
    // The rating and the figures it changes (metrics' rollups) commit together.
    await ctx.db.tx(async (q) => {
      const { rowCount } = await run(
        q,
        qb
          .insertInto("ratings")
          .values({
            dossier_id: d.id,
            score: input.score,
            comment: input.comment?.trim() || null,
            province_code: d.provinceCode,
          })
          .onConflict((c) => c.columns(["province_code", "dossier_id"]).doNothing()),
      );
      if (rowCount === 0) throw new AppError("CONFLICT");
      await notifyObservers(q, { dossier: d, log: null, event: "rate" });
    });
  });
}

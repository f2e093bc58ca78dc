import type { Queryable } from "../../db/client.js";
import { RATABLE } from "../../domain/lifecycle.js";
import { AppError } from "../../kernel/errors.js";
import { audited, type Ctx, getVisibleDossier } from "./access.js";
import { DossierErrors } from "./errors.js";
import type { DossierKey } from "./repository.js";

/** The citizen rates the service once the result is returned: once per dossier. */
export async function rate(ctx: Ctx, id: string, input: { score: number; comment?: string | undefined }) {
  return audited(ctx, "dossier.rate", `dossier:${id}`, async () => {
    // The applicant's to give: anyone else is refused before the dossier is looked up.
    if (ctx.principal.kind !== "citizen") throw new AppError("FORBIDDEN");
    const d = await getVisibleDossier(ctx, id, "write");
    if (!RATABLE.has(d.status)) throw new AppError(DossierErrors.ILLEGAL_TRANSITION);
    const { rowCount } = await ctx.db.query(
      `insert into ratings (dossier_id, score, comment, province_code) values ($1, $2, $3, $4)
       on conflict (province_code, dossier_id) do nothing`,
      [d.id, input.score, input.comment?.trim() || null, d.provinceCode],
    );
    if (rowCount === 0) throw new AppError("CONFLICT");
  });
}

export async function ratingOf(
  q: Queryable,
  d: DossierKey,
): Promise<{ score: number; comment: string | null } | null> {
  const { rows } = await q.query<{ score: number; comment: string | null }>(
    "select score, comment from ratings where province_code = $1 and dossier_id = $2",
    [d.provinceCode, d.id],
  );
  return rows[0] ?? null;
}

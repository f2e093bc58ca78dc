// The Decision 766 indicators the catalogue of procedures measures (src/domain/kpis.ts CATALOGUE_FIGURES).
import type { Queryable } from "../../db/client.js";
import { all, qb } from "../../db/query.js";
import { SECTOR_AGENCY } from "../../domain/agencies.js";
import type { CatalogueProcedure } from "../../domain/catalogue-figures.js";

/**
 * The procedures the platform offers at the end of a period: the latest version of each code
 * published on or before the local day `to` (UTC+7) and published still (the catalogue keeps no
 * retirement date, so a retired procedure is left out of past periods too), narrowed like the
 * figures to a procedure or an agency (the one acting for its sector). Every commune and province
 * offers the whole catalogue. A fee-bearing procedure (fee above 0 đồng before any exemption) is
 * paid online: every online dossier that owes a fee gets the bank payment request at submission
 * (src/modules/payments, `openPaymentRequest`), and every procedure can be filed online.
 */
export async function catalogueAt(
  q: Queryable,
  to: string,
  scope: { procedure?: string | undefined; agency?: string | undefined } = {},
): Promise<CatalogueProcedure[]> {
  const rows = await all(
    q,
    qb
      .selectFrom("procedure_versions")
      .select(["code", "definition"])
      .where("status", "=", "published")
      .where("published_at", "<", new Date(Date.parse(`${to}T00:00:00+07:00`) + 86_400_000))
      .$if(scope.procedure !== undefined, (s) => s.where("code", "=", scope.procedure ?? ""))
      .orderBy("code"),
  );
  return rows
    .filter((r) => scope.agency === undefined || SECTOR_AGENCY[r.definition.agency.sector] === scope.agency)
    .map((r) => {
      const feeBearing = r.definition.fee.amount > 0;
      return {
        code: r.code,
        nameVi: r.definition.nameVi,
        nameEn: r.definition.nameEn,
        fullyOnline: r.definition.fullyOnline,
        feeBearing,
        payOnline: feeBearing,
      };
    });
}

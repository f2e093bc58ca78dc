import type { Queryable } from "../../db/client.js";
import { first, qb } from "../../db/query.js";
import type { KpiLevel, OpenKpis } from "../../domain/api/kpis.js";
import { figures, type KpiSums } from "../../domain/kpis.js";
import { AppError } from "../../kernel/errors.js";
import { findCommune, findProvince } from "../units/index.js";
import { SUM_COLUMNS } from "./rollups.js";

export type KpiScope = { level: KpiLevel; code?: string | undefined; procedure?: string | undefined };

/**
 * KPIS.md's figures of a place over a period of local days (both inclusive), summed from the
 * rollups (`kpi_daily`): one statement over the days of the period, in the place's province shard
 * for a province or commune. Throws AppError UNKNOWN_PROVINCE / UNKNOWN_COMMUNE (400).
 */
export async function kpiFigures(
  q: Queryable,
  scope: KpiScope,
  period: { from: string; to: string },
): Promise<OpenKpis> {
  let province: string | undefined;
  if (scope.level === "province") {
    if (!scope.code || !(await findProvince(q, scope.code))) throw new AppError("UNKNOWN_PROVINCE");
    province = scope.code;
  } else if (scope.level === "commune") {
    const commune = scope.code ? await findCommune(q, scope.code) : undefined;
    if (!commune) throw new AppError("UNKNOWN_COMMUNE");
    province = commune.provinceCode;
  }
  const row = await first(
    q,
    qb
      .selectFrom("kpi_daily")
      .select((eb) =>
        (Object.entries(SUM_COLUMNS) as Array<[keyof KpiSums, (typeof SUM_COLUMNS)[keyof KpiSums]]>).map(
          ([k, col]) => eb.fn.coalesce(eb.fn.sum<number>(col), eb.lit(0)).as(k),
        ),
      )
      .where("day", ">=", period.from)
      .where("day", "<=", period.to)
      .$if(province !== undefined, (s) => s.where("province_code", "=", province ?? ""))
      .$if(scope.level === "commune", (s) => s.where("commune_code", "=", scope.code ?? ""))
      .$if(scope.procedure !== undefined, (s) => s.where("procedure_code", "=", scope.procedure ?? "")),
  );
  const sums = Object.fromEntries(
    Object.keys(SUM_COLUMNS).map((k) => [k, Number(row?.[k as keyof KpiSums] ?? 0)]),
  ) as KpiSums;
  return {
    level: scope.level,
    code: scope.level === "national" ? null : (scope.code ?? null),
    from: period.from,
    to: period.to,
    ...figures(sums),
  };
}

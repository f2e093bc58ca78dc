import type { Queryable } from "../../db/client.js";
import { all, type ExpressionBuilder, qb } from "../../db/query.js";
import type { Database } from "../../db/schema.js";
import type { KpiLevel, OpenKpis, OpenKpiTable } from "../../domain/api/kpis.js";
import { figures, type KpiSums, ZERO_SUMS } from "../../domain/kpis.js";
import { AppError } from "../../kernel/errors.js";
import { findCommune, findProvince, listCommunes, listProvinces } from "../units/index.js";
import { SUM_COLUMNS } from "./rollups.js";

export type KpiScope = { level: KpiLevel; code?: string | undefined; procedure?: string | undefined };
type Period = { from: string; to: string };

const SUMS = Object.entries(SUM_COLUMNS) as Array<[keyof KpiSums, (typeof SUM_COLUMNS)[keyof KpiSums]]>;

/** The sums of the rollups' rows a query selects, under the names of `KpiSums`. */
const sumSelection = (eb: ExpressionBuilder<Database, "kpi_daily">) =>
  SUMS.map(([k, col]) => eb.fn.coalesce(eb.fn.sum<number>(col), eb.lit(0)).as(k));

const toSums = (row: Partial<Record<keyof KpiSums, unknown>> | undefined): KpiSums =>
  Object.fromEntries(SUMS.map(([k]) => [k, Number(row?.[k] ?? 0)])) as KpiSums;

/** Rows of `kpi_daily` of a period (local days, both inclusive), a province, a commune, a procedure. */
function daily(
  period: Period,
  where: { province?: string; commune?: string; procedure?: string | undefined },
) {
  return qb
    .selectFrom("kpi_daily")
    .where("day", ">=", period.from)
    .where("day", "<=", period.to)
    .$if(where.province !== undefined, (s) => s.where("province_code", "=", where.province ?? ""))
    .$if(where.commune !== undefined, (s) => s.where("commune_code", "=", where.commune ?? ""))
    .$if(where.procedure !== undefined, (s) => s.where("procedure_code", "=", where.procedure ?? ""));
}

/**
 * KPIS.md's figures of a place over a period of local days (both inclusive), summed from the
 * rollups (`kpi_daily`): one statement over the days of the period, in the place's province shard
 * for a province or commune. Throws AppError UNKNOWN_PROVINCE / UNKNOWN_COMMUNE (400).
 */
export async function kpiFigures(q: Queryable, scope: KpiScope, period: Period): Promise<OpenKpis> {
  return {
    level: scope.level,
    code: scope.level === "national" ? null : (scope.code ?? null),
    ...period,
    ...figures(await kpiSums(q, scope, period)),
  };
}

/** The rollup sums of a place over a period (what `kpiFigures` divides). Same errors. */
export async function kpiSums(q: Queryable, scope: KpiScope, period: Period): Promise<KpiSums> {
  let province: string | undefined;
  if (scope.level === "province") {
    if (!scope.code || !(await findProvince(q, scope.code))) throw new AppError("UNKNOWN_PROVINCE");
    province = scope.code;
  } else if (scope.level === "commune") {
    const commune = scope.code ? await findCommune(q, scope.code) : undefined;
    if (!commune) throw new AppError("UNKNOWN_COMMUNE");
    province = commune.provinceCode;
  }
  const [row] = await all(
    q,
    daily(period, {
      ...(province ? { province } : {}),
      ...(scope.level === "commune" && scope.code ? { commune: scope.code } : {}),
      procedure: scope.procedure,
    }).select(sumSelection),
  );
  return toSums(row);
}

/**
 * The figures of every province of the nation, or of every commune of a province (`province`),
 * over a period: one grouped statement, every place listed (a place without dossiers has counts 0
 * and shares null). Throws AppError UNKNOWN_PROVINCE (400).
 */
export async function kpiTable(
  q: Queryable,
  scope: { level: "province" | "commune"; province?: string | undefined; procedure?: string | undefined },
  period: Period,
): Promise<OpenKpiTable> {
  const byProvince = scope.level === "province";
  if (!byProvince && (!scope.province || !(await findProvince(q, scope.province))))
    throw new AppError("UNKNOWN_PROVINCE");
  const places = byProvince
    ? await listProvinces(q)
    : (await listCommunes(q, { provinceCode: scope.province, limit: 10_000, offset: 0 })).items;
  const key = byProvince ? "province_code" : "commune_code";
  const rows = await all(
    q,
    daily(period, { ...(byProvince ? {} : { province: scope.province }), procedure: scope.procedure })
      .select((eb) => [eb.ref(key).as("place"), ...sumSelection(eb)])
      .groupBy(key),
  );
  const sums = new Map(rows.map((r) => [r.place, toSums(r)]));
  return {
    level: scope.level,
    code: byProvince ? null : (scope.province ?? null),
    ...period,
    rows: places.map((p) => ({
      level: scope.level,
      code: p.code,
      name: p.name,
      nameEn: p.nameEn,
      ...period,
      ...figures(sums.get(p.code) ?? ZERO_SUMS),
    })),
  };
}

import type { Queryable } from "../../db/client.js";
import { all, type ExpressionBuilder, qb, sql } from "../../db/query.js";
import type { Database } from "../../db/schema.js";
import type { KpiLevel, OpenKpis, OpenKpiTable } from "../../domain/api/kpis.js";
import { catalogueFigures } from "../../domain/catalogue-figures.js";
import { lastPassedDueDay, withoutPendingComplaints } from "../../domain/complaints.js";
import { index766OfSums } from "../../domain/index766.js";
import { addSums, figures, type KpiSums, ZERO_SUMS } from "../../domain/kpis.js";
import { rankBy } from "../../domain/ranking.js";
import { AppError } from "../../kernel/errors.js";
import { listVersions } from "../catalog/index.js";
import { findCommune, findProvince, listCommunes, listProvinces } from "../units/index.js";
import { catalogueAt } from "./catalogue.js";
import { MetricsErrors } from "./errors.js";
import { SUM_COLUMNS } from "./rollups.js";

/** A place, with the procedure and the agency (src/domain/agencies.ts id) a figure may be narrowed to. */
export type KpiScope = {
  level: KpiLevel;
  code?: string | undefined;
  procedure?: string | undefined;
  agency?: string | undefined;
};
type Period = { from: string; to: string };

const SUMS = Object.entries(SUM_COLUMNS) as Array<[keyof KpiSums, (typeof SUM_COLUMNS)[keyof KpiSums]]>;

/** The sums of the rollups' rows a query selects, under the names of `KpiSums`. */
const sumSelection = (eb: ExpressionBuilder<Database, "kpi_daily">) =>
  SUMS.map(([k, col]) => eb.fn.coalesce(eb.fn.sum<number>(col), eb.lit(0)).as(k));

const toSums = (row: Partial<Record<keyof KpiSums, unknown>> | undefined): KpiSums =>
  Object.fromEntries(SUMS.map(([k]) => [k, Number(row?.[k] ?? 0)])) as KpiSums;

/** A local day `n` days after `day` (YYYY-MM-DD). */
const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * A period of local days split by grain: the whole months in it (`months`, from the first day of
 * the first to the first day of the last, or null) and the days before and after them (`days`,
 * at most two periods). `2026-01-15..2026-04-10` → months 2026-02-01..2026-03-01, days
 * 2026-01-15..2026-01-31 and 2026-04-01..2026-04-10.
 */
export function splitPeriod(p: Period): { months: Period | null; days: Period[] } {
  const firstFull = p.from.endsWith("-01")
    ? p.from
    : `${addDays(`${p.from.slice(0, 7)}-01`, 32).slice(0, 7)}-01`;
  const lastFullEnd = addDays(p.to, 1).endsWith("-01") ? p.to : addDays(`${p.to.slice(0, 7)}-01`, -1);
  if (firstFull > lastFullEnd) return { months: null, days: [p] };
  const days: Period[] = [];
  if (p.from < firstFull) days.push({ from: p.from, to: addDays(firstFull, -1) });
  if (lastFullEnd < p.to) days.push({ from: addDays(lastFullEnd, 1), to: p.to });
  return { months: { from: firstFull, to: `${lastFullEnd.slice(0, 7)}-01` }, days };
}

type Where = {
  province?: string | undefined;
  commune?: string | undefined;
  procedure?: string | undefined;
  agency?: string | undefined;
};

/**
 * The rollup rows of a period and a place: its whole months from `kpi_province_monthly` (a
 * province or the nation, not by commune) or `kpi_monthly`, the days around them from `kpi_daily`;
 * so a year reads rows proportional to months × places × procedures, never to days or dossiers.
 * One query per part (at most three), each to be summed by the caller.
 */
function rollupParts(period: Period, where: Where, byCommune: boolean) {
  const { months, days } = splitPeriod(period);
  const parts = days.map((d) => ({ table: "kpi_daily" as const, column: "day" as const, ...d }));
  if (months) {
    const table = byCommune || where.commune !== undefined ? "kpi_monthly" : "kpi_province_monthly";
    parts.push({ table: table as "kpi_daily", column: "month" as "day", ...months });
  }
  // The three tables share their key and sum columns (a province's months have no commune column,
  // and are only read without one); the builder is typed on the day rows. `column` is the part's
  // real date column (`day` or `month`).
  return parts.map((part) => ({
    column: part.column as "day" | "month",
    query: qb
      .selectFrom(part.table)
      .where(part.column, ">=", part.from)
      .where(part.column, "<=", part.to)
      .$if(where.province !== undefined, (s) => s.where("province_code", "=", where.province ?? ""))
      .$if(where.commune !== undefined, (s) => s.where("commune_code", "=", where.commune ?? ""))
      .$if(where.procedure !== undefined, (s) => s.where("procedure_code", "=", where.procedure ?? ""))
      .$if(where.agency !== undefined, (s) => s.where("agency", "=", where.agency ?? "")),
  }));
}

/** A date column's calendar month, 'YYYY-MM'. */
const monthOf = (column: "day" | "month") => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM')`;

/**
 * The open complaints still in time at `now` (counted on a due day after `lastPassedDueDay`) in a
 * period, by place or by calendar month (`key`, a month as 'YYYY-MM'; '' without one): what
 * `withoutPendingComplaints` takes out of the sums.
 * One statement on the day rows, none when the period ended before the cutoff.
 */
async function pendingComplaints(
  q: Queryable,
  period: Period,
  where: Where,
  now: Date,
  key?: "province_code" | "commune_code" | "month",
): Promise<Map<string, number>> {
  const cutoff = lastPassedDueDay(now);
  const out = new Map<string, number>();
  if (period.to <= cutoff) return out;
  const rows = await all(
    q,
    qb
      .selectFrom("kpi_daily")
      .where("day", ">", period.from > cutoff ? addDays(period.from, -1) : cutoff)
      .where("day", "<=", period.to)
      .where("complaints_open", ">", 0)
      .$if(where.province !== undefined, (s) => s.where("province_code", "=", where.province ?? ""))
      .$if(where.commune !== undefined, (s) => s.where("commune_code", "=", where.commune ?? ""))
      .$if(where.procedure !== undefined, (s) => s.where("procedure_code", "=", where.procedure ?? ""))
      .$if(where.agency !== undefined, (s) => s.where("agency", "=", where.agency ?? ""))
      .select((eb) => [
        (key === "month" ? monthOf("day") : key ? sql<string>`${sql.ref(key)}` : sql<string>`${""}`).as(
          "place",
        ),
        eb.fn.sum<number>("complaints_open").as("n"),
      ])
      .$if(key !== undefined, (s) => s.groupBy(key === "month" ? monthOf("day") : (key ?? "province_code"))),
  );
  for (const r of rows) out.set(String(r.place), Number(r.n));
  return out;
}

/**
 * KPIS.md's figures of a place over a period of local days (both inclusive), summed from the
 * rollups (`rollupParts`: whole months from the month rows, the days around them from the day
 * rows; at most three statements), in the place's province shard for a province or commune.
 * Throws AppError UNKNOWN_PROVINCE / UNKNOWN_COMMUNE (400).
 */
export async function kpiFigures(
  q: Queryable,
  scope: KpiScope,
  period: Period,
  now: Date = new Date(),
): Promise<OpenKpis> {
  return {
    level: scope.level,
    code: scope.level === "national" ? null : (scope.code ?? null),
    ...period,
    ...figures(await kpiSums(q, scope, period, now)),
  };
}

/** A period's calendar months, each cut to the period: `2026-01-15..2026-03-10` → 3 periods. */
export function monthsOf(p: Period): Period[] {
  const out: Period[] = [];
  for (
    let first = `${p.from.slice(0, 7)}-01`;
    first <= p.to;
    first = `${addDays(first, 32).slice(0, 7)}-01`
  ) {
    const last = addDays(`${addDays(first, 32).slice(0, 7)}-01`, -1);
    out.push({ from: [first, p.from].sort()[1] ?? first, to: [last, p.to].sort()[0] ?? last });
  }
  return out;
}

/**
 * A place's figures month by month over a period (`monthsOf`): each month's exactly
 * `kpiFigures` of it, the place and procedure checked once, then one statement over the same
 * rollup rows as `kpiFigures` of the whole period (`rollupParts`, each part grouped by calendar
 * month, joined with UNION ALL) and one more for the pending complaints when the period is not
 * yet past (`pendingComplaints` by month). Same errors.
 */
export async function kpiSeries(q: Queryable, scope: KpiScope, period: Period, now: Date = new Date()) {
  const where = await whereOf(q, scope);
  const [first, ...rest] = rollupParts(period, where, false).map((part) =>
    part.query
      .select((eb) => [monthOf(part.column).as("month"), ...sumSelection(eb)])
      .groupBy(monthOf(part.column)),
  );
  const byMonth = new Map<string, KpiSums>();
  if (first)
    for (const r of await all(
      q,
      rest.reduce((union, part) => union.unionAll(part), first),
    ))
      byMonth.set(r.month, addSums(byMonth.get(r.month) ?? ZERO_SUMS, toSums(r)));
  const pending = await pendingComplaints(q, period, where, now, "month");
  const months: OpenKpis[] = monthsOf(period).map((m) => ({
    level: scope.level,
    code: scope.level === "national" ? null : (scope.code ?? null),
    ...m,
    ...figures(
      withoutPendingComplaints(
        byMonth.get(m.from.slice(0, 7)) ?? ZERO_SUMS,
        pending.get(m.from.slice(0, 7)) ?? 0,
      ),
    ),
  }));
  return {
    level: scope.level,
    code: scope.level === "national" ? null : (scope.code ?? null),
    ...period,
    months,
  };
}

/**
 * Throws AppError KPI_PROCEDURE_UNKNOWN (400) when `procedure` is given and no version of it is in
 * the catalogue (any status: a retired procedure still has its figures), so a mistyped code is
 * told, never answered with zeros.
 */
export async function checkProcedure(q: Queryable, procedure: string | undefined): Promise<void> {
  if (procedure === undefined) return;
  const known = await listVersions(q, procedure).then(
    () => true,
    (err: unknown) => {
      if (err instanceof AppError && err.status === 404) return false;
      throw err;
    },
  );
  if (!known) throw new AppError(MetricsErrors.KPI_PROCEDURE_UNKNOWN);
}

/**
 * The rollup sums of a place over a period (what `kpiFigures` divides), the open complaints still
 * in time at `now` left out (`withoutPendingComplaints`). Same errors.
 */
export async function kpiSums(
  q: Queryable,
  scope: KpiScope,
  period: Period,
  now: Date = new Date(),
): Promise<KpiSums> {
  return sumsOf(q, await whereOf(q, scope), period, now);
}

/** The rollup rows' filter of a scope, its procedure and place checked. Same errors as `kpiSums`. */
async function whereOf(q: Queryable, scope: KpiScope): Promise<Where> {
  await checkProcedure(q, scope.procedure);
  let province: string | undefined;
  if (scope.level === "province") {
    if (!scope.code || !(await findProvince(q, scope.code))) throw new AppError("UNKNOWN_PROVINCE");
    province = scope.code;
  } else if (scope.level === "commune") {
    const commune = scope.code ? await findCommune(q, scope.code) : undefined;
    if (!commune) throw new AppError("UNKNOWN_COMMUNE");
    province = commune.provinceCode;
  }
  return {
    province,
    commune: scope.level === "commune" ? scope.code : undefined,
    procedure: scope.procedure,
    agency: scope.agency,
  };
}

/** The sums of the rollups of `where` over a period, the pending complaints at `now` left out. */
async function sumsOf(q: Queryable, where: Where, period: Period, now: Date): Promise<KpiSums> {
  let sums = ZERO_SUMS;
  for (const part of rollupParts(period, where, false)) {
    const [row] = await all(q, part.query.select(sumSelection));
    sums = addSums(sums, toSums(row));
  }
  const pending = await pendingComplaints(q, period, where, now);
  return withoutPendingComplaints(sums, pending.get("") ?? 0);
}

/**
 * The figures of every province of the nation, or of every commune of a province (`province`),
 * over a period: at most three grouped statements (`rollupParts`), every place listed (a place
 * without dossiers has counts 0 and shares null). Each row also carries its Decision 766 points
 * and grade (`index766Total`, `index766Grade`), scored from the same sums as the index card
 * (`index766OfSums`, publicity group included), and its rank by them (`index766Rank`, `rankBy`), for the
 * rankings. Throws AppError UNKNOWN_PROVINCE (400).
 */
export async function kpiTable(
  q: Queryable,
  scope: {
    level: "province" | "commune";
    province?: string | undefined;
    procedure?: string | undefined;
    agency?: string | undefined;
  },
  period: Period,
  now: Date = new Date(),
): Promise<OpenKpiTable> {
  await checkProcedure(q, scope.procedure);
  const byProvince = scope.level === "province";
  if (!byProvince && (!scope.province || !(await findProvince(q, scope.province))))
    throw new AppError("UNKNOWN_PROVINCE");
  const places = byProvince
    ? await listProvinces(q)
    : (await listCommunes(q, { provinceCode: scope.province, limit: 10_000, offset: 0 })).items;
  const key = byProvince ? "province_code" : "commune_code";
  const sums = new Map<string, KpiSums>();
  const where = {
    province: byProvince ? undefined : scope.province,
    procedure: scope.procedure,
    agency: scope.agency,
  };
  for (const part of rollupParts(period, where, !byProvince)) {
    const rows = await all(
      q,
      part.query.select((eb) => [eb.ref(key).as("place"), ...sumSelection(eb)]).groupBy(key),
    );
    for (const r of rows) sums.set(r.place, addSums(sums.get(r.place) ?? ZERO_SUMS, toSums(r)));
  }
  for (const [place, n] of await pendingComplaints(q, period, where, now, key))
    sums.set(place, withoutPendingComplaints(sums.get(place) ?? ZERO_SUMS, n));
  // The catalogue's indicators are the same for every place (each offers the whole catalogue).
  const catalogue = catalogueFigures(await catalogueAt(q, period.to, scope));
  const rows = places.map((p) => {
    const s = sums.get(p.code) ?? ZERO_SUMS;
    const index = index766OfSums(s, period.to, catalogue);
    return {
      level: scope.level,
      code: p.code,
      name: p.name,
      nameEn: p.nameEn,
      ...period,
      ...figures(s),
      index766Total: index.total,
      index766Grade: index.grade,
    };
  });
  // Each place's rank by its points, in the places' own order (the table is not sorted).
  const ranks = new Map(rankBy(rows, (r) => r.index766Total).map((r) => [r.item.code, r.rank]));
  return {
    level: scope.level,
    code: byProvince ? null : (scope.province ?? null),
    ...period,
    rows: rows.map((r) => ({ ...r, index766Rank: ranks.get(r.code) ?? null })),
  };
}

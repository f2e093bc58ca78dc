import type { z } from "zod";
import type { Queryable } from "../../db/client.js";
import {
  all,
  type Expression,
  type ExpressionBuilder,
  first,
  qb,
  type SqlBool,
  sql,
} from "../../db/query.js";
import type { Database } from "../../db/schema.js";
import type { KpiDrill, KpiDrillQuery } from "../../domain/api/kpi-leader.js";
import { WORKING_DAY_MILLIS } from "../../domain/calendar/index.js";
import { workingDaysLate } from "../../domain/due.js";
import { type DrillCondition, KPI_DRILL } from "../../domain/kpi-drill.js";
import { drillsKpis, opensDossier, type Principal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { type DossierExpressions, inJurisdiction } from "../dossiers/index.js";
import { findCommune, findProvince } from "../units/index.js";
import { complaintDrill } from "./drill-complaints.js";
import { checkProcedure } from "./figures.js";

type Eb = ExpressionBuilder<{ f: Database["kpi_facts"]; d: Database["dossiers"] }, "f" | "d">;

/** A drill-down condition over a dossier's facts (`kpi_facts as f`). */
function condition(eb: Eb, c: DrillCondition): Expression<SqlBool> {
  switch (c) {
    case "all":
      return eb.lit(true);
    case "online":
      return eb("f.online", "=", true);
    case "reuse":
      return eb("f.reuse", "=", true);
    case "onTime":
      return eb("f.on_time", "=", true);
    case "fullyOnline":
      return eb("f.fully_online", "=", true);
    case "digitised":
      return eb("f.digitised", "=", true);
    case "rated":
      return eb("f.rating", "is not", null);
    case "satisfied":
      return eb("f.rating", ">=", 4);
    case "complained":
      return eb("f.complained", "=", true);
    case "lateOrComplained":
      return eb.or([eb("f.on_time", "=", false), eb("f.complained", "=", true)]);
    case "late":
      return eb("f.on_time", "=", false);
    case "apologizedInTime":
      return eb("f.apologized_in_time", "=", true);
    case "feeBearing":
      return eb("f.fee_bearing", "=", true);
    case "paidOnline":
      return eb("f.paid_online", "=", true);
    case "resultIssued":
      return eb("f.result_issued", "=", true);
    case "electronicResult":
      return eb("f.electronic_result", "=", true);
    case "registriesKnown":
      return eb("f.registries_known", "=", true);
    case "populationData":
      return eb("f.population_data", "=", true);
    case "complaintOnTime":
      // Any period; a complaint figure's drill lists its complaints (`complaintDrill`).
      return sql<SqlBool>`jsonb_path_exists(f.complaints, '$[*] ? (@.onTime == true)')`;
  }
}

/**
 * The dossiers behind one figure of KPIS.md (`KPI_DRILL`), for a leader (`LEADER_ROLES`; others
 * FORBIDDEN) within their jurisdiction (a place outside it: FORBIDDEN), a page at a time, ordered
 * by the day of the event and the code. The items carry no personal data (code, procedure,
 * commune, dates, due state; never the applicant's name or number), so the national viewer, who
 * sees aggregates only (`AGGREGATE_ONLY_ROLES`, Law 91/2025/QH15), gets the list too, with `link`
 * null: the dossier's own page, its personal content, stays 403 for that role (and for an officer of
 * an agency, another agency's dossier: `opensDossier`). For the Decision
 * 766 satisfaction, `deductions` counts what the figure subtracts (KPIS.md: late share plus
 * complaint rate, so a dossier both late and complained about counts twice). A complaint figure
 * (the complaints handled on time) lists its complaints instead (`complaintDrill`, `kind`
 * "complaints"): `hit` those answered on time, `rest` those answered late or open past their due.
 */
export async function kpiDrill(
  q: Queryable,
  p: Principal,
  query: z.output<typeof KpiDrillQuery>,
  now: Date = new Date(),
): Promise<KpiDrill> {
  if (p.kind !== "officer" || !drillsKpis(p.role)) throw new AppError("FORBIDDEN");
  await checkProcedure(q, query.procedure);
  let province: string | undefined;
  if (query.level === "province") {
    if (!query.code || !(await findProvince(q, query.code))) throw new AppError("UNKNOWN_PROVINCE");
    province = query.code;
  } else if (query.level === "commune") {
    const commune = query.code ? await findCommune(q, query.code) : undefined;
    if (!commune) throw new AppError("UNKNOWN_COMMUNE");
    province = commune.provinceCode;
  }
  const j = p.jurisdiction;
  const inside =
    j.level === "country" ||
    (j.level === "province" && province === j.code) ||
    (j.level === "commune" && query.level === "commune" && query.code === j.code);
  if (!inside) throw new AppError("FORBIDDEN");
  const drill = KPI_DRILL[query.figure];
  if (drill.population === "complaint") return complaintDrill(q, p, query, province, now);
  const day = drill.population === "received" ? "f.received_on" : "f.decided_on";
  const rows = qb
    .selectFrom("kpi_facts as f")
    .innerJoin("dossiers as d", (jn) =>
      jn.onRef("d.province_code", "=", "f.province_code").onRef("d.id", "=", "f.dossier_id"),
    )
    .where((eb) =>
      eb.and([
        // The dossier-side condition of the jurisdiction, on the joined `d`.
        ...inJurisdiction(eb as unknown as DossierExpressions, j),
        ...(province ? [eb("f.province_code", "=", province)] : []),
        ...(query.level === "commune" && query.code ? [eb("f.commune_code", "=", query.code)] : []),
        ...(query.procedure ? [eb("f.procedure_code", "=", query.procedure)] : []),
        ...(query.agency ? [eb("f.agency", "=", query.agency)] : []),
        eb(day, ">=", query.from),
        eb(day, "<=", query.to),
        condition(eb, drill.base),
        query.part === "hit" ? condition(eb, drill.hit) : eb.not(condition(eb, drill.hit)),
      ]),
    );
  const total = await first(
    q,
    rows.select((eb) => eb.fn.countAll<number>().as("n")),
  );
  const items = await all(
    q,
    rows
      .select([
        "d.id",
        "d.code",
        "d.procedure_code as procedureCode",
        "d.agency_code as agencyCode",
        "f.commune_code as communeCode",
        "d.channel",
        "d.status",
        "f.received_on as receivedOn",
        "f.decided_on as decidedOn",
        "d.due_at as dueAt",
        "d.decided_at as decidedAt",
        "f.on_time as onTime",
        "f.fully_online as fullyOnline",
        "f.digitised",
        "f.processing_millis as processingMillis",
        "f.rating",
        "f.complained",
      ])
      .orderBy(day)
      .orderBy("d.code")
      .orderBy("d.id")
      .limit(query.limit)
      .offset(query.offset),
  );
  const deductions =
    query.figure === "satisfaction766"
      ? await first(
          q,
          rows.select((eb) => [
            eb.fn.countAll<number>().as("n"),
            eb.fn.count<number>("f.dossier_id").filterWhere("f.on_time", "=", false).as("late"),
            eb.fn.count<number>("f.dossier_id").filterWhere("f.complained", "=", true).as("complained"),
          ]),
        )
      : undefined;
  return {
    kind: "dossiers",
    total: Number(total?.n ?? 0),
    items: items.map(({ processingMillis, agencyCode, decidedAt, ...r }) => ({
      ...r,
      // Late by the dossier's own clock (its moved due instant): no other definition of late.
      workingDaysLate: workingDaysLate({ decidedAt, dueAt: r.dueAt }),
      processingWorkingDays: processingMillis / WORKING_DAY_MILLIS,
      link: opensDossier(p, agencyCode) ? `/can-bo/ho-so/${r.id}` : null,
    })),
    ...(deductions && query.part === "hit"
      ? { deductions: { late: Number(deductions.late), complained: Number(deductions.complained) } }
      : {}),
  };
}

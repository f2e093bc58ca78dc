import type { z } from "zod";
import type { Queryable } from "../../db/client.js";
import { all, type Expression, first, qb, type SqlBool, sql } from "../../db/query.js";
import type { KpiComplaintDrill, KpiDrillQuery } from "../../domain/api/kpi-leader.js";
import { lastPassedDueDay } from "../../domain/complaints.js";
import { opensDossier, type Principal } from "../../domain/principal.js";
import { type DossierExpressions, inJurisdiction } from "../dossiers/index.js";

/** The local day (UTC+07:00, "YYYY-MM-DD") of an instant column, whatever the session's time zone. */
const localDay = (column: string) =>
  sql<string>`to_char((${sql.ref(column)} at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD')`;

/**
 * The complaints behind a complaint figure (`complaintsOnTimeShare`), one row a complaint, counted
 * as the measure counts them (src/domain/complaints.ts `complaintCells`): on the day of an answer
 * given by its due instant, else on its due day; an open one whose due instant has not passed at
 * `now` (its due day after `lastPassedDueDay`) is not counted. `hit`: answered by its due instant;
 * `rest`: answered after it, or open past it. The place, procedure and agency filters are the
 * drill's (`kpi_facts as f`, the dossier `d` for the jurisdiction); ordered by that day, the
 * dossier's code, the filing instant.
 */
export async function complaintDrill(
  q: Queryable,
  p: Principal & { kind: "officer" },
  query: z.output<typeof KpiDrillQuery>,
  province: string | undefined,
  now: Date,
): Promise<z.infer<typeof KpiComplaintDrill>> {
  const onTime = sql<SqlBool>`(c.answered_at is not null and c.answered_at <= c.due_at)`;
  const day = sql<string>`case when ${onTime} then ${localDay("c.answered_at")} else ${localDay("c.due_at")} end`;
  const cutoff = lastPassedDueDay(now);
  const rows = qb
    .selectFrom("dossier_complaints as c")
    .innerJoin("kpi_facts as f", (jn) =>
      jn.onRef("f.province_code", "=", "c.province_code").onRef("f.dossier_id", "=", "c.dossier_id"),
    )
    .innerJoin("dossiers as d", (jn) =>
      jn.onRef("d.province_code", "=", "c.province_code").onRef("d.id", "=", "c.dossier_id"),
    )
    .where((eb) =>
      eb.and([
        ...inJurisdiction(eb as unknown as DossierExpressions, p.jurisdiction),
        ...(province ? [eb("c.province_code", "=", province)] : []),
        ...(query.level === "commune" && query.code ? [eb("f.commune_code", "=", query.code)] : []),
        ...(query.procedure ? [eb("f.procedure_code", "=", query.procedure)] : []),
        ...(query.agency ? [eb("f.agency", "=", query.agency)] : []),
        sql<SqlBool>`${day} >= ${query.from} and ${day} <= ${query.to}`,
        sql<SqlBool>`not (c.answered_at is null and ${day} > ${cutoff})`,
        query.part === "hit" ? onTime : (sql<SqlBool>`not ${onTime}` as Expression<SqlBool>),
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
        "c.id",
        "d.id as dossierId",
        "d.code",
        "d.procedure_code as procedureCode",
        "d.agency_code as agencyCode",
        "f.commune_code as communeCode",
        "c.created_at as filedAt",
        "c.due_at as dueAt",
        "c.answered_at as answeredAt",
      ])
      .orderBy(day)
      .orderBy("d.code")
      .orderBy("c.created_at")
      .orderBy("c.id")
      .limit(query.limit)
      .offset(query.offset),
  );
  return {
    kind: "complaints",
    total: Number(total?.n ?? 0),
    items: items.map(({ agencyCode, ...r }) => ({
      ...r,
      answeredOnTime: r.answeredAt !== null && r.answeredAt.getTime() <= r.dueAt.getTime(),
      link: opensDossier(p, agencyCode) ? `/can-bo/ho-so/${r.dossierId}` : null,
    })),
  };
}

import type { FastifyReply } from "fastify";
import { OPEN_KPI_COLUMNS, type OpenKpis } from "../../domain/api/kpis.js";
import type { explainIndex766 } from "../../domain/index766.js";

// The open KPI routes' CSV (src/modules/metrics/routes.ts): RFC 4180 text, its file names, and
// how it is sent (UTF-8 with its byte order mark).

/** One CSV line (RFC 4180): fields with a comma, quote or line break are quoted. */
function csvLine(values: readonly unknown[]): string {
  return values
    .map((v) => {
      const s = v === null || v === undefined ? "" : String(v);
      return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    })
    .join(",");
}

/** CSV text: a line per row, each ended by CRLF (RFC 4180). */
const csvText = (rows: readonly (readonly unknown[])[]): string =>
  rows.map((l) => `${csvLine(l)}\r\n`).join("");

/**
 * Open figures as CSV: the header line (JSON names), then a line per place (empty for null). A
 * table's rows carry the place's names (`name` Vietnamese, `nameEn`) right after its code.
 */
export function openKpisCsv(
  rows: readonly (OpenKpis & { name?: string; nameEn?: string })[],
  names = false,
): string {
  const columns: readonly string[] = names
    ? [...OPEN_KPI_COLUMNS.slice(0, 2), "name", "nameEn", ...OPEN_KPI_COLUMNS.slice(2)]
    : OPEN_KPI_COLUMNS;
  return csvText([columns, ...rows.map((k) => columns.map((c) => (k as Record<string, unknown>)[c]))]);
}

/** The columns of the Decision 766 index as CSV (`GET /api/open/index766?format=csv`). */
export const INDEX766_CSV_COLUMNS = [
  "group",
  "indicator",
  "value",
  "threshold",
  "points",
  "max",
  "lost",
  "source_vi",
  "source_en",
  "confirmed",
  "measured",
] as const;

/**
 * The Decision 766 index card as CSV: the header, then a line per indicator: its group's and its
 * own id, its value and threshold (fractions; empty when not measured or informational), the points earned of its maximum, the points lost,
 * its source in Vietnamese and in English (`sourceVi`, `source`), whether the decision's text confirms it, and whether it is measured (false: "chưa đo được / not measured", its points out of `measuredPoints`) (the JSON's `score`, `points`, `fullAt`, `measured`).
 */
export function index766Csv(card: ReturnType<typeof explainIndex766>): string {
  const rows = card.groups.flatMap((g) =>
    g.indicators.map((i) => [
      g.id,
      i.id,
      i.value,
      i.fullAt,
      i.score,
      i.points,
      i.lost,
      i.sourceVi,
      i.source,
      i.confirmed,
      i.measured,
    ]),
  );
  return csvText([INDEX766_CSV_COLUMNS, ...rows]);
}

/**
 * The file name of an open CSV: what it holds, narrowings included, so a file of one agency or
 * procedure never passes for the whole (`kpis-national-cong-an-2026-01-01-2026-12-31.csv`;
 * procedure codes are [0-9A-Z.-]).
 */
export function openCsvName(
  q: {
    level: string;
    code?: string | undefined;
    procedure?: string | undefined;
    agency?: string | undefined;
    from: string;
    to: string;
  },
  what: "kpis" | "index766" = "kpis",
): string {
  const parts = [q.level, q.code, q.procedure?.replace(/[^\w.-]/g, "_"), q.agency, q.from, q.to];
  return `${what}-${parts.filter((p) => p).join("-")}.csv`;
}

/** The UTF-8 byte order mark: without it, Excel reads a CSV as Windows-1252 ("HÃ  Ná»™i"). */
export const UTF8_BOM = "\uFEFF";

/**
 * Every CSV the app serves goes through here: UTF-8 with its byte order mark (EF BB BF) first,
 * downloaded as `name`.
 */
export const sendCsv = (reply: FastifyReply, name: string, text: string) =>
  reply
    .type("text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${name}"`)
    .send(`${UTF8_BOM}${text}`);

/** CSV asked for: `format=csv`, or `Accept: text/csv` without `format=json`. */
export const wantsCsv = (format: string | undefined, accept: string | undefined) =>
  format === "csv" || (format !== "json" && /\btext\/csv\b/.test(accept ?? ""));

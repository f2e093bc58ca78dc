import { createHash } from "node:crypto";
import type { Queryable } from "../../db/client.js";
import { all, first, qb, sql } from "../../db/query.js";
import { SECTOR_CODES } from "../../domain/agencies.js";
import { dueInstantsOf, dueAt as legalDue } from "../../domain/due.js";
import { canonicalJson, type HistoryDossier } from "../../domain/history.js";
import type { Refused } from "../../domain/history-refusals.js";
import { type Channel, type DossierAction, reduce } from "../../domain/lifecycle.js";
import { foldVietnamese } from "../../domain/text.js";
import { AppError } from "../../kernel/errors.js";
import { localityId } from "../../kernel/locality.js";
import { getPublished } from "../catalog/index.js";
import { findCommune } from "../units/index.js";
import { type HistoryRows, insertRows } from "./history-insert.js";
import type { LoggedAction } from "./repository-reads.js";

/** The agency prefixes of dossier codes the platform knows (`UB`, `CA`, …). */
const KNOWN_PREFIXES: ReadonlySet<string> = new Set(Object.values(SECTOR_CODES));

type Procedure = Awaited<ReturnType<typeof getPublished>>;
/** Procedures and communes already read by a run of imports (null: none by that code). */
export type HistoryCache = {
  procedures: Map<string, Procedure | null>;
  communes: Map<string, Awaited<ReturnType<typeof findCommune>> | null>;
};
export const historyCache = (): HistoryCache => ({ procedures: new Map(), communes: new Map() });

/** A history dossier recorded by a batch: what the KPI facts are computed from. */
export type RecordedHistory = {
  id: string;
  communeCode: string;
  procedureCode: string;
  /** The dossier's agency code (the line's code without its date and number). */
  agencyCode: string;
  channel: Channel;
  fieldsPrefilled: number;
  componentsReplaced: number;
  rating: number | null;
  paper: number;
  complaint: boolean;
  log: LoggedAction[];
};

/** A line's fingerprint: the SHA-256 (hex) of its canonical JSON (`canonicalJson`). */
export const contentHash = (h: HistoryDossier): string =>
  createHash("sha256").update(canonicalJson(h.line)).digest("hex");

/** Checks a line's commune and procedure (read through the caches); the rows, or the refusal. */
async function historyRows(
  q: Queryable,
  h: HistoryDossier,
  cache: HistoryCache,
): Promise<{ ok: true; rows: HistoryRows } | Refused> {
  const l = h.line;
  const { procedures, communes } = cache;
  if (!communes.has(l.commune)) communes.set(l.commune, (await findCommune(q, l.commune)) ?? null);
  const commune = communes.get(l.commune);
  if (!commune) return { ok: false, vi: `Không có xã mã ${l.commune}.`, en: `No commune ${l.commune}.` };
  if (commune.provinceCode !== h.provinceCode || !l.code.includes(`.${l.commune}.H${h.provinceCode}-`))
    return {
      ok: false,
      vi: `Mã hồ sơ ${l.code} không thuộc xã ${l.commune} (tỉnh ${commune.provinceCode}).`,
      en: `Dossier code ${l.code} does not belong to commune ${l.commune} (province ${commune.provinceCode}).`,
    };
  if (!procedures.has(l.procedure)) {
    try {
      procedures.set(l.procedure, await getPublished(q, l.procedure));
    } catch (err) {
      if (!(err instanceof AppError && err.status === 404)) throw err;
      procedures.set(l.procedure, null);
    }
  }
  const procedure = procedures.get(l.procedure);
  if (!procedure)
    return {
      ok: false,
      vi: `Không có thủ tục ${l.procedure}.`,
      en: `No published procedure ${l.procedure}.`,
    };
  // A known agency prefix (`CA.`) must be the one of the agency the catalogue says serves the
  // procedure; a prefix the platform does not know is counted under no agency (KPIS.md).
  const prefix = l.code.split(".")[0] ?? "";
  const serving = procedure.definition.agency;
  const expected = SECTOR_CODES[serving.sector];
  if (expected && prefix !== expected && KNOWN_PREFIXES.has(prefix))
    return {
      ok: false,
      vi: `Mã hồ sơ ${l.code} mang mã cơ quan ${prefix}, nhưng thủ tục ${l.procedure} do ${serving.nameVi} giải quyết (mã ${expected}).`,
      en: `Dossier code ${l.code} has agency prefix ${prefix}, but procedure ${l.procedure} is served by ${serving.nameEn} (prefix ${expected}).`,
    };
  // The due instant the old system promised, else the procedure's limit from the receipt.
  let log: DossierAction[] = h.log;
  const receive = log.find((a) => a.type === "receive");
  if (receive) {
    const due = h.dueAt ?? legalDue(receive.at, procedure.definition.timeLimit);
    log = log.map((a) => (a === receive ? { ...a, payload: { ...a.payload, dueAt: due.toISOString() } } : a));
  }
  const state = reduce(log);
  const instants = dueInstantsOf(state);
  const province = h.provinceCode;
  const id = localityId(province);
  const logged: LoggedAction[] = log.map((a, i) => ({ ...a, seq: i + 1, actorKind: "import" }));
  return {
    ok: true,
    rows: {
      dossier: {
        id,
        code: l.code,
        procedure_code: procedure.code,
        procedure_version: procedure.version,
        province_code: province,
        commune_code: l.commune,
        agency_code: l.code.replace(/-\d{6}-\d+$/, ""),
        applicant_number: l.applicant,
        applicant_name: l.applicantName ?? null,
        applicant_search_name: l.applicantName === undefined ? null : foldVietnamese(l.applicantName),
        created_by_kind: "import",
        created_by: "import",
        channel: l.channel,
        status: state.status,
        fields_total: l.fields?.total ?? 0,
        fields_prefilled: l.fields?.prefilled ?? 0,
        components_replaced: l.components?.replacedByData ?? 0,
        fee_amount: l.fee,
        submitted_at: state.submittedAt,
        received_at: state.receivedAt,
        due_at: instants?.dueAt ?? null,
        near_due_at: instants?.nearDueAt ?? null,
        finished_at: state.finishedAt,
        decided_at: state.decidedAt,
        supplement_requests: state.supplementRequests,
        last_seq: log.length,
      },
      actions: logged.map((a) => ({
        dossier_id: id,
        seq: a.seq,
        at: a.at,
        action: a.type,
        actor_kind: a.actorKind,
        actor_id: a.actorId,
        actor_role: a.role,
        channel: a.channel,
        reason: a.reason ?? null,
        payload: JSON.stringify(a.payload ?? {}),
        province_code: province,
      })),
      rating:
        l.rating === undefined
          ? null
          : { dossier_id: id, score: l.rating, comment: null, province_code: province },
      imported: {
        province_code: province,
        dossier_id: id,
        code: l.code,
        paper_components: l.components?.paper ?? 0,
        complaint: l.complaint ?? false,
        content_hash: contentHash(h),
      },
      logged,
    },
  };
}

/** One line of an import: its number in the file and the dossier it reads. */
export type HistoryItem = { n: number; dossier: HistoryDossier };
/** What became of a line: recorded (with what its KPI facts are computed from), present already, or refused. */
export type HistoryLineOutcome = { n: number; code: string; provinceCode: string } & (
  | { kind: "imported"; recorded: RecordedHistory }
  | { kind: "present" }
  | { kind: "refused"; vi: string; en: string }
  | { kind: "conflict"; errorCode: "IMPORT_CONFLICT"; vi: string; en: string }
);

const recordedOf = (r: HistoryRows): RecordedHistory => ({
  id: r.dossier.id,
  communeCode: r.dossier.commune_code as string,
  procedureCode: r.dossier.procedure_code,
  agencyCode: r.dossier.agency_code as string,
  channel: r.dossier.channel as Channel,
  fieldsPrefilled: r.dossier.fields_prefilled as number,
  componentsReplaced: r.dossier.components_replaced as number,
  rating: r.rating?.score ?? null,
  paper: r.imported.paper_components as number,
  complaint: r.imported.complaint as boolean,
  log: r.logged,
});

/**
 * Records many historical dossiers (`npm run import`, KPIS.md "History import format"; the
 * generated history) in the caller's transaction as the platform records its own: the projection
 * row, the whole log (actor "import"), the rating, what the platform does not record itself (paper
 * components, a complaint: `dossier_imports`). Each line is checked first (commune, procedure,
 * through `cache`); the lines that pass are written set-based, four multi-row statements whatever
 * their number and provinces, plus one read of the codes present per province. Idempotent by
 * code: a code already recorded, or met earlier in `items`, is left as it is: "present" when the
 * line's content is the same (`contentHash`), "conflict" (IMPORT_CONFLICT) when it differs. No
 * observer runs: the caller records the KPI facts of the lines imported (`recordHistoryFacts` of
 * metrics) in the same transaction, so a batch commits whole, rollups included, or not at all.
 */
export async function recordHistoryLines(
  q: Queryable,
  items: readonly HistoryItem[],
  cache: HistoryCache = historyCache(),
): Promise<HistoryLineOutcome[]> {
  const byProvince = new Map<string, string[]>();
  for (const { dossier: h } of items) {
    const codes = byProvince.get(h.provinceCode) ?? [];
    codes.push(h.line.code);
    byProvince.set(h.provinceCode, codes);
  }
  // The codes present: the fingerprint of their import (null: not imported, or before migration
  // 371), and the line of this run that brought them.
  const seen = new Map<string, { hash: string | null; n?: number }>();
  for (const [province, codes] of byProvince) {
    // One array parameter (the same text whatever the number of codes).
    const present = await all(
      q,
      qb
        .selectFrom("dossiers as d")
        .leftJoin("dossier_imports as i", (j) =>
          j.onRef("i.province_code", "=", "d.province_code").onRef("i.dossier_id", "=", "d.id"),
        )
        .select(["d.code", "i.content_hash"])
        .where("d.province_code", "=", province)
        .where(sql<boolean>`d.code = any(${codes}::text[])`),
    );
    for (const p of present) seen.set(`${province}|${p.code}`, { hash: p.content_hash });
  }
  const rows: HistoryRows[] = [];
  const outcomes: HistoryLineOutcome[] = [];
  for (const { n, dossier: h } of items) {
    const code = h.line.code;
    const line = { n, code, provinceCode: h.provinceCode };
    const key = `${h.provinceCode}|${code}`;
    const before = seen.get(key);
    if (before) {
      // Idempotent by code: what is there stays; a different content is told, never counted as present.
      const hash = contentHash(h);
      if (before.hash === null || before.hash === hash) outcomes.push({ ...line, kind: "present" });
      else
        outcomes.push({
          ...line,
          kind: "conflict",
          errorCode: "IMPORT_CONFLICT",
          vi: `Mã hồ sơ ${code} đã nhập với nội dung khác${before.n ? ` (dòng ${before.n})` : ""}: giữ bản đã nhập, dòng này không được ghi.`,
          en: `Dossier code ${code} was already imported with different content${before.n ? ` (line ${before.n})` : ""}: the imported one is kept, this line is not recorded.`,
        });
      continue;
    }
    const prepared = await historyRows(q, h, cache);
    if (!prepared.ok) {
      outcomes.push({ ...line, kind: "refused", vi: prepared.vi, en: prepared.en });
      continue;
    }
    seen.set(key, { hash: prepared.rows.imported.content_hash ?? null, n });
    rows.push(prepared.rows);
    outcomes.push({ ...line, kind: "imported", recorded: recordedOf(prepared.rows) });
  }
  await insertRows(q, rows);
  return outcomes;
}

/**
 * Records many historical dossiers of one province (`recordHistoryLines`) for the generated
 * history of `npm run seed -- --history-months N`. Codes already present are skipped. Throws on a
 * refused line (a generated line must be valid: a programming error).
 */
export async function importHistoryBatch(
  q: Queryable,
  provinceCode: string,
  batch: readonly HistoryDossier[],
  cache: HistoryCache = historyCache(),
): Promise<RecordedHistory[]> {
  if (batch.length === 0) return [];
  for (const h of batch)
    if (h.provinceCode !== provinceCode) throw new Error(`${h.line.code} is not in province ${provinceCode}`);
  const outcomes = await recordHistoryLines(
    q,
    batch.map((dossier, i) => ({ n: i + 1, dossier })),
    cache,
  );
  return outcomes.flatMap((o) => {
    if (o.kind === "refused" || o.kind === "conflict") throw new Error(`${o.code}: ${o.en}`);
    return o.kind === "imported" ? [o.recorded] : [];
  });
}

/** Whether a province has any dossier beyond drafts (the first start seeds a history when not). */
export async function provinceHasDossiers(q: Queryable, provinceCode: string): Promise<boolean> {
  const row = await first(
    q,
    qb
      .selectFrom("dossiers")
      .select("id")
      .where("province_code", "=", provinceCode)
      .where("status", "<>", "draft")
      .limit(1),
  );
  return row !== undefined;
}

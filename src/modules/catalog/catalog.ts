import { announce, cacheOf, forget } from "../../db/cache.js";
import type { Db, Queryable } from "../../db/client.js";
import type { ProcedureDefinition, ProcedureDefinitionInput } from "../../domain/procedure.js";
import { AppError, type FieldIssue } from "../../kernel/errors.js";
import { audit } from "../audit/index.js";
import { CatalogErrors } from "./errors.js";
import { buildFinder } from "./finder.js";
import { loadStarterGroups } from "./groups.js";
import { definitionHash, parseDefinition, searchText } from "./parse.js";
import { STARTER_CATALOGUE, STARTER_VERSIONS } from "./starter/index.js";
import { type FormStats, formStats } from "./stats.js";

export type ProcedureStatus = "draft" | "published" | "retired";

/** One stored version. Dossiers reference (code, version); a non-draft definition never changes. */
export type ProcedureVersion = {
  code: string;
  version: number;
  status: ProcedureStatus;
  definition: ProcedureDefinition;
  definitionHash: string;
  publishedAt: Date | null;
};

export type ProcedureVersionInfo = ProcedureVersion & {
  createdAt: Date;
  createdBy: string;
  publishedBy: string | null;
};

/** What a procedure list shows: the latest published version's headline facts and its counts. */
export type ProcedureListItem = {
  code: string;
  version: number;
  codeVerified: boolean;
  nameVi: string;
  nameEn: string;
  summaryVi: string;
  summaryEn: string;
  field: ProcedureDefinition["field"];
  level: ProcedureDefinition["level"];
  agency: ProcedureDefinition["agency"];
  linkedGroup: NonNullable<ProcedureDefinition["linkedGroup"]> | null;
  timeLimit: ProcedureDefinition["timeLimit"];
  fee: ProcedureDefinition["fee"];
  fullyOnline: boolean;
  publishedAt: Date | null;
  stats: FormStats;
};

/** Who changes the catalogue (an administrator) and the request it came with, for the audit log. */
export type CatalogActor = { id: string; requestId?: string | undefined };

const COLUMNS = `code, version, status, definition, definition_hash as "definitionHash", published_at as "publishedAt"`;

const notFound = (code: string, version?: number) =>
  new AppError("NOT_FOUND", undefined, {
    vi: version ? `Không tìm thấy thủ tục ${code}, phiên bản ${version}.` : `Không tìm thấy thủ tục ${code}.`,
    en: version ? `Procedure ${code} version ${version} not found.` : `Procedure ${code} not found.`,
  });

/** Serialises catalogue writes per procedure code (version numbering, one published version). */
async function lockCode(q: Queryable, code: string): Promise<void> {
  await q.query("select pg_advisory_xact_lock(727275, hashtext($1))", [code]);
}

/**
 * Publishes every starter procedure as its starter version (`STARTER_VERSIONS`, else 1) unless its
 * code already has that version or a later one; the previously published version is then retired
 * (dossiers keep theirs). Idempotent, also when two servers start at once (one lock per code).
 * Returns the codes it inserted.
 */
export async function loadStarterCatalogue(
  db: Db,
  catalogue: ProcedureDefinitionInput[] = STARTER_CATALOGUE,
  versions: Readonly<Record<string, number>> = STARTER_VERSIONS,
): Promise<string[]> {
  const definitions = catalogue.map((input) => {
    const r = parseDefinition(input);
    if (!r.ok) throw new Error(`starter procedure ${input.code} is invalid: ${JSON.stringify(r.problems)}`);
    return r.definition;
  });
  return db
    .tx(async (q) => {
      const inserted: string[] = [];
      for (const def of definitions) {
        const version = versions[def.code] ?? 1;
        await lockCode(q, def.code);
        const { rows: latest } = await q.query<{ latest: number | null }>(
          "select max(version) as latest from procedure_versions where code = $1",
          [def.code],
        );
        if ((latest[0]?.latest ?? 0) >= version) continue;
        await q.query(
          "update procedure_versions set status = 'retired' where code = $1 and status = 'published'",
          [def.code],
        );
        await q.query(
          `insert into procedure_versions
           (code, version, definition, definition_hash, status, name_vi, search_text, created_by, published_at, published_by)
           values ($1, $2, $3::jsonb, $4, 'published', $5, $6, 'system:starter', now(), 'system:starter')`,
          [def.code, version, JSON.stringify(def), definitionHash(def), def.nameVi, searchText(def)],
        );
        inserted.push(def.code);
        await announce(q, SCOPE, `published:${def.code}`);
        await audit(q, {
          actor: { kind: "system", id: "starter-catalogue" },
          action: "procedure.publish",
          outcome: "allowed",
          resource: `procedure:${def.code}@${version}`,
          detail: { starter: true },
        });
      }
      return inserted;
    })
    .then(async (inserted) => {
      // The linked groups name published procedures: loaded after them.
      await loadStarterGroups(db);
      return inserted;
    });
}

let finderCache: { key: string; find: (q: string, opts?: { strict?: boolean }) => string[] } | undefined;

/**
 * The latest published version of each procedure (by name) and the procedure finder over them
 * (built once per set of published versions): the one search of the catalogue, used by the
 * procedure list and the virtual assistant.
 */
export async function publishedWithFinder(
  db: Queryable,
): Promise<{ rows: ProcedureVersion[]; find: (q: string, opts?: { strict?: boolean }) => string[] }> {
  const { rows } = await db.query<ProcedureVersion>(
    `select ${COLUMNS} from procedure_versions where status = 'published' order by name_vi, code`,
  );
  const key = rows.map((r) => `${r.code}@${r.version}`).join(",");
  if (finderCache?.key !== key) finderCache = { key, find: buildFinder(rows) };
  return { rows, find: finderCache.find };
}

/**
 * Latest published version of each procedure. With q: ranked by the procedure finder (diacritics
 * optional, everyday words, typos). With popular: most filed first (counted from dossiers).
 */
export async function listPublished(
  db: Queryable,
  opts: { q?: string | undefined; popular?: boolean | undefined; limit: number; offset: number },
): Promise<{ items: ProcedureListItem[]; total: number }> {
  const { rows, find } = await publishedWithFinder(db);
  let ordered = rows;
  if (opts.q?.trim()) {
    const byCode = new Map(rows.map((r) => [r.code, r]));
    ordered = find(opts.q).flatMap((code) => byCode.get(code) ?? []);
  } else if (opts.popular) {
    // Counted only when asked for: searching as one types must not scan the dossiers.
    const { rows: counts } = await db.query<{ code: string; n: number }>(
      "select procedure_code as code, count(*)::int as n from dossiers where status <> 'draft' group by procedure_code",
    );
    const filed = new Map(counts.map((c) => [c.code, c.n]));
    ordered = [...rows].sort((a, b) => (filed.get(b.code) ?? 0) - (filed.get(a.code) ?? 0));
  }
  return {
    items: ordered.slice(opts.offset, opts.offset + opts.limit).map(toListItem),
    total: ordered.length,
  };
}

function toListItem(r: ProcedureVersion): ProcedureListItem {
  const d = r.definition;
  return {
    code: r.code,
    version: r.version,
    codeVerified: d.codeVerified,
    nameVi: d.nameVi,
    nameEn: d.nameEn,
    summaryVi: d.summaryVi,
    summaryEn: d.summaryEn,
    field: d.field,
    level: d.level,
    agency: d.agency,
    linkedGroup: d.linkedGroup ?? null,
    timeLimit: d.timeLimit,
    fee: d.fee,
    fullyOnline: d.fullyOnline,
    publishedAt: r.publishedAt,
    stats: formStats(d),
  };
}

/**
 * In-process caches of the catalogue (src/db/cache.ts): the published version of each code until
 * a publication announces `published:<code>`, and the definitions of published and retired
 * versions for good (a non-draft definition never changes: the database refuses it). Values are
 * shared: callers never modify them.
 */
const SCOPE = "catalog";
const publishedCache = (q: Queryable) => cacheOf<ProcedureVersion>(q, SCOPE, "published", 1_000);
const definitionCache = (q: Queryable) => cacheOf<ProcedureDefinition>(q, SCOPE, "definitions", 5_000);

/** The published version of a procedure (there is at most one); NOT_FOUND if none. */
export async function getPublished(db: Queryable, code: string): Promise<ProcedureVersion> {
  const cache = publishedCache(db);
  const hit = cache?.get(code);
  if (hit) return hit;
  const { rows } = await db.query<ProcedureVersion>(
    `select ${COLUMNS} from procedure_versions where code = $1 and status = 'published'`,
    [code],
  );
  const row = rows[0];
  if (!row) throw notFound(code);
  cache?.set(code, row, Number.POSITIVE_INFINITY, [`published:${code}`]);
  return row;
}

/**
 * The definition of one version, as dossiers filed under it read it (any status but draft: a
 * retired version still governs its dossiers); NOT_FOUND if absent. Read from the database once
 * per process and version.
 */
export async function getDefinition(
  q: Queryable,
  code: string,
  version: number,
): Promise<ProcedureDefinition> {
  const key = `${code}@${version}`;
  const cache = definitionCache(q);
  const hit = cache?.get(key);
  if (hit) return hit;
  const v = await getVersion(q, code, version);
  if (v.status !== "draft") cache?.set(key, v.definition, Number.POSITIVE_INFINITY);
  return v.definition;
}

/** One version in any status (dossiers resolve retired versions too); NOT_FOUND if absent. */
export async function getVersion(db: Queryable, code: string, version: number): Promise<ProcedureVersion> {
  const { rows } = await db.query<ProcedureVersion>(
    `select ${COLUMNS} from procedure_versions where code = $1 and version = $2`,
    [code, version],
  );
  const row = rows[0];
  if (!row) throw notFound(code, version);
  return row;
}

/** Every version of a procedure, newest first (administration); NOT_FOUND if the code is unknown. */
export async function listVersions(db: Queryable, code: string): Promise<ProcedureVersionInfo[]> {
  const { rows } = await db.query<ProcedureVersionInfo>(
    `select ${COLUMNS}, created_at as "createdAt", created_by as "createdBy", published_by as "publishedBy"
     from procedure_versions where code = $1 order by version desc`,
    [code],
  );
  if (rows.length === 0) throw notFound(code);
  return rows;
}

/**
 * Stores a valid definition as the next version (max + 1) of its code, as a draft, with an audit
 * row. An invalid definition is refused with PROCEDURE_INVALID and every problem as a detail.
 */
export async function createDraft(db: Db, input: unknown, actor: CatalogActor): Promise<ProcedureVersion> {
  const parsed = parseDefinition(input);
  if (!parsed.ok) {
    const details: FieldIssue[] = parsed.problems.map((p) => ({
      field: p.path ? `body.definition.${p.path}` : "body.definition",
      messageVi: p.messageVi,
      messageEn: p.messageEn,
    }));
    throw new AppError(CatalogErrors.PROCEDURE_INVALID, details);
  }
  const def = parsed.definition;
  const hash = definitionHash(def);
  return db.tx(async (q) => {
    await lockCode(q, def.code);
    const { rows } = await q.query<ProcedureVersion>(
      `insert into procedure_versions (code, version, definition, definition_hash, status, name_vi, search_text, created_by)
       select $1::text, coalesce(max(version), 0) + 1, $2::jsonb, $3::text, 'draft', $4::text, $5::text, $6::text
       from procedure_versions where code = $1::text
       returning ${COLUMNS}`,
      [def.code, JSON.stringify(def), hash, def.nameVi, searchText(def), actor.id],
    );
    const row = rows[0];
    if (!row) throw new AppError("CONFLICT");
    await audit(q, {
      actor: { kind: "officer", id: actor.id },
      action: "procedure.draft",
      outcome: "allowed",
      resource: `procedure:${row.code}@${row.version}`,
      requestId: actor.requestId,
      detail: { definitionHash: hash },
    });
    return row;
  });
}

const notAllowed = (vi: string, en: string, field = "params.version") =>
  new AppError(CatalogErrors.PROCEDURE_NOT_PUBLISHED, [{ field, messageVi: vi, messageEn: en }], { vi, en });

/**
 * Publishes a draft: it becomes the published version and the previously published one is retired,
 * in one transaction with an audit row. Only drafts change status this way and no definition is
 * ever rewritten (the database refuses it too).
 */
export async function publish(
  db: Db,
  code: string,
  version: number,
  actor: CatalogActor,
): Promise<ProcedureVersion> {
  return db
    .tx(async (q) => {
      await lockCode(q, code);
      const target = await getVersion(q, code, version);
      if (target.status !== "draft") {
        throw notAllowed(
          `Phiên bản ${version} đang ở trạng thái ${target.status}; chỉ bản nháp mới được công bố.`,
          `Version ${version} is ${target.status}; only a draft can be published.`,
        );
      }
      const current = (
        await q.query<{ version: number }>(
          "select version from procedure_versions where code = $1 and status = 'published'",
          [code],
        )
      ).rows[0];
      if (current && current.version > version) {
        throw notAllowed(
          `Phiên bản ${current.version} mới hơn đã được công bố.`,
          `A newer version (${current.version}) is already published.`,
        );
      }
      // The rules may have tightened since the draft was written: check again.
      const check = parseDefinition(target.definition);
      if (!check.ok) {
        throw new AppError(
          CatalogErrors.PROCEDURE_INVALID,
          check.problems.map((p) => ({
            field: `definition.${p.path}`,
            messageVi: p.messageVi,
            messageEn: p.messageEn,
          })),
        );
      }
      await q.query(
        "update procedure_versions set status = 'retired' where code = $1 and status = 'published'",
        [code],
      );
      const { rows } = await q.query<ProcedureVersion>(
        `update procedure_versions set status = 'published', published_at = now(), published_by = $3
       where code = $1 and version = $2 and status = 'draft' returning ${COLUMNS}`,
        [code, version, actor.id],
      );
      const row = rows[0];
      if (!row) throw new AppError("CONFLICT");
      await audit(q, {
        actor: { kind: "officer", id: actor.id },
        action: "procedure.publish",
        outcome: "allowed",
        resource: `procedure:${code}@${version}`,
        requestId: actor.requestId,
        detail: { retired: current?.version ?? null, definitionHash: row.definitionHash },
      });
      // Every process forgets the version it had as published (again here once committed).
      await announce(q, SCOPE, `published:${code}`);
      return row;
    })
    .finally(() => forget(db, SCOPE, `published:${code}`));
}

import type { Db, Queryable } from "../../db/client.js";
import {
  type GroupProblem,
  groupProblems,
  LinkedGroupDefinition,
  type LinkedGroupDefinitionInput,
} from "../../domain/linked-group.js";
import { AppError } from "../../kernel/errors.js";
import { audit } from "../audit/index.js";
import type { CatalogActor, ProcedureStatus } from "./catalog.js";
import { CatalogErrors } from "./errors.js";
import { STARTER_GROUPS } from "./starter/linked-groups.js";

/** One stored version of a linked group. Group applications reference (code, version). */
export type GroupVersion = {
  code: string;
  version: number;
  status: ProcedureStatus;
  definition: LinkedGroupDefinition;
  publishedAt: Date | null;
};

const notFound = (code: string) =>
  new AppError("NOT_FOUND", undefined, {
    vi: `Không tìm thấy nhóm thủ tục ${code}.`,
    en: `Linked group ${code} not found.`,
  });

/**
 * Parses and checks a group definition: the schema, the group's own rules (`groupProblems`) and,
 * with `q`, that every member's procedure is published. Every problem, bilingual, or the definition.
 */
export async function checkGroup(
  q: Queryable | null,
  input: unknown,
): Promise<{ ok: true; definition: LinkedGroupDefinition } | { ok: false; problems: GroupProblem[] }> {
  const parsed = LinkedGroupDefinition.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({
        path: i.path.join("."),
        messageVi: `Không hợp lệ: ${i.message}`,
        messageEn: i.message,
      })),
    };
  }
  const problems = groupProblems(parsed.data);
  if (q) {
    const codes = parsed.data.members.map((m) => m.procedureCode);
    const { rows } = await q.query<{ code: string }>(
      "select code from procedure_versions where code = any($1::text[]) and status = 'published'",
      [codes],
    );
    const published = new Set(rows.map((r) => r.code));
    parsed.data.members.forEach((m, i) => {
      if (!published.has(m.procedureCode))
        problems.push({
          path: `members.${i}.procedureCode`,
          messageVi: `Thủ tục ${m.procedureCode} chưa được công bố.`,
          messageEn: `Procedure ${m.procedureCode} is not published.`,
        });
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, definition: parsed.data };
}

const invalid = (problems: GroupProblem[]) =>
  new AppError(
    CatalogErrors.GROUP_INVALID,
    problems.map((p) => ({
      field: p.path ? `body.definition.${p.path}` : "body.definition",
      messageVi: p.messageVi,
      messageEn: p.messageEn,
    })),
  );

/**
 * Publishes the starter group versions in order, each once: a version is inserted unless the
 * group has it (or a later one), published, and the group's earlier published version retired.
 * Idempotent; racing starts agree (one lock per group code). Returns "code@version" inserted.
 */
export async function loadStarterGroups(
  db: Db,
  groups: Array<{ version: number; definition: LinkedGroupDefinitionInput }> = STARTER_GROUPS,
): Promise<string[]> {
  return db.tx(async (q) => {
    const inserted: string[] = [];
    for (const { version, definition } of groups) {
      const def = LinkedGroupDefinition.parse(definition);
      await q.query("select pg_advisory_xact_lock(727276, hashtext($1))", [def.code]);
      const { rows } = await q.query<{ latest: number | null }>(
        "select max(version) as latest from linked_group_versions where code = $1",
        [def.code],
      );
      if ((rows[0]?.latest ?? 0) >= version) continue;
      await q.query(
        "update linked_group_versions set status = 'retired' where code = $1 and status = 'published'",
        [def.code],
      );
      await q.query(
        `insert into linked_group_versions (code, version, definition, status, created_by, published_at, published_by)
         values ($1, $2, $3::jsonb, 'published', 'system:starter', now(), 'system:starter')`,
        [def.code, version, JSON.stringify(def)],
      );
      inserted.push(`${def.code}@${version}`);
    }
    return inserted;
  });
}

/** The published version of each group, by code. */
export async function listPublishedGroups(q: Queryable): Promise<GroupVersion[]> {
  const { rows } = await q.query<GroupVersion>(
    `select code, version, status, definition, published_at as "publishedAt" from linked_group_versions where status = 'published' order by code`,
  );
  return rows;
}

/** The published version of a group; NOT_FOUND if none. */
export async function getPublishedGroup(q: Queryable, code: string): Promise<GroupVersion> {
  const { rows } = await q.query<GroupVersion>(
    `select code, version, status, definition, published_at as "publishedAt" from linked_group_versions where code = $1 and status = 'published'`,
    [code],
  );
  if (!rows[0]) throw notFound(code);
  return rows[0];
}

/** One version in any status (a retired version still governs its applications); NOT_FOUND if absent. */
export async function getGroupVersion(q: Queryable, code: string, version: number): Promise<GroupVersion> {
  const { rows } = await q.query<GroupVersion>(
    `select code, version, status, definition, published_at as "publishedAt" from linked_group_versions where code = $1 and version = $2`,
    [code, version],
  );
  if (!rows[0]) throw notFound(code);
  return rows[0];
}

/** Stores a valid definition as the next version of its group, as a draft (audited). GROUP_INVALID lists every problem. */
export async function createGroupDraft(db: Db, input: unknown, actor: CatalogActor): Promise<GroupVersion> {
  return db.tx(async (q) => {
    const checked = await checkGroup(q, input);
    if (!checked.ok) throw invalid(checked.problems);
    const def = checked.definition;
    await q.query("select pg_advisory_xact_lock(727276, hashtext($1))", [def.code]);
    const { rows } = await q.query<GroupVersion>(
      `insert into linked_group_versions (code, version, definition, status, created_by)
       select $1::text, coalesce(max(version), 0) + 1, $2::jsonb, 'draft', $3::text
       from linked_group_versions where code = $1::text
       returning code, version, status, definition, published_at as "publishedAt"`,
      [def.code, JSON.stringify(def), actor.id],
    );
    const row = rows[0];
    if (!row) throw new AppError("CONFLICT");
    await audit(q, {
      actor: { kind: "officer", id: actor.id },
      action: "linked_group.draft",
      outcome: "allowed",
      resource: `linked_group:${row.code}@${row.version}`,
      requestId: actor.requestId,
    });
    return row;
  });
}

/**
 * Publishes a draft (checked again: its procedures must be published now); the previously
 * published version is retired. Applications keep the version they were filed under.
 */
export async function publishGroup(
  db: Db,
  code: string,
  version: number,
  actor: CatalogActor,
): Promise<GroupVersion> {
  return db.tx(async (q) => {
    await q.query("select pg_advisory_xact_lock(727276, hashtext($1))", [code]);
    const target = await getGroupVersion(q, code, version);
    if (target.status !== "draft") throw new AppError(CatalogErrors.PROCEDURE_NOT_PUBLISHED);
    const checked = await checkGroup(q, target.definition);
    if (!checked.ok) throw invalid(checked.problems);
    await q.query(
      "update linked_group_versions set status = 'retired' where code = $1 and status = 'published'",
      [code],
    );
    const { rows } = await q.query<GroupVersion>(
      `update linked_group_versions set status = 'published', published_at = now(), published_by = $3
       where code = $1 and version = $2 and status = 'draft' returning code, version, status, definition, published_at as "publishedAt"`,
      [code, version, actor.id],
    );
    if (!rows[0]) throw new AppError("CONFLICT");
    await audit(q, {
      actor: { kind: "officer", id: actor.id },
      action: "linked_group.publish",
      outcome: "allowed",
      resource: `linked_group:${code}@${version}`,
      requestId: actor.requestId,
    });
    return rows[0];
  });
}

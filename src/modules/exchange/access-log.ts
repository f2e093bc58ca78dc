import type { z } from "zod";
import type { Queryable } from "../../db/client.js";
import type { AccessField } from "../../domain/access-fields.js";
import type { AccessLogEntry as AccessLogEntrySchema } from "../../domain/api/registry.js";
import { actorOf, type Principal } from "../../domain/principal.js";
import { findPerson } from "../registries/index.js";
import { PURPOSES, type Purpose } from "./purposes.js";

/**
 * The citizen's access log: one row per subject per read of their personal data (actor, purpose,
 * legal basis, resource, fields). Written only by this module (registry reads in exchange.ts,
 * dossier reads in dossier-reads.ts); read back by the citizen, repeated reads collapsed.
 * Law 91/2025/QH15 and Decree 356/2025/NĐ-CP: keep a log of processing and let the person see it.
 */

/** Purposes under which a citizen's read of their own record is a view, not a read to log. */
const OWN_VIEWS: ReadonlySet<Purpose> = new Set(["self-service", "household-view", "eligibility-check"]);

/** One subject read: whose data, the province its row belongs to, and the fields read. */
export type AccessEntry = { subject: string; provinceCode: string | null; fields: readonly AccessField[] };

/**
 * Writes one access_log row per entry, all by the same actor for the same purpose and resource
 * (e.g. `person:<number>`, `dossier:<id>/result`), in one statement.
 */
export async function logAccess(
  db: Queryable,
  ctx: { principal: Principal; purpose: Purpose },
  entries: readonly AccessEntry[],
  resource: string,
): Promise<void> {
  const actor = actorOf(ctx.principal);
  // A citizen looking at their own data (their record, their household) is the data subject
  // exercising a right (or checking their own eligibility), not someone reading it: no row under
  // their own number (issue 14 point 2).
  // What the platform does with their data at their request (prefill, assistant) is still logged.
  if (actor.kind === "citizen" && OWN_VIEWS.has(ctx.purpose))
    entries = entries.filter((e) => e.subject !== actor.id);
  // Identical reads in one call (the same person, the same facts) are one row.
  const once = new Map(entries.map((e) => [`${e.subject}|${e.fields.join(",")}`, e]));
  entries = [...once.values()];
  if (entries.length === 0) return;
  await db.query(
    `insert into access_log (subject_number, province_code, actor_kind, actor_id, actor_role, actor_name,
       purpose, legal_basis, resource, fields)
     select s, pc, $3, $4, $5, $6, $7, $8, $9, string_to_array(f, ',')
     from unnest($1::text[], $2::text[], $10::text[]) as t(s, pc, f)`,
    [
      entries.map((e) => e.subject),
      entries.map((e) => e.provinceCode),
      actor.kind,
      actor.id,
      actor.role,
      actor.name,
      ctx.purpose,
      PURPOSES[ctx.purpose].legalBasis,
      resource,
      entries.map((e) => e.fields.join(",")),
    ],
  );
}

export type AccessLogEntry = z.output<typeof AccessLogEntrySchema>;

/**
 * Who read this citizen's data, why and which fields, newest first; also which agency received
 * which fields about them in an exchange (actorKind "agency", with the dossier code and the
 * message type). Repeated reads (same actor,
 * purpose, legal basis, dossier or other resource (`dossier:<id>`, whatever part or file of it) and
 * fields) are one entry with their count and the first and last
 * time (`at` is the last), so an officer who opens a dossier twenty times is one line, not twenty.
 * `total` counts entries, not reads (a page past the end reports 0).
 */
export async function accessLogOf(
  db: Queryable,
  personalNumber: string,
  page: { limit: number; offset: number },
): Promise<{ items: AccessLogEntry[]; total: number }> {
  const { rows } = await db.query<AccessLogEntry & { total: number }>(
    `select max(at) as at, min(at) as "firstAt", count(*)::int as count, actor_kind as "actorKind",
       actor_id as "actorId", actor_role as "actorRole", max(nullif(actor_name, '')) as "actorName", purpose,
       legal_basis as "legalBasis", min(resource) as resource, fields, dossier_code as "dossierCode",
       message_type as "messageType", count(*) over ()::int as total
     from access_log where subject_number = $1
     group by actor_kind, actor_id, actor_role, purpose, legal_basis, split_part(resource, '/', 1), fields,
       dossier_code, message_type
     order by max(at) desc, max(id) desc limit $2 offset $3`,
    [personalNumber, page.limit, page.offset],
  );
  // A citizen actor recorded without a name (a step run on their behalf) is named from the registry.
  const names = new Map<string, string>();
  for (const e of rows) {
    if (e.actorKind !== "citizen" || e.actorName || names.has(e.actorId)) continue;
    const person = await findPerson(db, e.actorId);
    if (person) names.set(e.actorId, person.fullName);
  }
  return {
    items: rows.map(({ total: _t, ...e }) => ({
      ...e,
      actorName: e.actorName || names.get(e.actorId) || null,
    })),
    total: rows[0]?.total ?? 0,
  };
}

import type { Queryable } from "../../db/client.js";
import { STATUSES, TERMINAL } from "../../domain/lifecycle.js";
import { PERSONAL_NUMBER_PATTERN } from "../../domain/personal-number.js";

/** Dossiers still being handled: submitted and not finished (a draft's prefill is read afresh). */
const OPEN = STATUSES.filter((s) => s !== "draft" && !TERMINAL.has(s));

/**
 * Files the registry values a submitted dossier reused (`prefill` entries whose provenance names a
 * person) under those persons, in `q`'s transaction: the index a correction's alert looks up.
 * Called whenever an open dossier's prefill is written (`updateProjection`). Values already filed
 * are kept (a candidate list: the lookup re-checks the dossier).
 */
export async function recordReusedValues(
  q: Queryable,
  d: { provinceCode: string; id: string },
  prefill: Readonly<Record<string, unknown>>,
  at: Date,
): Promise<void> {
  const rows: Array<[string, string, string, string]> = [];
  for (const [key, entry] of Object.entries(prefill)) {
    const e = entry as { value?: unknown; provenance?: { registry?: unknown; ref?: unknown } };
    const ref = e.provenance?.ref;
    const registry = e.provenance?.registry;
    if (typeof ref !== "string" || !PERSONAL_NUMBER_PATTERN.test(ref) || typeof registry !== "string")
      continue;
    if (e.value === undefined || e.value === null) continue;
    rows.push([ref, registry, String(e.value), key]);
  }
  if (rows.length === 0) return;
  await q.query(
    `insert into dossier_reused_values (personal_number, registry, value, province_code, dossier_id, field_key,
       recorded_at)
     select n, r, v, $5, $6, k, $7 from unnest($1::bpchar[], $2::text[], $3::text[], $4::text[]) as t(n, r, v, k)
     on conflict do nothing`,
    [
      rows.map((r) => r[0]),
      rows.map((r) => r[1]),
      rows.map((r) => r[2]),
      rows.map((r) => r[3]),
      d.provinceCode,
      d.id,
      at,
    ],
  );
}

/**
 * The open dossiers (submitted, not finished) whose prefill still shows `value` from `registry`
 * about `personalNumber`: the index by person (one shard), then each candidate dossier by its
 * province (its shard), keeping those still open and still showing that value.
 */
export async function findReusingDossiers(
  q: Queryable,
  personalNumber: string,
  registry: string,
  value: string,
): Promise<Array<{ provinceCode: string; dossierId: string; fieldKey: string }>> {
  const { rows } = await q.query<{ provinceCode: string; dossierId: string; fieldKey: string }>(
    `select province_code as "provinceCode", dossier_id as "dossierId", field_key as "fieldKey"
     from dossier_reused_values where personal_number = $1 and registry = $2 and value = $3`,
    [personalNumber, registry, value],
  );
  const found: Array<{ provinceCode: string; dossierId: string; fieldKey: string }> = [];
  for (const province of new Set(rows.map((r) => r.provinceCode))) {
    const mine = rows.filter((r) => r.provinceCode === province);
    const { rows: still } = await q.query<{ dossierId: string; fieldKey: string }>(
      `select d.id as "dossierId", f.key as "fieldKey"
       from dossiers d cross join lateral unnest($3::text[]) as f(key)
       where d.province_code = $1 and d.id = any($2::uuid[]) and d.status = any($4::text[])
         and d.prefill->f.key->>'value' = $5 and d.prefill->f.key->'provenance'->>'ref' = $6`,
      [
        province,
        [...new Set(mine.map((r) => r.dossierId))],
        [...new Set(mine.map((r) => r.fieldKey))],
        OPEN,
        value,
        personalNumber,
      ],
    );
    const wanted = new Set(mine.map((r) => `${r.dossierId}|${r.fieldKey}`));
    for (const r of still)
      if (wanted.has(`${r.dossierId}|${r.fieldKey}`)) found.push({ provinceCode: province, ...r });
  }
  return found;
}

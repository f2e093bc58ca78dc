import type { Queryable } from "../db/client.js";

/**
 * Secrets generated on first start and kept in the database (session key, signing keys), so
 * that restarts and several server processes share them. Racing first starts agree: the first
 * insert wins and everyone reads it back.
 */
export async function getOrCreateSecret<T>(
  db: Queryable,
  name: string,
  create: () => Promise<T> | T,
): Promise<T> {
  const existing = await db.query<{ value: T }>("select value from app_secrets where name = $1", [name]);
  if (existing.rows[0]) return existing.rows[0].value;
  await db.query("insert into app_secrets (name, value) values ($1, $2) on conflict (name) do nothing", [
    name,
    JSON.stringify(await create()),
  ]);
  const { rows } = await db.query<{ value: T }>("select value from app_secrets where name = $1", [name]);
  if (!rows[0]) throw new Error(`secret ${name} missing after insert`);
  return rows[0].value;
}

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cacheOf } from "../../db/cache.js";
import type { Db, Queryable } from "../../db/client.js";
import { foldVietnamese } from "../../domain/text.js";

const UNITS_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../data/vn-admin/units.json",
);

type RawUnit = {
  Code: string;
  Name: string;
  NameEn: string;
  FullName: string;
  FullNameEn: string;
  AdministrativeUnitShortName: string;
  Wards?: RawUnit[];
};

export type Province = {
  code: string;
  name: string;
  nameEn: string;
  fullName: string;
  fullNameEn: string;
  unitType: string;
};
export type Commune = Province & { provinceCode: string };

const COMMUNE_TYPES: Record<string, string> = { Xã: "xa", Phường: "phuong", "Đặc khu": "dac_khu" };

/** Loads the 34 provinces and 3,321 communes once; a no-op when they are already there. */
export async function loadUnits(db: Db, file = UNITS_FILE): Promise<{ provinces: number; communes: number }> {
  const { rows } = await db.query<{ n: number }>("select count(*)::int as n from provinces");
  const raw = JSON.parse(fs.readFileSync(file, "utf8")) as RawUnit[];
  const communes = raw.flatMap((p) => (p.Wards ?? []).map((w) => ({ ...w, provinceCode: p.Code })));
  if ((rows[0]?.n ?? 0) === raw.length) return { provinces: raw.length, communes: communes.length };
  await db.tx(async (q: Queryable) => {
    await q.query(
      `insert into provinces (code, name, name_en, full_name, full_name_en, unit_type, search_text)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       on conflict (code) do nothing`,
      [
        raw.map((p) => p.Code),
        raw.map((p) => p.Name),
        raw.map((p) => p.NameEn),
        raw.map((p) => p.FullName),
        raw.map((p) => p.FullNameEn),
        raw.map((p) => (p.AdministrativeUnitShortName === "Thành phố" ? "thanh_pho" : "tinh")),
        raw.map((p) => foldVietnamese(`${p.FullName} ${p.NameEn}`)),
      ],
    );
    await q.query(
      `insert into communes (code, province_code, name, name_en, full_name, full_name_en, unit_type, search_text)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       on conflict (code) do nothing`,
      [
        communes.map((c) => c.Code),
        communes.map((c) => c.provinceCode),
        communes.map((c) => c.Name),
        communes.map((c) => c.NameEn),
        communes.map((c) => c.FullName),
        communes.map((c) => c.FullNameEn),
        communes.map((c) => COMMUNE_TYPES[c.AdministrativeUnitShortName] ?? "xa"),
        communes.map((c) => foldVietnamese(`${c.FullName} ${c.NameEn}`)),
      ],
    );
  });
  return { provinces: raw.length, communes: communes.length };
}

const PROVINCE_COLUMNS =
  'code, name, name_en as "nameEn", full_name as "fullName", full_name_en as "fullNameEn", unit_type as "unitType"';

/** Diacritics-insensitive search; every word of the query must appear. */
function searchClause(q: string | undefined, params: unknown[]): string {
  const words = q ? foldVietnamese(q).split(" ").filter(Boolean) : [];
  return words
    .map((w) => {
      params.push(`%${w}%`);
      return ` and search_text like $${params.length}`;
    })
    .join("");
}

export async function listProvinces(db: Queryable, q?: string): Promise<Province[]> {
  const params: unknown[] = [];
  const where = searchClause(q, params);
  const { rows } = await db.query<Province>(
    `select ${PROVINCE_COLUMNS} from provinces where true${where} order by code`,
    params,
  );
  return rows;
}

export async function listCommunes(
  db: Queryable,
  opts: { provinceCode?: string | undefined; q?: string | undefined; limit: number; offset: number },
): Promise<{ items: Commune[]; total: number }> {
  const params: unknown[] = [];
  let where = searchClause(opts.q, params);
  if (opts.provinceCode) {
    params.push(opts.provinceCode);
    where += ` and province_code = $${params.length}`;
  }
  const total = await db.query<{ n: number }>(
    `select count(*)::int as n from communes where true${where}`,
    params,
  );
  params.push(opts.limit, opts.offset);
  const { rows } = await db.query<Commune>(
    `select ${PROVINCE_COLUMNS}, province_code as "provinceCode" from communes where true${where}
     order by code limit $${params.length - 1} offset $${params.length}`,
    params,
  );
  return { items: rows, total: total.rows[0]?.n ?? 0 };
}

/**
 * A commune by code. Units are only ever added (`loadUnits`), never changed, so a commune found
 * is kept in this process's cache for good (src/db/cache.ts); an unknown code is asked again.
 */
export async function findCommune(db: Queryable, code: string): Promise<Commune | undefined> {
  const cache = cacheOf<Commune>(db, "units", "communes", 4_000);
  const hit = cache?.get(code);
  if (hit) return hit;
  const { rows } = await db.query<Commune>(
    `select ${PROVINCE_COLUMNS}, province_code as "provinceCode" from communes where code = $1`,
    [code],
  );
  if (rows[0]) cache?.set(code, rows[0], Number.POSITIVE_INFINITY);
  return rows[0];
}

export async function findProvince(db: Queryable, code: string): Promise<Province | undefined> {
  const { rows } = await db.query<Province>(`select ${PROVINCE_COLUMNS} from provinces where code = $1`, [
    code,
  ]);
  return rows[0];
}

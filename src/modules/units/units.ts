import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cacheOf } from "../../db/cache.js";
import type { Db, Queryable } from "../../db/client.js";
import { all, type ExpressionBuilder, first, qb } from "../../db/query.js";
import { foldVietnamese } from "../../domain/text.js";
import { type SearchableCommune, searchCommunes } from "./search.js";

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

const UNIT_COLUMNS = [
  "code",
  "name",
  "name_en as nameEn",
  "full_name as fullName",
  "full_name_en as fullNameEn",
  "unit_type as unitType",
] as const;

/** Diacritics-insensitive search on `search_text`; every word of the query must appear. */
function matchingWords(eb: ExpressionBuilder<{ u: { search_text: string } }, "u">, q: string | undefined) {
  const words = q ? foldVietnamese(q).split(" ").filter(Boolean) : [];
  return words.map((w) => eb("u.search_text", "like", `%${w}%`));
}

export async function listProvinces(db: Queryable, q?: string): Promise<Province[]> {
  return all(
    db,
    qb
      .selectFrom("provinces as u")
      .select(UNIT_COLUMNS)
      .where((eb) => eb.and(matchingWords(eb, q)))
      .orderBy("code"),
  );
}

/** Every commune with its folded names and its province's, for the name search (units never change). */
async function searchable(db: Queryable): Promise<SearchableCommune[]> {
  const cache = cacheOf<SearchableCommune[]>(db, "units", "search", 1);
  const hit = cache?.get("all");
  if (hit) return hit;
  const rows = await all(
    db,
    qb
      .selectFrom("communes as c")
      .innerJoin("provinces as p", "p.code", "c.province_code")
      .select([
        "c.code",
        "c.province_code as provinceCode",
        "c.name",
        "c.search_text as text",
        "p.name as provinceName",
      ])
      .orderBy("c.code"),
  );
  const list = rows.map((r) => ({
    ...r,
    name: foldVietnamese(r.name),
    provinceName: foldVietnamese(r.provinceName),
  }));
  cache?.set("all", list, Number.POSITIVE_INFINITY);
  return list;
}

/**
 * Communes, by code; or, with `q`, those matching the typed name, best first (`searchCommunes`:
 * typos forgiven, the `near` province first, its name may be typed too). `provinceCode` keeps
 * one province's only. `total` counts every match; `limit`/`offset` page through them.
 */
export async function listCommunes(
  db: Queryable,
  opts: {
    provinceCode?: string | undefined;
    q?: string | undefined;
    near?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ items: Commune[]; total: number }> {
  const only = opts.provinceCode !== undefined && opts.provinceCode !== "" ? opts.provinceCode : undefined;
  if (opts.q && foldVietnamese(opts.q) !== "") {
    const pool = (await searchable(db)).filter((c) => only === undefined || c.provinceCode === only);
    const found = searchCommunes(pool, opts.q, opts.near);
    const page = found.slice(opts.offset, opts.offset + opts.limit).map((c) => c.code);
    if (page.length === 0) return { items: [], total: found.length };
    const rows = await all(
      db,
      qb
        .selectFrom("communes as u")
        .select([...UNIT_COLUMNS, "province_code as provinceCode"])
        .where("u.code", "in", page),
    );
    const byCode = new Map(rows.map((r) => [r.code, r]));
    return { items: page.flatMap((code) => byCode.get(code) ?? []), total: found.length };
  }
  const communes = qb
    .selectFrom("communes as u")
    .$if(only !== undefined, (s) => s.where("u.province_code", "=", only ?? ""));
  const total = await first(
    db,
    communes.select((eb) => eb.fn.countAll<number>().as("n")),
  );
  const items = await all(
    db,
    communes
      .select([...UNIT_COLUMNS, "province_code as provinceCode"])
      .orderBy("code")
      .limit(opts.limit)
      .offset(opts.offset),
  );
  return { items, total: total?.n ?? 0 };
}

/**
 * A commune by code. Units are only ever added (`loadUnits`), never changed, so a commune found
 * is kept in this process's cache for good (src/db/cache.ts); an unknown code is asked again.
 */
export async function findCommune(db: Queryable, code: string): Promise<Commune | undefined> {
  const cache = cacheOf<Commune>(db, "units", "communes", 4_000);
  const hit = cache?.get(code);
  if (hit) return hit;
  const commune = await first(
    db,
    qb
      .selectFrom("communes")
      .select([...UNIT_COLUMNS, "province_code as provinceCode"])
      .where("code", "=", code),
  );
  if (commune) cache?.set(code, commune, Number.POSITIVE_INFINITY);
  return commune;
}

export async function findProvince(db: Queryable, code: string): Promise<Province | undefined> {
  return first(db, qb.selectFrom("provinces").select(UNIT_COLUMNS).where("code", "=", code));
}

const BOUNDARIES_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../data/vn-admin/provinces.geo.json",
);
let boundaries: string | undefined;

/** The simplified province boundaries (GeoJSON text, ~95 KB), read once. */
export function provinceBoundaries(): string {
  boundaries ??= fs.readFileSync(BOUNDARIES_FILE, "utf8");
  return boundaries;
}

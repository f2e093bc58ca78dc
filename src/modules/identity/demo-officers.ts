import type { Queryable } from "../../db/client.js";
import { all, qb } from "../../db/query.js";
import { AGENCIES, type OfficerAgencyId } from "../../domain/agencies.js";
import { type OfficerRole, ROLE_NAMES } from "../../domain/principal.js";
import { demoOfficerNames } from "./demo-officer-names.js";

/**
 * A kind of demo officer account: where it sits, its username prefix, role, agency, and the
 * person's sex (a commune's or province's account is named by `demoOfficerNames`, from its unit)
 * or, for the country's two, a fixed name. `legacyName`: the one name every unit's account of the
 * kind had before names were drawn per unit; an account still carrying it is renamed.
 */
type DemoKind = {
  level: "commune" | "province" | "country";
  /** The username: `<prefix>.<commune code>`, `<prefix>.<province code>`, or the prefix alone (country). */
  prefix: string;
  role: OfficerRole;
  agency: OfficerAgencyId | null;
  sex: "M" | "F";
  name?: string;
  legacyName: string;
};

/**
 * Every kind of demo officer, in the order the sign-in list shows them: per commune a one-stop
 * receiver, a specialist, a leader and a postal agent (no agency: they serve every agency of the
 * commune), and an officer of each commune-level agency (civil status, police, social affairs);
 * per province an agency officer attached to no agency, a social-security officer and a province
 * leader; one national viewer and one administrator. A name is a person's name only: where the
 * officer works is the account's unit, shown by its name.
 */
export const DEMO_OFFICER_KINDS: readonly DemoKind[] = [
  {
    level: "commune",
    prefix: "motcua",
    role: "receiver",
    agency: null,
    sex: "F",
    legacyName: "Trần Thị Thu",
  },
  {
    level: "commune",
    prefix: "chuyenvien",
    role: "specialist",
    agency: null,
    sex: "M",
    legacyName: "Lê Văn Hùng",
  },
  {
    level: "commune",
    prefix: "lanhdao",
    role: "approver",
    agency: null,
    sex: "M",
    legacyName: "Nguyễn Văn Bình",
  },
  { level: "commune", prefix: "buudien", role: "agent", agency: null, sex: "F", legacyName: "Phạm Thị Lan" },
  {
    level: "commune",
    prefix: "hotich",
    role: "agency_officer",
    agency: "ubnd",
    sex: "F",
    legacyName: "Phan Thị Mai",
  },
  {
    level: "commune",
    prefix: "congan",
    role: "agency_officer",
    agency: "cong-an",
    sex: "M",
    legacyName: "Đặng Quốc Toàn",
  },
  {
    level: "commune",
    prefix: "xahoi",
    role: "agency_officer",
    agency: "van-hoa-xa-hoi",
    sex: "F",
    legacyName: "Bùi Thị Hạnh",
  },
  {
    level: "province",
    prefix: "chuyennganh.tinh",
    role: "agency_officer",
    agency: null,
    sex: "M",
    legacyName: "Đỗ Minh Quân",
  },
  {
    level: "province",
    prefix: "bhxh.tinh",
    role: "agency_officer",
    agency: "bhxh",
    sex: "F",
    legacyName: "Ngô Thị Thảo",
  },
  {
    level: "province",
    prefix: "lanhdao.tinh",
    role: "province_leader",
    agency: null,
    sex: "M",
    legacyName: "Hoàng Văn Nam",
  },
  {
    level: "country",
    prefix: "quocgia",
    role: "national_viewer",
    agency: null,
    sex: "F",
    name: "Vũ Thị Hà",
    legacyName: "Vũ Thị Hà",
  },
  {
    level: "country",
    prefix: "admin",
    role: "admin",
    agency: null,
    sex: "M",
    name: "Quản trị hệ thống",
    legacyName: "Quản trị hệ thống",
  },
];

const LEGACY_NAMES = DEMO_OFFICER_KINDS.filter((k) => !k.name).map((k) => k.legacyName);

export type DemoOfficer = {
  username: string;
  name: string;
  role: OfficerRole;
  jurisdiction: string;
  agency: OfficerAgencyId | null;
};

/**
 * Creates the demo officers of these communes, their provinces and the country (those not there
 * yet), each named from its unit (`demoOfficerNames`). An account an earlier demo created with its
 * kind's one shared name ("Trần Thị Thu", or with its unit: "Trần Thị Thu (Hải Vân)") takes its own
 * name; a name an administrator changed is left alone.
 */
export async function ensureDemoOfficers(
  db: Queryable,
  communes: Array<{ code: string; provinceCode: string; name: string }>,
): Promise<DemoOfficer[]> {
  type Row = [string, string, OfficerRole, string, string | null, string | null, OfficerAgencyId | null];
  const rows: Row[] = [];
  const of = (level: DemoKind["level"]) => DEMO_OFFICER_KINDS.filter((k) => k.level === level);
  const unit = (level: DemoKind["level"], code: string, provinceCode: string) => {
    const names = demoOfficerNames(code, of(level));
    of(level).forEach((k, i) => {
      const name = names[i] as string;
      rows.push([`${k.prefix}.${code}`, name, k.role, level, code, provinceCode, k.agency]);
    });
  };
  for (const c of communes) unit("commune", c.code, c.provinceCode);
  for (const p of new Set(communes.map((c) => c.provinceCode))) unit("province", p, p);
  for (const k of of("country"))
    rows.push([k.prefix, k.name ?? k.legacyName, k.role, "country", null, null, k.agency]);
  // New accounts first; then a name still one of the kinds' old shared names (with or without a
  // unit suffix) is replaced. Two statements: Citus cannot type a parameter in the ON CONFLICT
  // clause of an INSERT … SELECT into a reference table ("could not determine data type of
  // parameter $1" from the workers; docs/scaling.md).
  await db.query(
    `insert into officers (username, full_name, role, jurisdiction_level, jurisdiction_code, province_code, agency)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
     on conflict (username) do nothing`,
    [0, 1, 2, 3, 4, 5, 6].map((i) => rows.map((r) => r[i])),
  );
  await db.query(
    `update officers o set full_name = v.full_name
       from unnest($1::text[], $2::text[]) as v(username, full_name)
      where o.username = v.username and o.full_name <> v.full_name
        and regexp_replace(o.full_name, ' \\(.*\\)$', '') = any($3::text[])`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), LEGACY_NAMES],
  );
  return rows.map(([username, name, role, , code, , agency]) => ({
    username,
    name,
    role,
    jurisdiction: code ?? "VN",
    agency,
  }));
}

/**
 * Demo only (the demo provider's sign-in): the demo account `username` names, created on first
 * sign-in when its unit exists, so every commune's dossiers can be processed in the demo without
 * seeding 3,321 communes' officers: `motcua.20740` (a commune kind and a commune code) creates that
 * commune's demo officers and its province's; `lanhdao.tinh.01` (a province kind) those of the
 * province's first commune and the province. Returns whether the account now exists; a username of
 * no demo kind, or of a unit that does not exist, is left alone (false).
 */
export async function ensureDemoOfficerFor(db: Queryable, username: string): Promise<boolean> {
  const kind = DEMO_OFFICER_KINDS.find(
    (k) =>
      k.level !== "country" &&
      username.startsWith(`${k.prefix}.`) &&
      /^\d+$/.test(username.slice(k.prefix.length + 1)),
  );
  if (!kind) return false;
  const code = username.slice(kind.prefix.length + 1);
  const communes = qb.selectFrom("communes").select(["code", "province_code as provinceCode", "name"]);
  const rows = await all(
    db,
    kind.level === "commune"
      ? communes.where("code", "=", code)
      : communes.where("province_code", "=", code).orderBy("code").limit(1),
  );
  if (rows.length === 0) return false;
  const created = await ensureDemoOfficers(db, rows);
  return created.some((o) => o.username === username);
}

/** What an account does, Vietnamese and English: its role, and its agency when it has one. */
export function demoOfficerDuty(
  role: OfficerRole,
  agency: OfficerAgencyId | null,
): { vi: string; en: string } {
  const r = ROLE_NAMES[role];
  if (agency) {
    const a = AGENCIES[agency];
    return { vi: `${r.vi}: ${a.nameVi}`, en: `${r.en}: ${a.nameEn}` };
  }
  return r;
}

/** A demo officer account as the sign-in list shows it. */
export type DemoSignIn = { username: string; name: string; duty: { vi: string; en: string } };

/** The demo officer accounts of one unit (a commune, a province, or the country). */
export type DemoUnit = {
  level: DemoKind["level"];
  /** The unit's province name ("Đà Nẵng"); null for the country. */
  provinceName: string | null;
  /** The unit's name ("Phường Hải Vân, Đà Nẵng", "Đà Nẵng"); null for the country. */
  unitName: string | null;
  accounts: DemoSignIn[];
};

/**
 * The demo officer accounts, grouped by unit: the first `communes` communes with accounts (those
 * with demo residents first, then by code), their provinces, then the country; each kind in
 * `DEMO_OFFICER_KINDS`' order. Only accounts of the demo's kinds are listed; an account an
 * administrator created is not.
 */
export async function listDemoOfficers(db: Queryable, communes = 3): Promise<DemoUnit[]> {
  // Where demo residents live: a read of every shard of households (DEMO only: the sign-in page
  // and the start banner; listed in docs/scaling.md), then the officers, a reference table.
  const lived = await db.query<{ commune: string }>(
    "select distinct commune_code as commune from households where commune_code is not null",
  );
  const residents = new Set(lived.rows.map((r) => r.commune));
  const all = await db.query<{ commune: string; province: string }>(
    `select o.jurisdiction_code as commune, o.province_code as province from officers o
     where o.active and o.jurisdiction_level = 'commune' and o.username = 'motcua.' || o.jurisdiction_code
     order by o.jurisdiction_code`,
  );
  const units = [...all.rows]
    .sort((a, b) => Number(residents.has(b.commune)) - Number(residents.has(a.commune)))
    .slice(0, communes);
  return demoUnits(
    db,
    units.map((u) => u.commune),
    [...new Set(units.map((u) => u.province))],
    true,
  );
}

/**
 * The demo communes' accounts not among `listed` (`listDemoOfficers`), one unit per commune, and
 * their provinces' (those not listed), by province, communes first: the sign-in page shows them
 * folded by province.
 */
export async function listMoreDemoOfficers(db: Queryable, listed: readonly DemoUnit[]): Promise<DemoUnit[]> {
  const shown = listed.flatMap((u) => u.accounts.map((a) => a.username));
  const { rows } = await db.query<{ commune: string; province: string }>(
    `select jurisdiction_code as commune, province_code as province from officers
     where active and jurisdiction_level = 'commune' and username = 'motcua.' || jurisdiction_code
       and not (username = any($1::text[]))
     order by province_code, jurisdiction_code`,
    [shown],
  );
  // Their provinces' officers too, unless listed already (the demo's province).
  const shownProvinces = new Set(listed.filter((u) => u.level === "province").map((u) => u.provinceName));
  const units = await demoUnits(
    db,
    rows.map((r) => r.commune),
    [...new Set(rows.map((r) => r.province))],
    false,
  );
  return units
    .filter((u) => u.level === "commune" || !shownProvinces.has(u.provinceName))
    .sort((a, b) => (a.provinceName ?? "").localeCompare(b.provinceName ?? "", "vi"));
}

/** The demo accounts of these communes, provinces and (when `country`) the country, by unit. */
async function demoUnits(
  db: Queryable,
  communeCodes: readonly string[],
  provinceCodes: readonly string[],
  country: boolean,
): Promise<DemoUnit[]> {
  const { rows } = await db.query<{
    username: string;
    name: string;
    role: OfficerRole;
    agency: OfficerAgencyId | null;
    level: DemoKind["level"];
    code: string | null;
    communeName: string | null;
    provinceName: string | null;
  }>(
    `select o.username, o.full_name as name, o.role, o.agency, o.jurisdiction_level as level,
       o.jurisdiction_code as code, c.full_name as "communeName", p.name as "provinceName"
     from officers o
     left join communes c on o.jurisdiction_level = 'commune' and c.code = o.jurisdiction_code
     left join provinces p on p.code = o.province_code
     where o.active and (
       (o.jurisdiction_level = 'commune' and o.jurisdiction_code = any($1::text[]))
       or (o.jurisdiction_level = 'province' and o.jurisdiction_code = any($2::text[]))
       or (o.jurisdiction_level = 'country' and o.username = any($3::text[])))`,
    [
      [...communeCodes],
      [...provinceCodes],
      country ? DEMO_OFFICER_KINDS.filter((k) => k.level === "country").map((k) => k.prefix) : [],
    ],
  );
  // The kind of a demo account by its username: "motcua.20194", "bhxh.tinh.48", "admin".
  const kindOf = (username: string, level: string) =>
    DEMO_OFFICER_KINDS.findIndex(
      (k) =>
        k.level === level &&
        (k.level === "country" ? username === k.prefix : /^\d+$/.test(username.slice(k.prefix.length + 1))) &&
        (k.level === "country" || username.startsWith(`${k.prefix}.`)),
    );
  const LEVELS: ReadonlyArray<DemoKind["level"]> = ["commune", "province", "country"];
  const grouped = new Map<string, DemoUnit>();
  const listed = rows
    .map((r) => ({ ...r, kind: kindOf(r.username, r.level) }))
    .filter((r) => r.kind >= 0)
    .sort(
      (a, b) =>
        LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
        (a.code ?? "").localeCompare(b.code ?? "") ||
        a.kind - b.kind,
    );
  for (const r of listed) {
    const key = `${r.level}:${r.code ?? ""}`;
    const unitName =
      r.level === "commune"
        ? [r.communeName ?? r.code, r.provinceName].filter(Boolean).join(", ")
        : r.level === "province"
          ? (r.provinceName ?? r.code)
          : null;
    const unit = grouped.get(key) ?? { level: r.level, unitName, provinceName: r.provinceName, accounts: [] };
    unit.accounts.push({ username: r.username, name: r.name, duty: demoOfficerDuty(r.role, r.agency) });
    grouped.set(key, unit);
  }
  return [...grouped.values()];
}

import type { Db } from "../db/client.js";
import { localDate } from "../domain/calendar/index.js";
import { STARTER_CATALOGUE } from "../modules/catalog/index.js";
import { provinceHasDossiers } from "../modules/dossiers/index.js";
import { type AgencySigners, sendBirthNotice, sendDeathNotice } from "../modules/exchange/index.js";
import {
  DEMO_MACHINE_CLIENT,
  type DemoUnit,
  ensureDemoOfficers,
  listDemoOfficers,
  registerApiClient,
} from "../modules/identity/index.js";
import { findDemoAccounts, seedPopulation } from "../modules/registries/index.js";
import { sendDemoApartBirthNotice } from "./demo-apart.js";
import { fileDemoLateGroup } from "./demo-late-group.js";
import { recordDemoSpouseApart } from "./demo-spouse.js";
import { seedHistory } from "./history.js";

/** The small demo that `npm start` seeds into an empty database: Đà Nẵng, three communes. */
export const DEMO = { provinces: ["48"], citizens: 3000, communesPerProvince: 3, seed: 1 };
/**
 * The history the first start seeds when the demo province has no dossier: 12 months before now
 * (so the dashboard's 12-month trend has every month), the demo communes and the first commune of
 * every province (so the national map and the rankings have data), about 12 dossiers a month in
 * each (measured: ~4,950 dossiers, 46 s on PGlite on the shared machine; 3 months took 19 s).
 */
export const DEMO_HISTORY = { months: 12, perCommuneMonth: 12, seed: 1 };

/**
 * Seeds the demo population when the registry is empty (resuming an interrupted seed), creates
 * demo officers for every commune that has residents or seeded history (others at their first
 * demo sign-in), and returns sign-in instructions.
 */
export async function ensureDemo(
  db: Db,
  opts: {
    log: (line: string) => void;
    machineSecret: string;
    keyFile: string;
    now?: Date;
    /** The hosted agencies' keys: the health facilities sign the demo's birth and death notices. */
    signers?: AgencySigners | undefined;
  },
): Promise<{ instructions: string }> {
  const { rows } = await db.query<{ n: number }>(
    "select count(*)::int as n from seed_runs where finished_at is null",
  );
  const empty =
    (await db.query<{ n: number }>("select count(*)::int as n from (select 1 from persons limit 1) t"))
      .rows[0]?.n === 0;
  let lateGroupDue = false;
  if (empty || (rows[0]?.n ?? 0) > 0) {
    opts.log(
      `Seeding the demo population (${DEMO.citizens} persons in province ${DEMO.provinces.join(", ")})...`,
    );
    // Ages and notice dates relative to the demo's clock (today unless a test injects one).
    const r = await seedPopulation(db, opts.now ? { ...DEMO, referenceDate: localDate(opts.now) } : DEMO);
    opts.log(`Demo population ready: ${r.persons} persons in ${r.households} households.`);
    if (opts.signers) {
      const n = await sendDemoBirthNotices(db, opts.signers, 3);
      opts.log(`Demo health facilities sent ${n} birth notices (the parents find the birth group offered).`);
      const apart = await sendDemoApartBirthNotice(db, opts.signers, opts.now ?? new Date());
      if (apart)
        opts.log(
          `Parents living apart: the mother ${apart.mother.personalNumber} (${apart.mother.fullName}) finds the birth group offered, and may choose the father's household (${apart.father.personalNumber}, ${apart.father.fullName}, another commune).`,
        );
      const parents = apart ? [apart.mother.personalNumber, apart.father.personalNumber] : [];
      const married = await recordDemoSpouseApart(db, opts.now ?? new Date(), parents);
      if (married)
        opts.log(
          `Married, living apart: ${married.wife.personalNumber} (${married.wife.fullName}) may register into her husband's household (${married.husband.personalNumber}, ${married.husband.fullName}, another commune) from the assistant's "chuyển hộ khẩu về nhà chồng"; the head of his household, ${married.head.personalNumber} (${married.head.fullName}), signs in to consent or refuse on their home page.`,
        );
      const d = await sendDemoDeathNotice(db, opts.signers);
      opts.log(
        `Demo health facilities sent ${d} death notice (the household's adults find the death group offered).`,
      );
      lateGroupDue = true;
    }
  }
  const communes = await db.query<{ code: string; provinceCode: string; name: string }>(
    `select c.code, c.province_code as "provinceCode", c.name from communes c
     where c.code in (select distinct h.commune_code from households h) order by c.code limit 200`,
  );
  // The history's communes besides the demo's: the first of every province (the map's data).
  const firsts = await db.query<{ code: string; provinceCode: string; name: string }>(
    `select distinct on (province_code) code, province_code as "provinceCode", name from communes
     order by province_code, code`,
  );
  const demoCodes = new Set(communes.rows.map((c) => c.code));
  // Officers for every commune the demo's dossiers are in, so each can be processed (one statement,
  // nothing rewritten on a later start); any other commune's are created at their first sign-in.
  const others = communes.rows.length > 0 ? firsts.rows.filter((c) => !demoCodes.has(c.code)) : [];
  await ensureDemoOfficers(db, [...communes.rows, ...others]);
  const demoProvince = DEMO.provinces[0] as string;
  if (communes.rows.length > 0 && !(await provinceHasDossiers(db, demoProvince))) {
    const started = performance.now();
    const n = await seedHistory(db, {
      ...DEMO_HISTORY,
      now: opts.now ?? new Date(),
      communes: [
        ...communes.rows.map((c) => ({ code: c.code, provinceCode: c.provinceCode })),
        ...firsts.rows.filter((c) => !demoCodes.has(c.code)),
      ],
    });
    opts.log(
      `Demo history ready: ${n} dossiers of the last ${DEMO_HISTORY.months} months (${((performance.now() - started) / 1000).toFixed(1)} s).`,
    );
  }
  // The leader's "groups at risk" panel: one birth group filed days ago, past its limit. Filed
  // after the history, whose seeding only starts while the demo province has no dossier.
  if (lateGroupDue) {
    const late = await fileDemoLateGroup(db, opts.now ?? new Date()).catch((err: unknown) => {
      opts.log(`Demo late birth group not filed: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    });
    if (late)
      opts.log(
        `A birth group past its limit (the mother ${late.mother}, commune ${late.communeCode}) is in the leaders' "groups at risk".`,
      );
  }
  const machineSecret = opts.machineSecret;
  const firstProvince = communes.rows[0]?.provinceCode;
  if (firstProvince)
    await registerApiClient(db, DEMO_MACHINE_CLIENT, machineSecret, `chuyennganh.tinh.${firstProvince}`);
  // Read from the data as it is now: a notice already filed for is no longer offered.
  const accounts = await findDemoAccounts(db, firstProvince);
  const names = new Map(STARTER_CATALOGUE.map((p) => [p.code, p.nameVi]));
  const lines = [
    "",
    "Đăng nhập thử / Demo sign-in (open the address above, then 'Đăng nhập'):",
    ...accounts.map(
      (a) =>
        `  công dân / citizen   ${a.personalNumber}  ${a.fullName}  (${a.note}; ${a.procedures.map((c) => names.get(c) ?? c).join(", ")})`,
    ),
    ...officerLines(await listDemoOfficers(db, 1)),
    "  cán bộ xã, phường khác / other communes: motcua.<mã xã / commune code>, e.g. motcua.20242 (Phường Hải Châu; listed by province on the sign-in page)",
    `  máy / machine client ${DEMO_MACHINE_CLIENT} (client_credentials; secret "demoMachineSecret" in ${opts.keyFile})`,
  ];
  return { instructions: lines.join("\n") };
}

/**
 * Every kind of demo officer of the first commune, its province and the country, by unit: the
 * username, the person's name and the role in Vietnamese then English (as the sign-in page lists them).
 */
export function officerLines(units: DemoUnit[]): string[] {
  return units.flatMap((u) => [
    `  cán bộ / officers${u.unitName ? ` — ${u.unitName}` : " — toàn quốc / national"}:`,
    ...u.accounts.map((a) => `    ${a.username.padEnd(20)} ${a.name} — ${a.duty.vi} / ${a.duty.en}`),
  ]);
}

/**
 * The demo's health facilities send up to `limit` of the seeded, unregistered birth notices (in the
 * order the demo's sign-in list picks its mother, so she finds the offer) as
 * signed `health.birth_notice@1` messages (the mother's copy names both parents): delivered by the
 * server's dispatcher, each offers the parents the birth group (src/modules/linked, offers).
 */
async function sendDemoBirthNotices(db: Db, signers: AgencySigners, limit: number): Promise<number> {
  const { rows } = await db.query<{
    id: string;
    provinceCode: string;
    communeCode: string;
    motherNumber: string;
    fatherNumber: string | null;
    childSex: "M" | "F";
    birthAt: Date;
    weightGrams: number | null;
    facility: string;
  }>(
    `select id, province_code as "provinceCode", commune_code as "communeCode", mother_number as "motherNumber",
  father_number as "fatherNumber", child_sex as "childSex", birth_at as "birthAt", weight_grams as "weightGrams", facility
from birth_notices where personal_number = mother_number and not registered order by id limit $1`,
    [limit],
  );
  for (const n of rows) {
    await db.tx((q) =>
      sendBirthNotice(
        q,
        signers,
        {
          noticeId: n.id,
          facility: n.facility,
          communeCode: n.communeCode,
          birthAt: new Date(n.birthAt).toISOString(),
          childSex: n.childSex,
          weightGrams: n.weightGrams,
          motherNumber: n.motherNumber,
          fatherNumber: n.fatherNumber,
        },
        n.provinceCode,
        new Date(),
      ),
    );
  }
  return rows.length;
}

/**
 * The demo's health facility sends one of the seeded, unregistered death notices (the first the
 * demo's sign-in list would pick: by id, of a person still alive in the registry) as a signed
 * `health.death_notice@1`: delivered by the server's dispatcher, it offers the household's adults
 * the death group (src/modules/linked, offers). Returns how many were sent (0 or 1).
 */
async function sendDemoDeathNotice(db: Db, signers: AgencySigners): Promise<number> {
  const { rows } = await db.query<{
    id: string;
    provinceCode: string;
    communeCode: string;
    personNumber: string;
    diedAt: Date;
    place: string;
    cause: string | null;
  }>(
    `select n.id, n.province_code as "provinceCode", n.commune_code as "communeCode", n.person_number as "personNumber",
  n.died_at as "diedAt", n.place, n.cause
from death_notices n where not n.registered order by n.id limit 20`,
  );
  for (const n of rows) {
    const alive = await db.query("select 1 from persons where personal_number = $1 and deceased_on is null", [
      n.personNumber,
    ]);
    if (alive.rows.length === 0) continue;
    await db.tx((q) =>
      sendDeathNotice(
        q,
        signers,
        {
          noticeId: n.id,
          communeCode: n.communeCode,
          personalNumber: n.personNumber,
          diedAt: new Date(n.diedAt).toISOString(),
          place: n.place,
          cause: n.cause,
        },
        n.provinceCode,
        new Date(),
      ),
    );
    return 1;
  }
  return 0;
}

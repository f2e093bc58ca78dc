/**
 * Seeds a demo population: npm run seed -- --citizens 100000 --provinces 48,01
 *   [--communes-per-province 3] [--seed 1] [--reference-date 2026-03-01] [--batch-persons 5000]
 * Resumable: after an interruption, run the same command again to continue.
 * And/or a generated history of dossiers (KPIs, dashboards): npm run seed -- --history-months 12
 *   [--now 2026-12-01T09:00:00+07:00] [--per-commune-month 60] [--communes-per-province 2]
 *   [--provinces 48,01] [--seed 1]: communes-per-province communes of the provinces given (all 34
 *   by default), dossiers of the months before now, rollups written with them; a second run with
 *   the same options skips the dossiers present.
 * SEED_LOG_BATCHES=1 prints one line per committed batch (for scripts and tests).
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { configOrExit, loadConfig } from "../config.js";
import { type Db, openDb } from "../db/client.js";
import { DataDirLockedError } from "../db/lock.js";
import { migrate } from "../db/migrate.js";
import { parseInstant } from "../domain/instant.js";
import { loadStarterCatalogue } from "../modules/catalog/index.js";
import { backfillDueInstants } from "../modules/dossiers/index.js";
import { findDemoAccounts, PROVINCE_CODES, seedPopulation, toDays } from "../modules/registries/index.js";
import { listCommunes, loadUnits } from "../modules/units/index.js";
import { seedHistory } from "./history.js";

const USAGE = `Usage: npm run seed -- --citizens N --provinces 48,01 [--communes-per-province K] [--seed S]
                      [--reference-date YYYY-MM-DD] [--batch-persons B]
       npm run seed -- --history-months M [--now ISO-INSTANT] [--per-commune-month D]
                      [--communes-per-province K] [--provinces 48,01] [--seed S]`;

class UsageError extends Error {}

function integer(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.replace(/_/g, "")) || Number(value.replace(/_/g, "")) < min) {
    throw new UsageError(`--${name} must be an integer >= ${min} (got "${value}")`);
  }
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isSafeInteger(n)) throw new UsageError(`--${name} is too large`);
  return n;
}

export function parseSeedArgs(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      citizens: { type: "string" },
      provinces: { type: "string" },
      "communes-per-province": { type: "string" },
      seed: { type: "string" },
      "reference-date": { type: "string" },
      "batch-persons": { type: "string" },
      "history-months": { type: "string" },
      now: { type: "string" },
      "per-commune-month": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const historyMonths = integer(values["history-months"], "history-months", 1);
  if (historyMonths !== undefined && historyMonths > 60) throw new UsageError("--history-months: at most 60");
  const now = values.now === undefined ? new Date() : parseInstant(values.now);
  if (now === undefined)
    throw new UsageError(`--now must be an ISO instant with its offset (got "${values.now}")`);
  const history =
    historyMonths === undefined
      ? undefined
      : {
          months: historyMonths,
          now,
          perCommuneMonth: integer(values["per-commune-month"], "per-commune-month", 1) ?? 60,
        };
  const citizens = integer(values.citizens, "citizens", history ? 0 : 1) ?? (history ? 0 : undefined);
  if (citizens === undefined) throw new UsageError("--citizens is required (or --history-months)");
  if (citizens > 50_000_000) throw new UsageError("--citizens: at most 50,000,000");
  if (!values.provinces && !history) throw new UsageError("--provinces is required, e.g. --provinces 48,01");
  const provinces = (values.provinces ?? PROVINCE_CODES.join(","))
    .split(",")
    .map((p) => p.trim().padStart(2, "0"));
  const unknown = provinces.filter((p) => !PROVINCE_CODES.includes(p));
  if (unknown.length > 0) {
    throw new UsageError(
      `--provinces: unknown code(s) ${unknown.join(", ")}; valid: ${PROVINCE_CODES.join(", ")}`,
    );
  }
  const referenceDate = values["reference-date"];
  if (referenceDate !== undefined) {
    try {
      toDays(referenceDate);
    } catch {
      throw new UsageError(`--reference-date must be a date YYYY-MM-DD (got "${referenceDate}")`);
    }
  }
  return {
    citizens,
    provinces,
    communesPerProvince: integer(values["communes-per-province"], "communes-per-province", 1),
    seed: integer(values.seed, "seed", 0),
    referenceDate,
    batchPersons: integer(values["batch-persons"], "batch-persons", 1),
    history,
  };
}

/** The generated history of `--history-months`, with a progress line; returns the dossiers recorded. */
async function seedHistoryOf(db: Db, opts: NonNullable<ReturnType<typeof parseSeedArgs>>): Promise<number> {
  const h = opts.history;
  if (!h) return 0;
  await loadStarterCatalogue(db);
  await backfillDueInstants(db, { log: (line) => console.log(line) });
  const communes = [];
  for (const provinceCode of opts.provinces) {
    const { items } = await listCommunes(db, {
      provinceCode,
      limit: opts.communesPerProvince ?? 2,
      offset: 0,
    });
    communes.push(...items.map((c) => ({ code: c.code, provinceCode })));
  }
  const started = performance.now();
  const cpu = process.cpuUsage();
  const bar = new cliProgress.SingleBar(
    { format: "Hồ sơ / Dossiers | {value} | {rate}/s", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(0, 0, { rate: 0 });
  const n = await seedHistory(db, {
    seed: opts.seed ?? 1,
    now: h.now,
    months: h.months,
    perCommuneMonth: h.perCommuneMonth,
    communes,
    onProgress: (done) =>
      bar.update(done, { rate: Math.round(done / ((performance.now() - started) / 1000)) }),
  });
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(
    `Đã tạo ${n} hồ sơ lịch sử (${h.months} tháng, ${communes.length} xã) trong ${seconds.toFixed(1)} s.\n` +
      `Seeded ${n} history dossiers (${h.months} months, ${communes.length} communes) in ${seconds.toFixed(1)} s ` +
      `(${Math.round(n / Math.max(seconds, 0.001))} dossiers/s${n > 0 ? `; this process: ${(cpuMs / n).toFixed(3)} ms of CPU a dossier` : ""}).`,
  );
  return n;
}

async function main(): Promise<number> {
  let opts: ReturnType<typeof parseSeedArgs>;
  try {
    opts = parseSeedArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!opts) {
    console.log(USAGE);
    return 0;
  }
  const config = configOrExit(() => loadConfig());
  let db: Awaited<ReturnType<typeof openDb>>;
  try {
    db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  const logBatches = process.env.SEED_LOG_BATCHES === "1";
  const bar = new cliProgress.SingleBar(
    {
      format: "Dân cư / Persons |{bar}| {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}",
      hideCursor: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  let firstDone: number | undefined;
  let seedingStarted = started;
  try {
    await migrate(db);
    await loadUnits(db);
    if (opts.citizens === 0) {
      await seedHistoryOf(db, opts);
      return 0;
    }
    const result = await seedPopulation(db, {
      ...opts,
      onProgress: (done, total) => {
        if (firstDone === undefined) {
          firstDone = done;
          seedingStarted = performance.now();
          bar.start(total, done, { rate: 0 });
        } else {
          const seconds = (performance.now() - seedingStarted) / 1000;
          bar.update(done, { rate: Math.round((done - firstDone) / seconds) });
          if (logBatches) console.log(`seed: batch committed, persons_done=${done}/${total}`);
        }
      },
    });
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    const seedSeconds = (performance.now() - seedingStarted) / 1000;
    const inserted = result.skipped ? 0 : result.persons - (firstDone ?? 0);
    if (result.skipped) {
      console.log(`Đã seed xong trước đó / Already seeded: run ${result.runId} (${result.persons} persons).`);
    } else {
      console.log(
        `${result.resumed ? "Resumed and finished" : "Finished"} run ${result.runId}: ${result.persons} persons in ` +
          `${result.households} households; inserted ${inserted} persons in ${seedSeconds.toFixed(1)} s ` +
          `(${Math.round(inserted / seedSeconds)} persons/s; ${seconds.toFixed(1)} s in all).`,
      );
    }
    const province = opts.provinces.length === 1 ? opts.provinces[0] : undefined;
    for (const a of await findDemoAccounts(db, province, opts.referenceDate)) {
      console.log(`  ${a.personalNumber}  ${a.fullName}  (${a.note})`);
    }
    await seedHistoryOf(db, opts);
    return 0;
  } catch (err) {
    bar.stop();
    console.error((err as Error).message);
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();

/**
 * Seeds a demo population: npm run seed -- --citizens 100000 --provinces 48,01
 *   [--communes-per-province 3] [--seed 1] [--reference-date 2026-03-01] [--batch-persons 5000]
 * Resumable: after an interruption, run the same command again to continue.
 * SEED_LOG_BATCHES=1 prints one line per committed batch (for scripts and tests).
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { configOrExit, loadConfig } from "../config.js";
import { openDb } from "../db/client.js";
import { DataDirLockedError } from "../db/lock.js";
import { migrate } from "../db/migrate.js";
import { findDemoAccounts, PROVINCE_CODES, seedPopulation, toDays } from "../modules/registries/index.js";
import { loadUnits } from "../modules/units/index.js";

const USAGE = `Usage: npm run seed -- --citizens N --provinces 48,01 [--communes-per-province K] [--seed S]
                      [--reference-date YYYY-MM-DD] [--batch-persons B]`;

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
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const citizens = integer(values.citizens, "citizens", 1);
  if (citizens === undefined) throw new UsageError("--citizens is required");
  if (citizens > 50_000_000) throw new UsageError("--citizens: at most 50,000,000");
  if (!values.provinces) throw new UsageError("--provinces is required, e.g. --provinces 48,01");
  const provinces = values.provinces.split(",").map((p) => p.trim().padStart(2, "0"));
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
  };
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

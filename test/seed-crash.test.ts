import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engine, type TestDatabase } from "./helpers/db.js";

/**
 * The seed CLI killed with SIGKILL mid-run leaves only whole batches, and the same command
 * resumes and completes the run.
 */
const ARGS = [
  "--import",
  "tsx",
  "src/cli/seed.ts",
  "--citizens",
  "30000",
  "--batch-persons",
  "2500",
  "--reference-date",
  "2026-03-01",
  "--provinces",
  "48",
  "--communes-per-province",
  "3",
];

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.dispose();
});

type Exit = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** Runs the CLI; with killAt, SIGKILLs it once it reports that many persons committed. */
function runCli(killAt?: number): Promise<Exit> {
  const child: ChildProcess = spawn(process.execPath, ARGS, {
    cwd: process.cwd(),
    env: { ...tdb.env, PATH: process.env.PATH ?? "", SEED_LOG_BATCHES: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    const done = [...stdout.matchAll(/persons_done=(\d+)/g)].map((m) => Number(m[1]));
    if (killAt !== undefined && Math.max(0, ...done) >= killAt && child.exitCode === null)
      child.kill("SIGKILL");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

async function inspect() {
  const db = await tdb.open();
  try {
    const one = async (sql: string) =>
      (await db.query<{ n: number }>(`select (${sql})::int as n`)).rows[0]?.n;
    const run = await db.query<{
      batches_done: number;
      batches_total: number;
      persons_done: number;
      finished: boolean;
    }>(
      "select batches_done, batches_total, persons_done, finished_at is not null as finished from seed_runs",
    );
    return {
      run: run.rows,
      persons: await one("select count(*) from persons"),
      householdsWithoutHead: await one(`select count(*) from households h where not exists
        (select 1 from persons p where p.personal_number = h.head_number and p.household_id = h.id)`),
      personsWithoutHousehold: await one(
        "select count(*) from persons p where not exists (select 1 from households h where h.id = p.household_id)",
      ),
      noticesWithoutMother: await one(`select count(*) from birth_notices n
        where not exists (select 1 from persons m where m.personal_number = n.mother_number)`),
      childrenWithoutMother: await one(`select count(*) from persons c where c.mother_number is not null
        and not exists (select 1 from persons m where m.personal_number = c.mother_number)`),
    };
  } finally {
    await db.close();
  }
}

describe(`seed CLI killed and resumed on ${engine}`, () => {
  it("keeps whole batches after SIGKILL and completes on the next run", { timeout: 120_000 }, async () => {
    const killed = await runCli(5_000);
    expect(killed.signal, killed.stderr).toBe("SIGKILL");

    const after = await inspect();
    const [run] = after.run;
    expect(run?.finished).toBe(false);
    expect(run?.batches_total).toBe(12);
    expect(run?.batches_done).toBeGreaterThanOrEqual(2);
    expect(run?.batches_done).toBeLessThan(12);
    expect(run?.persons_done).toBe((run?.batches_done ?? 0) * 2_500);
    expect(after).toMatchObject({
      persons: run?.persons_done,
      householdsWithoutHead: 0,
      personsWithoutHousehold: 0,
      noticesWithoutMother: 0,
      childrenWithoutMother: 0,
    });

    const resumed = await runCli();
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(
      /Resumed and finished run pop:48:n=30000:seed=1:c=3:b=2500: 30000 persons/,
    );

    const final = await inspect();
    expect(final).toMatchObject({
      run: [{ batches_done: 12, batches_total: 12, persons_done: 30_000, finished: true }],
      persons: 30_000,
      householdsWithoutHead: 0,
      personsWithoutHousehold: 0,
      noticesWithoutMother: 0,
      childrenWithoutMother: 0,
    });
  });
});

// Over 400 lines: one benchmark run end to end (setup, the three sides measured interleaved, CPU sampling, the report) reads best in one place.
/**
 * The submission path against the database it runs on (issue 10, point 5), on a PostgreSQL server
 * with 1,000,000 persons, in one run, interleaved at each concurrency (1, 8, 32, 100 by default):
 *  - ours: a citizen's create + submit over HTTP with real access tokens (the OIDC code flow of
 *    the demo provider), the application in a process of its own (bench/server.ts);
 *  - (a) raw: the same statements per submission, captured from the application with its
 *    statement hook (`Db.observe`, with their transactions), replayed with fresh ids through a
 *    plain `pg` pool of the application's size, as named prepared statements like the application's;
 *  - (b) pgbench: one realistic submission transaction (read the person; insert an access-log
 *    row, the dossier, its action and an outbox row) with as many clients as the concurrency,
 *    prepared once per connection (`-M prepared`), as the application's statements are.
 * With `--rates 50,100`: also open loop, the same three sides at a fixed arrival rate (Poisson
 * arrivals, at most `--open-clients` (100) citizens in flight: realistic pacing below saturation),
 * latency counted from each arrival's scheduled instant (no coordinated omission; pgbench `-R`
 * with its schedule lag added).
 * For each: submissions per second, latency p50/p99 (ours: of the submit alone too), and CPU per
 * submission: the application's Node process (`process.cpuUsage`) and the PostgreSQL backends of
 * the bench database (utime + stime from /proc/<pid>/stat, sampled every 100 ms). Also: statements
 * per create and per submit, prefill latency, and the first page's bytes on the wire.
 *
 * The database (`--db`, default ml_bench_submit) is created and seeded once, then reused.
 * Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- dossiers
 *   [--persons 1000000 --seconds 10 --rounds 2 --levels 1,8,32,100 --rates 50,100 --open-clients 100
 *    --citizens 200 --db name]
 */
import { type ChildProcess, execFile, fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import pg from "pg";
import { migrate } from "../src/db/migrate.js";
import { localityId } from "../src/kernel/locality.js";
import { loadStarterCatalogue } from "../src/modules/catalog/index.js";
import { seedPopulation } from "../src/modules/registries/index.js";
import { loadUnits } from "../src/modules/units/index.js";
import { accessToken, Browser, freePort } from "../test/helpers/server.js";
import { openNamedBenchDb, percentile } from "./lib.js";
import type { Captured } from "./server.js";

const { values: args } = parseArgs({
  options: {
    persons: { type: "string", default: "1000000" },
    seconds: { type: "string", default: "10" },
    rounds: { type: "string", default: "2" },
    levels: { type: "string", default: "1,8,32,100" },
    rates: { type: "string", default: "" },
    "open-clients": { type: "string", default: "100" },
    citizens: { type: "string", default: "200" },
    db: { type: "string", default: "ml_bench_submit" },
    prefills: { type: "string", default: "300" },
  },
});
const PERSONS = Number(args.persons);
const SECONDS = Number(args.seconds);
const LEVELS = (args.levels ?? "").split(",").filter(Boolean).map(Number);
const RATES = (args.rates ?? "").split(",").filter(Boolean).map(Number);
const OPEN_CLIENTS = Number(args["open-clients"]);
const PROCEDURE = "LOCAL.XAC-NHAN-TTHN";
const VALUES = {
  "person.maritalStatus": "single",
  purpose: "Để đăng ký kết hôn",
  copies: 1,
  "declaration.sworn": true,
};
const POOL = 20;
const PGBENCH = ["/usr/lib/postgresql/15/bin/pgbench", "pgbench"].find(
  (p) => p === "pgbench" || fs.existsSync(p),
);

if (!process.env.DATABASE_URL) throw new Error("bench/dossiers.ts needs DATABASE_URL (a PostgreSQL server)");
const bench = await openNamedBenchDb(process.env.DATABASE_URL, args.db as string);
const { db, url } = bench;
const load = await fs.promises.readFile("/proc/loadavg", "utf8");
console.log(
  `node ${process.version}; ${os.cpus().length} cores; load average ${load.split(" ").slice(0, 3).join(" ")}; database ${args.db}`,
);

// ---- Setup, once: schema, reference data, 1,000,000 persons, the people pgbench picks from.
await migrate(db);
await loadUnits(db);
await loadStarterCatalogue(db);
const seedStart = performance.now();
const seeded = await seedPopulation(db, {
  citizens: PERSONS,
  provinces: ["48"],
  communesPerProvince: 20,
  seed: 11,
});
if (!seeded.skipped) await db.query("analyze");
console.log(
  `${seeded.persons} persons (${seeded.skipped ? "seeded before" : `seeded in ${((performance.now() - seedStart) / 1000).toFixed(0)} s`})`,
);
await db.exec(`create schema if not exists bench;
  create table if not exists bench.people (i int primary key, pn bpchar(12) not null);
  insert into bench.people select row_number() over (order by personal_number), personal_number from persons
    where deceased_on is null and not exists (select 1 from bench.people) ;`);
const people = (await db.query<{ n: number }>("select count(*)::int as n from bench.people")).rows[0]?.n ?? 0;

// ---- The application in its own process, and citizens with their own access tokens.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-bench-"));
const port = await freePort();
// BENCH_CPU_PROF=<dir>: the application's process writes a V8 CPU profile there when it exits.
const profile = process.env.BENCH_CPU_PROF;
const server = fork(path.join(import.meta.dirname, "server.ts"), [], {
  execArgv: ["--import", "tsx", ...(profile ? ["--cpu-prof", "--cpu-prof-dir", profile] : [])],
  env: {
    ...process.env,
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    RATE_LIMIT_SIGNIN_PER_MINUTE: "100000",
    RATE_LIMIT_PUBLIC_PER_MINUTE: "1000000",
  },
  serialization: "advanced",
});
process.on("exit", () => server.kill());
const ask = <T>(cmd: string, key: string) =>
  new Promise<T>((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (key in m) {
        server.off("message", on);
        resolve(m[key] as T);
      }
    };
    server.on("message", on);
    if (cmd) server.send({ cmd });
  });
await ask<number>("", "ready");
const base = `http://127.0.0.1:${port}`;
const { rows: communes } = await db.query<{ code: string }>(
  "select distinct commune_code as code from households where province_code = '48' order by code limit 1",
);
// Adults of one commune: every submission goes to one agency (the case a row lock serialised).
const { rows: adults } = await db.query<{ pn: string }>(
  `select personal_number as pn from persons where permanent_commune_code = $1 and deceased_on is null
     and birth_date < '2000-01-01' order by personal_number limit $2`,
  [communes[0]?.code, Number(args.citizens)],
);
const tokens: string[] = [];
for (const a of adults) {
  const b = new Browser(base);
  await b.signIn(a.pn);
  tokens.push(await accessToken(b, base, dataDir));
}
console.log(`${tokens.length} citizens of commune ${communes[0]?.code} signed in, each with an access token`);

// ---- HTTP: create + submit, one virtual client after another on kept-alive connections.
type Answer = { status: number; body: string };
function post(
  agent: http.Agent,
  pathname: string,
  token: string,
  key: string,
  body: unknown,
): Promise<Answer> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: pathname,
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(data),
          authorization: `Bearer ${token}`,
          "idempotency-key": key,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}
let op = 0;
async function createAndSubmit(agent: http.Agent): Promise<{ id: string; code: string; submitMs: number }> {
  const n = op++;
  const token = tokens[n % tokens.length] as string;
  const created = await post(agent, "/api/dossiers", token, `bench-c-${n}-${randomUUID()}`, {
    procedureCode: PROCEDURE,
  });
  if (created.status !== 201) throw new Error(`create HTTP ${created.status}: ${created.body.slice(0, 200)}`);
  const { id } = JSON.parse(created.body) as { id: string };
  const t = performance.now();
  const submitted = await post(agent, `/api/dossiers/${id}/submit`, token, `bench-s-${n}-${randomUUID()}`, {
    values: VALUES,
  });
  if (submitted.status !== 200)
    throw new Error(`submit HTTP ${submitted.status}: ${submitted.body.slice(0, 200)}`);
  return { id, code: (JSON.parse(submitted.body) as { code: string }).code, submitMs: performance.now() - t };
}

// ---- Capture one warm submission's statements, with their transactions.
const warm = new http.Agent({ keepAlive: true, maxSockets: 1 });
await createAndSubmit(warm);
op = tokens.length; // the same citizen again: the account is cached, as for every request but a token's first
server.send({ cmd: "capture" });
const sample = await createAndSubmit(warm);
const captured = await ask<Captured[]>("captured", "statements");
// The submit's first statement is the one that claims its key (with the row lock).
const splitAt = captured.findIndex((c) => c.params.some((p) => String(p).startsWith("bench-s-")));
const createStatements = captured.slice(0, splitAt);
const submitStatements = captured.slice(splitAt);
console.log(
  `statements: create ${createStatements.length}, submit ${submitStatements.length} (with warm caches; BEGIN/COMMIT not counted)`,
);

// ---- (a) The same statements, replayed with fresh values through a plain pg pool.
const sampleApplicant = adults[0]?.pn as string;
const paymentId = captured.find((c) => /^\s*insert into "?payments"?/.test(c.sql))?.params[0] as
  | string
  | undefined;
const keys = captured
  .flatMap((c) => c.params)
  .filter((p): p is string => typeof p === "string" && /^bench-[cs]-/.test(p));
function substitute(v: unknown, swap: Array<[string, string]>): unknown {
  if (typeof v === "string") return swap.reduce((s, [from, to]) => s.split(from).join(to), v);
  if (Array.isArray(v)) return v.map((x) => substitute(x, swap));
  return v;
}
type Group = { tx: boolean; statements: Captured[] };
function groups(statements: Captured[]): Group[] {
  const out: Group[] = [];
  for (const s of statements) {
    const last = out.at(-1);
    if (s.tx !== undefined && last?.tx && last.statements[0]?.tx === s.tx) last.statements.push(s);
    else out.push({ tx: s.tx !== undefined, statements: [s] });
  }
  return out;
}
const plan = groups(captured);
/** As the application sends them: named prepared statements (src/db/client.ts). */
const statementNames = new Map<string, string>();
function named(text: string, values: unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (!name) {
    name = `raw_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}
let replays = 0;
async function replay(rawPool: pg.Pool): Promise<number> {
  const n = replays++;
  const swap: Array<[string, string]> = [
    [sample.id, localityId("48")],
    [sample.code, `RAW.${n}.${randomUUID().slice(0, 8)}`],
    [sampleApplicant, adults[n % adults.length]?.pn as string],
    ...keys.map((k): [string, string] => [k, `raw-${n}-${randomUUID()}`]),
    ...(paymentId ? [[paymentId, localityId("48")] as [string, string]] : []),
  ];
  let submitStart = 0;
  for (const g of plan) {
    if (g.statements.includes(submitStatements[0] as Captured)) submitStart = performance.now();
    if (!g.tx) {
      for (const s of g.statements)
        await rawPool.query(named(s.sql, substitute(s.params, swap) as unknown[]));
      continue;
    }
    const c = await rawPool.connect();
    try {
      await c.query("BEGIN");
      for (const s of g.statements) await c.query(named(s.sql, substitute(s.params, swap) as unknown[]));
      await c.query("COMMIT");
    } catch (err) {
      await c.query("ROLLBACK");
      throw err;
    } finally {
      c.release();
    }
  }
  return performance.now() - submitStart;
}

// ---- (b) pgbench: one realistic submission transaction.
// The same form and prefill (with provenance) as the application stored.
const { rows: stored } = await db.query<{ form: string; prefill: string }>(
  "select form::text as form, prefill::text as prefill from dossiers where province_code = '48' and id = $1",
  [sample.id],
);
const form = stored[0]?.form ?? "{}";
const prefill = stored[0]?.prefill ?? "{}";
const pgbenchScript = path.join(dataDir, "submission.sql");
fs.writeFileSync(
  pgbenchScript,
  `\\set i random(1, ${people})
BEGIN;
SELECT p.personal_number AS pn, p.full_name AS name, p.permanent_commune_code AS commune, p.province_code AS province
  FROM bench.people b JOIN persons p ON p.personal_number = b.pn WHERE b.i = :i \\gset
INSERT INTO access_log (subject_number, province_code, actor_kind, actor_id, actor_role, actor_name, purpose, legal_basis, resource, fields)
  VALUES (:pn, :province, 'citizen', :pn, 'citizen', :name, 'prefill', 'Luật Căn cước 2023', 'prefill:' || :pn, '{personalNumber,fullName,birthDate,permanentResidence}');
INSERT INTO dossiers (id, code, procedure_code, procedure_version, province_code, commune_code, agency_code, applicant_number,
    applicant_name, applicant_search_name, created_by_kind, created_by, channel, status, form, prefill, components, fee_amount,
    submitted_at, last_seq)
  VALUES (gen_random_uuid(), 'PGB-' || md5(random()::text || clock_timestamp()::text), '${PROCEDURE}', 1, :province, :commune,
    'UB.' || :commune || '.H48', :pn, :name, lower(:name), 'citizen', :pn, 'online', 'submitted', :form, :prefill, '{}',
    7500, now(), 1) RETURNING id \\gset
INSERT INTO dossier_actions (dossier_id, seq, at, action, actor_kind, actor_id, actor_role, channel, payload, province_code)
  VALUES (:id, 1, now(), 'submit', 'citizen', :pn, 'citizen', 'online', '{"fee": 7500}', :province);
INSERT INTO outbox (topic, key, payload, province_code) VALUES ('dossier.submit', :id, '{"status": "submitted"}', :province);
END;
`,
);

// ---- Measuring: CPU of the PostgreSQL backends of this database, of the application's process.
const TICK_MS = 10; // sysconf(_SC_CLK_TCK) = 100 on Linux
const dbName = new URL(url).pathname.slice(1);
function backendTicks(): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmd.startsWith("postgres: ") || !cmd.includes(` ${dbName} `)) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(Number(pid), Number(f[11]) + Number(f[12]));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
/** Runs `fn` while sampling the backends' CPU; returns fn's result and the backends' CPU in ms. */
async function withBackendCpu<T>(fn: () => Promise<T>): Promise<{ result: T; pgMs: number }> {
  const start = backendTicks();
  const last = new Map(start);
  const timer = setInterval(() => {
    for (const [pid, t] of backendTicks()) last.set(pid, Math.max(t, last.get(pid) ?? 0));
  }, 100);
  try {
    const result = await fn();
    for (const [pid, t] of backendTicks()) last.set(pid, Math.max(t, last.get(pid) ?? 0));
    let ticks = 0;
    for (const [pid, t] of last) ticks += t - (start.get(pid) ?? 0);
    return { result, pgMs: ticks * TICK_MS };
  } finally {
    clearInterval(timer);
  }
}
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

type Side = "ours" | "raw" | "pgbench";
type Phase = {
  n: number;
  ms: number;
  lat: number[];
  submitLat: number[];
  nodeMs: number;
  /** Of nodeMs, in the kernel (sockets). */
  nodeSysMs: number;
  pgMs: number;
};
const results = new Map<string, Phase[]>();
const keep = (side: Side, c: number | string, p: Phase) => {
  const k = `${side}:${c}`;
  results.set(k, [...(results.get(k) ?? []), p]);
};

/** `c` workers doing `one` until `SECONDS` have passed; latencies of each. */
async function closedLoop(c: number, one: () => Promise<number>) {
  const lat: number[] = [];
  const submitLat: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        submitLat.push(await one());
        lat.push(performance.now() - t);
      }
    }),
  );
  return { n: lat.length, ms: performance.now() - t0, lat, submitLat };
}

/**
 * Open loop: arrivals at `rate` per second (Poisson) for `SECONDS`, each running `one`, at most
 * `OPEN_CLIENTS` at once (later arrivals wait their turn); latency from the scheduled arrival.
 */
async function openLoop(rate: number, one: () => Promise<number>) {
  const lat: number[] = [];
  const submitLat: number[] = [];
  const running: Promise<void>[] = [];
  let free = OPEN_CLIENTS;
  const waiting: Array<() => void> = [];
  const t0 = performance.now();
  const end = t0 + SECONDS * 1000;
  for (let next = t0; next < end; next += (-Math.log(1 - Math.random()) * 1000) / rate) {
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const scheduled = next;
    running.push(
      (async () => {
        if (free === 0) await new Promise<void>((r) => waiting.push(r));
        free -= 1;
        try {
          submitLat.push(await one());
          lat.push(performance.now() - scheduled);
        } finally {
          free += 1;
          waiting.shift()?.();
        }
      })(),
    );
  }
  await Promise.all(running);
  return { n: lat.length, ms: performance.now() - t0, lat, submitLat };
}

/** `c` clients in a closed loop, or (`rate`) an open loop at that arrival rate. */
type Load = { c: number; rate?: number };
const drive = (load: Load, one: () => Promise<number>) =>
  load.rate ? openLoop(load.rate, one) : closedLoop(load.c, one);

async function ours(load: Load): Promise<Phase> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: load.c });
  const before = await ask<NodeJS.CpuUsage>("cpu", "cpu");
  const { result, pgMs } = await withBackendCpu(() =>
    drive(load, async () => (await createAndSubmit(agent)).submitMs),
  );
  const after = await ask<NodeJS.CpuUsage>("cpu", "cpu");
  agent.destroy();
  return {
    ...result,
    nodeMs: cpuMs(after) - cpuMs(before),
    nodeSysMs: (after.system - before.system) / 1000,
    pgMs,
  };
}

async function raw(load: Load): Promise<Phase> {
  const rawPool = new pg.Pool({ connectionString: url, max: Math.min(load.c, POOL) });
  try {
    const { result, pgMs } = await withBackendCpu(() => drive(load, () => replay(rawPool)));
    return { ...result, nodeMs: 0, nodeSysMs: 0, pgMs };
  } finally {
    await rawPool.end();
  }
}

/** Connections the server can still open (max_connections, less the reserved and the open ones). */
async function roomOnServer(): Promise<number> {
  const { rows } = await db.query<{ room: number }>(
    `select current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int
       - (select count(*)::int from pg_stat_activity where backend_type = 'client backend') as room`,
  );
  return rows[0]?.room ?? 0;
}

/** pgbench clients run at each concurrency (fewer when the server had no room: other databases' clients). */
const pgbenchClients = new Map<number, number[]>();

async function pgbench(load: Load): Promise<Phase> {
  const c = load.c;
  for (let attempt = 1; ; attempt++) {
    // The server is shared: other databases may hold connections that pgbench's clients need.
    const clients = Math.max(1, Math.min(c, (await roomOnServer()) + 1));
    try {
      const p = await pgbenchRun(clients, load.rate);
      if (!load.rate) pgbenchClients.set(c, [...(pgbenchClients.get(c) ?? []), clients]);
      return p;
    } catch (err) {
      if (attempt >= 5 || !/too many clients/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}

function pgbenchRun(c: number, rate?: number): Promise<Phase> {
  const logDir = fs.mkdtempSync(path.join(dataDir, "pgbench-"));
  const argv = [
    "-n",
    "-M",
    "prepared",
    "-f",
    pgbenchScript,
    "-c",
    String(c),
    "-j",
    String(Math.min(c, 4)),
    "-T",
    String(SECONDS),
    ...(rate ? ["-R", String(rate)] : []),
    "-D",
    `form=${form}`,
    "-D",
    `prefill=${prefill}`,
    "-l",
    "--log-prefix",
    path.join(logDir, "tx"),
    url,
  ];
  return withBackendCpu(
    () =>
      new Promise<string>((resolve, reject) =>
        execFile(PGBENCH as string, argv, { maxBuffer: 1 << 24 }, (err, stdout, stderr) =>
          err ? reject(new Error(`pgbench: ${stderr || err.message}`)) : resolve(stdout),
        ),
      ),
  ).then(({ result: stdout, pgMs }) => {
    const lat: number[] = [];
    for (const f of fs.readdirSync(logDir))
      for (const line of fs.readFileSync(path.join(logDir, f), "utf8").split("\n"))
        if (line) {
          // time (µs); with -R, the schedule lag (the 7th field) counts too.
          const f = line.split(" ");
          lat.push((Number(f[2]) + (rate ? Number(f[6] ?? 0) : 0)) / 1000);
        }
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN);
    return {
      n: lat.length,
      ms: (lat.length / tps) * 1000,
      lat,
      submitLat: lat,
      nodeMs: 0,
      nodeSysMs: 0,
      pgMs,
    };
  });
}

/** Until at most `room` connections of this database are open (the pools' idle ones close after a second). */
async function settle() {
  for (let i = 0; i < 50; i++) {
    const { rows } = await db.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database()",
    );
    if ((rows[0]?.n ?? 0) <= 2) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---- Prefill latency and the first page, then the three sides interleaved.
const prefill1: number[] = [];
for (let i = 0; i < Number(args.prefills); i++) {
  const t = performance.now();
  const res = await fetch(`${base}/api/procedures/1.001193/prefill`, {
    headers: { authorization: `Bearer ${tokens[i % tokens.length]}` },
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`prefill HTTP ${res.status}`);
  prefill1.push(performance.now() - t);
}
prefill1.sort((a, b) => a - b);
const wire = await firstPageBytes();

for (let round = 1; round <= Number(args.rounds); round++) {
  const loads: Load[] = [...LEVELS.map((c) => ({ c })), ...RATES.map((rate) => ({ c: OPEN_CLIENTS, rate }))];
  for (const load of loads) {
    for (const side of ["ours", "raw", "pgbench"] as const) {
      await settle();
      const p = side === "ours" ? await ours(load) : side === "raw" ? await raw(load) : await pgbench(load);
      keep(side, load.rate ? `r${load.rate}` : load.c, p);
      console.log(
        `round ${round}, ${load.rate ? `open loop at ${load.rate}/s` : `${String(load.c).padStart(3)} clients`}, ${side.padEnd(7)} ${(p.n / (p.ms / 1000)).toFixed(0).padStart(5)}/s`,
      );
    }
  }
}

// ---- Report.
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const sum = (ps: Phase[], f: (p: Phase) => number) => ps.reduce((s, p) => s + f(p), 0);
function line(side: Side, c: number | string) {
  const ps = results.get(`${side}:${c}`) ?? [];
  const n = sum(ps, (p) => p.n);
  const rate = n / (sum(ps, (p) => p.ms) / 1000);
  const lat = sorted(ps.flatMap((p) => p.lat));
  const sub = sorted(ps.flatMap((p) => p.submitLat));
  return {
    rate,
    p50: percentile(lat, 0.5),
    p99: percentile(lat, 0.99),
    s50: percentile(sub, 0.5),
    s99: percentile(sub, 0.99),
    node: sum(ps, (p) => p.nodeMs) / n,
    nodeSys: sum(ps, (p) => p.nodeSysMs) / n,
    pg: sum(ps, (p) => p.pgMs) / n,
  };
}
const f1 = (x: number) => x.toFixed(1);
console.log(`
prefill (GET /api/procedures/1.001193/prefill, ${prefill1.length} calls): p50 ${f1(percentile(prefill1, 0.5))} ms, p99 ${f1(percentile(prefill1, 0.99))} ms
first page on the wire (index.html and the assets it names, brotli): ${wire.toLocaleString("en")} bytes
statements per create ${createStatements.length}, per submit ${submitStatements.length}
${[...pgbenchClients]
  .filter(([c, used]) => used.some((u) => u < c))
  .map(
    ([c, used]) =>
      `pgbench at ${c}: ${used.join(", ")} clients (the server's connection limit, shared with other databases)\n`,
  )
  .join(
    "",
  )}${Number(args.rounds)} rounds of ${SECONDS} s per side and concurrency, interleaved; latency of create+submit (ours), of the replay (raw), of the transaction (pgbench)

clients  side      subm/s   p50 ms   p99 ms  submit p50  submit p99  node ms/subm (kernel)  pg ms/subm  ours/side`);
// Open loops (`r<rate>`): the same arrival rate on every side, so the last column compares p99s.
for (const c of [...LEVELS, ...RATES.map((r) => `r${r}`)]) {
  const o = line("ours", c);
  const open = typeof c === "string";
  if (open && c === `r${RATES[0]}`)
    console.log(
      `\nopen loop: r<arrivals per second>, at most ${OPEN_CLIENTS} in flight; latency from the scheduled arrival; last column: ours p99 ÷ side p99`,
    );
  for (const side of ["ours", "raw", "pgbench"] as const) {
    const l = line(side, c);
    const ratio = open ? o.p99 / l.p99 : o.rate / l.rate;
    console.log(
      `${String(c).padStart(7)}  ${side.padEnd(8)} ${l.rate.toFixed(0).padStart(6)} ${f1(l.p50).padStart(8)} ${f1(l.p99).padStart(8)} ${
        side === "ours" ? `${f1(l.s50).padStart(11)} ${f1(l.s99).padStart(11)}` : " ".repeat(24)
      } ${side === "ours" ? `${f1(l.node).padStart(13)} (${f1(l.nodeSys).padStart(4)})` : " ".repeat(22)} ${f1(l.pg).padStart(11)}  ${side === "ours" ? "" : ratio.toFixed(2)}`,
    );
  }
}

async function firstPageBytes(): Promise<number> {
  const get = (p: string) =>
    new Promise<{ bytes: Buffer; encoding: string | undefined }>((resolve, reject) =>
      http
        .get({ host: "127.0.0.1", port, path: p, headers: { "accept-encoding": "br, gzip" } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ bytes: Buffer.concat(chunks), encoding: res.headers["content-encoding"] }),
          );
        })
        .on("error", reject),
    );
  const html = await get("/");
  const text = (
    html.encoding === "br"
      ? brotliDecompressSync(html.bytes)
      : html.encoding === "gzip"
        ? gunzipSync(html.bytes)
        : html.bytes
  ).toString();
  const assets = [...text.matchAll(/(?:src|href)="(\/app\/[^"]+)"/g)].map((m) => m[1] as string);
  let total = html.bytes.length;
  for (const a of assets) total += (await get(a)).bytes.length;
  return total;
}

const exited = new Promise((r) => (server as ChildProcess).once("exit", r));
server.send({ cmd: "close" });
await exited;
await db.close();
fs.rmSync(dataDir, { recursive: true, force: true });

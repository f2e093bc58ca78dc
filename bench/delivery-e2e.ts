/**
 * Delivery end to end (issue 11, "Measure"): citizens submit dossiers over HTTP at a fixed rate
 * (create + submit of a confirmation of marital status, real sessions of the demo provider), the
 * application's own background dispatcher delivers the messages those submissions wrote (the
 * dossier's `dossier.*` messages: claimed, an inbox row for a topic with a receiver, marked
 * delivered), and the delivery lag (delivered_at − created_at) p50/p99 is read from the outbox.
 * Next to it, in the same run and with the same dispatcher: the raw side, the same number of
 * messages written straight into the outbox (one transaction each, no HTTP) at the same message
 * rate. Then messages applied per second: the dispatcher draining a backlog of write-back-sized
 * messages with an effect (an insert) vs the raw database running the same statements.
 * The application and the HTTP clients share this process (2 cores here); the dispatcher too, or
 * with `--dispatcher separate` (PostgreSQL only) it runs as `npm run dispatcher` in a process of its
 * own, woken through the database, as a deployment with OUTBOX_DISPATCHER=separate runs it. With
 * `--server separate` (implies `--dispatcher separate`) the application also runs in a process of its
 * own (bench/server.ts), so that the HTTP clients of this process do not share its thread: the
 * deployment's shape, three processes (clients, server, dispatcher).
 * Usage: [DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres] npx tsx bench/delivery-e2e.ts
 *          [--rate 100] [--seconds 10] [--poll-ms 100] [--messages 2000] [--dispatcher in-process|separate]
 *          [--server in-process|separate]
 */
import { fork, spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.js";
import { migrate } from "../src/db/migrate.js";
import { loadStarterCatalogue } from "../src/modules/catalog/index.js";
import { Delivery, enqueue } from "../src/modules/delivery/index.js";
import { loadUnits } from "../src/modules/units/index.js";
import { buildApp } from "../src/server/app.js";
import { insertFixtures, people } from "../test/helpers/fixtures.js";
import { Browser, freePort } from "../test/helpers/server.js";
import { openBenchDb, timed } from "./lib.js";

const { values } = parseArgs({
  options: {
    rate: { type: "string", default: "100" },
    seconds: { type: "string", default: "10" },
    "poll-ms": { type: "string", default: "100" },
    messages: { type: "string", default: "2000" },
    dispatcher: { type: "string", default: "in-process" },
    server: { type: "string", default: "in-process" },
  },
});
const serverApart = values.server === "separate";
const separate = serverApart || values.dispatcher === "separate";
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const pollMs = Number(values["poll-ms"]);
const n = Number(values.messages);
const VALUES = {
  "person.maritalStatus": "single",
  purpose: "Để đăng ký kết hôn",
  copies: 1,
  "declaration.sworn": true,
};

const { db, dispose, engine, env } = await openBenchDb();
await migrate(db);
await loadUnits(db);
await loadStarterCatalogue(db);
await insertFixtures(db);
const port = await freePort();
const serverEnv = {
  ...process.env,
  ...env,
  DEMO: "on",
  LOG_LEVEL: "silent",
  OUTBOX_POLL_MS: String(pollMs),
  RATE_LIMIT_PUBLIC_PER_MINUTE: "1000000",
  RATE_LIMIT_SIGNIN_PER_MINUTE: "1000",
};
const config = loadConfig(serverEnv, { port, host: "127.0.0.1" });
if (separate && engine !== "postgres") throw new Error("--dispatcher separate needs DATABASE_URL");
// The application: in this process, or (--server separate) in its own, told to leave delivery to
// the dispatcher process.
const app = serverApart
  ? undefined
  : await buildApp({ config, db, logger: false, delivery: separate ? "separate" : "background" });
await app?.listen({ port, host: "127.0.0.1" });
const server = serverApart
  ? fork(path.join(import.meta.dirname, "server.ts"), [], {
      execArgv: ["--import", "tsx"],
      env: { ...serverEnv, PORT: String(port), PUBLIC_URL: config.publicUrl, BENCH_DELIVERY: "separate" },
    })
  : undefined;
if (server) {
  process.on("exit", () => server.kill());
  await new Promise<void>((resolve) => server.on("message", (m: { ready?: number }) => m.ready && resolve()));
}
// `npm run dispatcher`, with the same settings, in a process of its own.
const dispatcher = separate
  ? spawn(process.execPath, ["--import", "tsx", "src/cli/dispatcher.ts"], {
      env: serverEnv,
      stdio: ["ignore", "ignore", "inherit"],
    })
  : undefined;
// The dispatcher process is ready when it has delivered a probe: the submissions' lag must not
// include its start (a few seconds of tsx and the wiring).
if (dispatcher) {
  await db.tx((q) => enqueue(q, { topic: "bench.probe", key: "probe", payload: {}, provinceCode: "48" }));
  await settle("topic = 'bench.probe'", []);
}
const citizens = await Promise.all(
  [people.mother, people.father, people.worker, people.neighbour, people.capital].map(async (p) => {
    const b = new Browser(config.publicUrl);
    await b.signIn(p.pn);
    return b;
  }),
);

type Lag = { n: number; p50: number; p99: number; max: number };
async function lagOf(where: string, params: unknown[]): Promise<Lag> {
  const { rows } = await db.query<Lag>(
    `select count(*)::int as n, percentile_cont(0.5) within group (order by ms) as p50,
       percentile_cont(0.99) within group (order by ms) as p99, max(ms) as max
     from (select extract(epoch from delivered_at - created_at) * 1000 as ms from outbox
           where province_code = '48' and state = 'delivered' and ${where}) t`,
    params,
  );
  const l = rows[0];
  if (!l) throw new Error("no lag");
  return l;
}
async function settle(where: string, params: unknown[]) {
  for (;;) {
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from outbox where province_code = '48' and state = 'pending' and ${where}`,
      params,
    );
    if ((rows[0]?.n ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
/**
 * Runs `fire(i)` `total` times at `perSecond`, without waiting for one to start the next, but with
 * at most `maxInFlight` at once (an overloaded server slows the offered rate instead of piling up
 * connections); returns the seconds it took.
 */
async function paced(total: number, perSecond: number, fire: (i: number) => Promise<void>, maxInFlight = 64) {
  const started = Date.now();
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / perSecond - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    const p: Promise<void> = fire(i).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return (Date.now() - started) / 1000;
}

// 1. End to end: submissions over HTTP at `rate`/s; the app's dispatcher delivers their messages.
const since = new Date();
let failed = 0;
const latencies: number[] = [];
const wrote = await paced(rate * seconds, rate, async (i) => {
  const who = citizens[i % citizens.length] as Browser;
  const t = performance.now();
  try {
    const d = await who.send<{ id: string }>("POST", "/api/dossiers", {
      procedureCode: "LOCAL.XAC-NHAN-TTHN",
    });
    const s =
      d.status === 201 ? await who.send("POST", `/api/dossiers/${d.body.id}/submit`, { values: VALUES }) : d;
    if (s.status !== 200) failed += 1;
  } catch {
    failed += 1;
  }
  latencies.push(performance.now() - t);
});
const submissions = rate * seconds - failed;
await settle("topic like 'dossier.%' and created_at >= $1", [since]);
const e2e = await lagOf("topic like 'dossier.%' and created_at >= $1", [since]);
latencies.sort((a, b) => a - b);
const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0;
console.log(
  `engine ${engine}: ${submissions} submissions over HTTP (create + submit) at ${((rate * seconds) / wrote).toFixed(0)}/s ` +
    `for ${wrote.toFixed(1)} s (${failed} failed; submission p50 ${p(0.5).toFixed(0)} ms, p99 ${p(0.99).toFixed(0)} ms), ` +
    `${e2e.n} messages, server ${serverApart ? "in its own process" : "in the bench's process"}, dispatcher ${separate ? "in its own process" : "in the server process"} polling every ${pollMs} ms: delivery lag p50 ${e2e.p50.toFixed(0)} ms, ` +
    `p99 ${e2e.p99.toFixed(0)} ms, max ${e2e.max.toFixed(0)} ms`,
);

// Where the lag is: per topic.
const { rows: byTopic } = await db.query<{ topic: string; n: number; p50: number; p99: number }>(
  `select topic, count(*)::int as n,
     percentile_cont(0.5) within group (order by extract(epoch from delivered_at - created_at) * 1000) as p50,
     percentile_cont(0.99) within group (order by extract(epoch from delivered_at - created_at) * 1000) as p99
   from outbox where province_code = '48' and state = 'delivered' and topic like 'dossier.%' and created_at >= $1
   group by topic order by topic`,
  [since],
);
for (const t of byTopic)
  console.log(`  ${t.topic}: ${t.n} messages, lag p50 ${t.p50.toFixed(0)} ms, p99 ${t.p99.toFixed(0)} ms`);

// 2. Raw, same run, same dispatcher: as many messages written straight into the outbox at the same rate.
const perSecond = e2e.n / wrote;
await paced(e2e.n, perSecond, (i) =>
  db.tx(async (q) => {
    await enqueue(q, { topic: "bench.raw_lag", key: `raw-${i}`, payload: { i }, provinceCode: "48" });
  }),
);
await settle("topic = 'bench.raw_lag'", []);
const raw = await lagOf("topic = 'bench.raw_lag'", []);
console.log(
  `engine ${engine}: raw: ${raw.n} messages written straight into the outbox at ${perSecond.toFixed(0)}/s, ` +
    `same dispatcher: delivery lag p50 ${raw.p50.toFixed(0)} ms, p99 ${raw.p99.toFixed(0)} ms, max ${raw.max.toFixed(0)} ms`,
);
await app?.close();
server?.send({ cmd: "close" });
dispatcher?.kill("SIGTERM");

// 3. Applied per second: a backlog of n messages with an effect, drained by one dispatcher, vs raw statements.
await db.query(
  "create table bench_effects (province_code text, message_id bigint, primary key (province_code, message_id))",
);
const effect = (q: { query: typeof db.query }, id: number) =>
  q.query("insert into bench_effects (province_code, message_id) values ('48', $1)", [id]);
const backlog = (topic: string) =>
  db.tx(async (q) => {
    for (let i = 0; i < n; i++)
      await enqueue(q, { topic, key: `dossier-${i % 500}`, payload: { i }, provinceCode: "48" });
  });
await backlog("bench.apply");
const d = new Delivery({ db, settings: { batch: 100 } });
d.registerHandler("bench.apply", async (q, m) => void (await effect(q, m.id)));
const drained = await timed(() => d.drainOnce());
await backlog("bench.raw");
const { rows: ids } = await db.query<{ id: number }>(
  "select id from outbox where province_code = '48' and topic = 'bench.raw' order by id",
);
const rawRun = await timed(async () => {
  for (const { id } of ids)
    await db.tx(async (q) => {
      await q.query("select state from outbox where province_code = '48' and id = $1 for update", [id]);
      await q.query(
        "insert into inbox (province_code, message_id, topic, received_at) values ('48', $1, 'bench.raw', now())",
        [id],
      );
      await effect(q, id);
      await q.query(
        "update outbox set state = 'delivered', delivered_at = now() where province_code = '48' and id = $1",
        [id],
      );
    });
});
const ours = (n / drained.ms) * 1000;
const rawRate = (ids.length / rawRun.ms) * 1000;
console.log(
  `engine ${engine}: ${n} messages applied by one dispatcher: ${ours.toFixed(0)}/s; the raw database doing the same ` +
    `statements: ${rawRate.toFixed(0)}/s (ratio ${(ours / rawRate).toFixed(2)})`,
);
await db.close();
await dispose();

import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadConfig } from "./src/config.js";
import { openDb } from "./src/db/client.js";
import { localityId } from "./src/kernel/locality.js";
import { buildApp } from "./src/server/app.js";
import { accessToken, Browser, freePort } from "./test/helpers/server.js";

const url = "postgres://postgres@127.0.0.1:5432/ml_bench_small";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "prof-"));
const db = await openDb({ databaseUrl: url, dataDir, poolSize: 5 });
const port = await freePort();
const config = loadConfig(
  {
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    RATE_LIMIT_SIGNIN_PER_MINUTE: "10000",
  },
  { port, host: "127.0.0.1" },
);
const app = await buildApp({ config, db, logger: false });
await app.listen({ port, host: "127.0.0.1" });
const base = `http://127.0.0.1:${port}`;
const { rows } = await db.query<{ pn: string }>(
  "select personal_number as pn from persons where birth_date < '2000-01-01' and deceased_on is null order by personal_number limit 1",
);
const pn = rows[0]!.pn;
const b = new Browser(base);
await b.signIn(pn);
const token = await accessToken(b, base, dataDir);
const send = async (p: string, body: unknown, key: string) => {
  const r = await fetch(base + p, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "idempotency-key": key },
    body: JSON.stringify(body),
  });
  return r.json() as Promise<any>;
};
const VALUES = {
  "person.maritalStatus": "single",
  purpose: "Để đăng ký kết hôn",
  copies: 1,
  "declaration.sworn": true,
};
await send("/api/dossiers", { procedureCode: "LOCAL.XAC-NHAN-TTHN" }, "warm-" + randomUUID());
const cap: Array<{ sql: string; params: unknown[]; tx?: number }> = [];
const stop = db.observe((sql, params, tx) => cap.push({ sql, params: [...params], tx }));
const kc = "kc-" + randomUUID(),
  ks = "ks-" + randomUUID();
const d = await send("/api/dossiers", { procedureCode: "LOCAL.XAC-NHAN-TTHN" }, kc);
const s = await send(`/api/dossiers/${d.id}/submit`, { values: VALUES }, ks);
stop();
const payment = cap.find((c) => /insert into payments/.test(c.sql))?.params[0] as string;
const client = new pg.Client({ connectionString: url });
await client.connect();
const totals = new Map<number, { plan: number; exec: number; wall: number }>();
const N = Number(process.argv[2] ?? 30);
for (let i = 0; i < N; i++) {
  const swap: Array<[string, string]> = [
    [d.id, localityId("48")],
    [s.code, "X" + randomUUID()],
    [kc, "a" + randomUUID()],
    [ks, "b" + randomUUID()],
    [payment, localityId("48")],
  ];
  const sub = (v: unknown): unknown =>
    typeof v === "string"
      ? swap.reduce((x, [f, t]) => x.split(f).join(t), v)
      : Array.isArray(v)
        ? v.map(sub)
        : v;
  await client.query("begin");
  for (const [j, c] of cap.entries()) {
    const t = performance.now();
    const r = await client.query(`explain (analyze, format json) ${c.sql}`, sub(c.params) as unknown[]);
    const wall = performance.now() - t;
    const plan = (r.rows[0]["QUERY PLAN"] as any)[0];
    const e = totals.get(j) ?? { plan: 0, exec: 0, wall: 0 };
    e.plan += plan["Planning Time"];
    e.exec += plan["Execution Time"];
    e.wall += wall;
    totals.set(j, e);
  }
  await client.query("rollback");
}
for (const [j, c] of cap.entries()) {
  const e = totals.get(j)!;
  console.log(
    `${(e.plan / N).toFixed(3)} plan ${(e.exec / N).toFixed(3)} exec ${(e.wall / N).toFixed(3)} wall  ${c.sql.replace(/\s+/g, " ").slice(0, 90)}`,
  );
}
await client.end();
await app.close();
await db.close();

/**
 * The README's journey over real HTTP against a running server, step by step, printing each
 * step's status: written for the Citus check (docs/scaling.md), usable against any server started
 * with demo data. A mother with a waiting birth notice signs in through the OIDC provider, starts
 * the birth registration (prefilled), submits; the commune's receiver, specialist and leader take
 * it to the returned result; the result PDF and its verification; the registry write-back (the
 * child's new personal number, delivered through the outbox); the queues by commune and province;
 * the leader views; the virtual assistant with her facts; her access list.
 *   BASE_URL=http://127.0.0.1:3100 DATABASE_URL=postgres://…/motlan npx tsx bench/citus-journey.ts
 * Exits 1 at the first step that does not answer as expected.
 */
import pg from "pg";
import { BIRTH_VALUES } from "../test/helpers/fixtures.js";
import { Browser } from "../test/helpers/server.js";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3100";
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });

// A parent whose waiting birth notice no dossier holds yet (the notice is kept under each parent;
// read in two steps: the tables are distributed by different keys).
const filed = await pool.query<{ key: string }>(
  "select life_event_key as key from dossiers where life_event_key like 'birth-notice:%'",
);
const taken = new Set(filed.rows.map((r) => r.key.slice("birth-notice:".length)));
const found = await pool.query<{ id: string; mother: string; commune: string; province: string }>(
  `select b.id, b.personal_number as mother, p.permanent_commune_code as commune, p.province_code as province
     from birth_notices b join persons p on p.personal_number = b.personal_number
    where not b.registered and p.deceased_on is null
    order by b.id limit 200`,
);
const who = found.rows.find((r) => !taken.has(r.id));
if (!who) throw new Error("No waiting birth notice: seed first (npm run seed).");

let failed = false;
async function step<T>(title: string, expected: number, run: () => Promise<{ status: number; body: T }>) {
  const t0 = performance.now();
  const r = await run();
  const ms = (performance.now() - t0).toFixed(0);
  const ok = r.status === expected;
  console.log(`${ok ? "ok  " : "FAIL"} ${r.status} ${title} (${ms} ms)`);
  if (!ok) {
    console.log(JSON.stringify(r.body).slice(0, 600));
    failed = true;
    await pool.end();
    process.exit(1);
  }
  return r.body;
}

async function signedIn(login: string): Promise<Browser> {
  const b = new Browser(base);
  await step(`sign in ${login}`, 200, async () => {
    const r = await b.signIn(login);
    return { status: r.status, body: null };
  });
  return b;
}
type View = {
  id: string;
  code: string | null;
  status: string;
  fields: Array<{ key: string; value: unknown }>;
};
const act = (b: Browser, id: string, action: string) => () =>
  b.send<View>("POST", `/api/dossiers/${id}/actions`, { action });

const mother = await signedIn(who.mother);
const created = await step("create birth registration (prefilled)", 201, () =>
  mother.send<View>("POST", "/api/dossiers", { procedureCode: "1.001193" }),
);
const prefilled = created.fields.filter((f) => f.value !== null && f.value !== "").length;
console.log(`     ${prefilled} of ${created.fields.length} fields prefilled`);
const submitted = await step("submit", 200, () =>
  mother.send<View>(
    "POST",
    `/api/dossiers/${created.id}/submit`,
    { values: { ...BIRTH_VALUES, "child.homeTown": "Xã Hải Vân, thành phố Đà Nẵng" } },
    { "idempotency-key": `citus-${created.id}` },
  ),
);
console.log(`     code ${submitted.code}`);

const receiver = await signedIn(`motcua.${who.commune}`);
const leader = await signedIn(`lanhdao.${who.commune}`);
const provinceLeader = await signedIn(`lanhdao.tinh.${who.province}`);
await step("queue of the commune", 200, () => receiver.send("GET", "/api/officer/dossiers?limit=20"));
await step("queue of the province", 200, () => provinceLeader.send("GET", "/api/officer/dossiers?limit=20"));
await step("receive", 200, act(receiver, created.id, "receive"));
await step("forward", 200, act(receiver, created.id, "forward"));
await step("approve", 200, act(leader, created.id, "approve"));
await step("issue result", 200, act(leader, created.id, "issue_result"));
await step("return result", 200, act(receiver, created.id, "return_result"));
const result = await step("the result", 200, () =>
  mother.send<{ number: string; downloadUrl: string }>("GET", `/api/dossiers/${created.id}/result`),
);
await step("the result's PDF", 200, async () => {
  const r = await mother.fetch(result.downloadUrl);
  const bytes = (await r.arrayBuffer()).byteLength;
  console.log(`     ${bytes} bytes`);
  return { status: r.status, body: null };
});
await step("verify by number (anonymous)", 200, () =>
  new Browser(base).send("GET", `/api/results/${encodeURIComponent(result.number)}`),
);

// The write-back is delivered by the dispatcher: wait for the child's personal number (at most 20 s).
let child: string | null = null;
for (let i = 0; i < 40 && !child; i++) {
  const r = await pool.query<{ child_number: string | null }>(
    "select child_number from birth_notices where personal_number = $1 and id = $2 and registered",
    [who.mother, who.id],
  );
  child = r.rows[0]?.child_number ?? null;
  if (!child) await new Promise((res) => setTimeout(res, 500));
}
console.log(`${child ? "ok  " : "FAIL"}     the child's new personal number: ${child ?? "none after 20 s"}`);
if (!child) failed = true;

await step("my dossiers", 200, () => mother.send("GET", "/api/me/dossiers"));
await step("my access list", 200, () => mother.send("GET", "/api/me/access-log"));
await step("assistant with her facts", 200, () =>
  mother.send("POST", "/api/assistant", { text: "vừa sinh con" }),
);
await step("leader view (commune)", 200, () => leader.send("GET", "/api/leader/overview"));
await step("leader view (province)", 200, () => provinceLeader.send("GET", "/api/leader/overview"));
await pool.end();
process.exit(failed ? 1 : 0);

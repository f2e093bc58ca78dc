/**
 * The README's journey over real HTTP against a running server, step by step, printing each
 * step's status: written for the Citus check (docs/scaling.md), usable against any server started
 * with demo data. A mother with a waiting birth notice signs in through the OIDC provider, starts
 * the birth registration (prefilled), submits; the commune's receiver, specialist and leader take
 * it to the returned result; the result PDF and its verification; the registry write-back (the
 * child's new personal number, delivered through the outbox); the queues by commune and province;
 * the leader views; feedback on the finished dossier and its answer; the virtual assistant with her
 * facts; her access list. Then what landed after
 * migration 190: a second mother's linked birth group (birth → residence → the child's
 * health-insurance card; the dependent steps started by the exchange, the card step to its
 * result), the apology slip on a late open dossier of the province (a generated history has
 * some), and the KPI open data, Decision 766 index, drill-down and forecast.
 *   BASE_URL=http://127.0.0.1:3100 DATABASE_URL=postgres://…/motlan npx tsx bench/citus-journey.ts
 * Exits 1 at the first step that does not answer as expected.
 */
import pg from "pg";
import { BIRTH_VALUES } from "../test/helpers/fixtures.js";
import { Browser } from "../test/helpers/server.js";
import { spouseJourney } from "./citus-spouse.js";

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
    where not b.registered and p.deceased_on is null and b.personal_number = b.mother_number
    order by b.id limit 200`,
);
const waiting = found.rows.filter((r) => !taken.has(r.id));
const who = waiting[0];
// A second mother, for the linked group (another newborn: another mother).
const second = waiting.find((r) => r.mother !== who?.mother);
if (!who || !second) throw new Error("No two waiting birth notices: seed first (npm run seed).");
console.log(`     mothers: ${who.mother} (notice ${who.id}), ${second.mother} (notice ${second.id})`);

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
  availableActions?: string[];
  apology?: { reason: string; newDueAt: string } | null;
};
const act = (b: Browser, id: string, action: string) => () =>
  b.send<View>("POST", `/api/dossiers/${id}/actions`, { action });

const mother = await signedIn(who.mother);
const created = await step("create birth registration (prefilled)", 201, () =>
  mother.send<View>("POST", "/api/dossiers", { procedureCode: "1.001193" }),
);
// Only what the registries did not fill is sent: a registry value sent changed (the child's
// ethnicity follows the parents', say) is refused as PREFILL_TAMPERED.
function unfilled(values: Record<string, unknown>, fields: View["fields"]): Record<string, unknown> {
  const asked = new Set(fields.filter((f) => f.value === null || f.value === "").map((f) => f.key));
  const all = { ...values, "child.homeTown": "Xã Hải Vân, thành phố Đà Nẵng" };
  return Object.fromEntries(Object.entries(all).filter(([k]) => asked.has(k)));
}
const prefilled = created.fields.filter((f) => f.value !== null && f.value !== "").length;
console.log(`     ${prefilled} of ${created.fields.length} fields prefilled`);
const submitted = await step("submit", 200, () =>
  mother.send<View>(
    "POST",
    `/api/dossiers/${created.id}/submit`,
    { values: unfilled(BIRTH_VALUES, created.fields) },
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

// Feedback on the finished dossier (dossier_complaints, distributed by province): the mother sends
// one, the commune's receiver answers it; both read the list by the dossier's province and id.
type Complaints = { items: Array<{ id: string; status: string; answeredOnTime: boolean | null }> };
const complained = await step("feedback on the finished dossier (citizen)", 201, () =>
  mother.send<Complaints>(
    "POST",
    `/api/dossiers/${created.id}/complaints`,
    { text: "Kết quả trả chậm hơn tôi mong đợi, đề nghị xem lại quy trình." },
    { "idempotency-key": `citus-complaint-${created.id}` },
  ),
);
const complaintId = complained.items[0]?.id ?? "";
const answered = await step("answer to the feedback (receiver)", 200, () =>
  receiver.send<Complaints>("POST", `/api/dossiers/${created.id}/complaints/${complaintId}/answer`, {
    text: "Cảm ơn ông/bà, Ủy ban đã rà soát và rút ngắn bước chuyển hồ sơ.",
  }),
);
console.log(`     ${answered.items[0]?.status}, on time: ${answered.items[0]?.answeredOnTime}`);

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

await linkedGroup();
await spouseJourney({ pool, step, signedIn });
await apology();
await kpis();
await pool.end();
process.exit(failed ? 1 : 0);

/** Waits (at most 30 s) until `ready` answers true; prints the wait. */
async function waitFor(title: string, ready: () => Promise<boolean>): Promise<void> {
  const t0 = performance.now();
  for (let i = 0; i < 60; i++) {
    if (await ready()) {
      console.log(`ok       ${title} (${(performance.now() - t0).toFixed(0)} ms)`);
      return;
    }
    await new Promise((res) => setTimeout(res, 500));
  }
  console.log(`FAIL     ${title}: not after 30 s`);
  failed = true;
}

/**
 * Since migrations 191–340: the birth group (birth registration → permanent residence → the
 * child's health-insurance card) in one application; the birth step through the commune, then the
 * two dependent steps started by the exchange (the child's number, `linked.advance`), the card
 * step taken to its result.
 */
async function linkedGroup(): Promise<void> {
  if (!second) return;
  type Group = {
    id: string;
    state: string;
    steps: Array<{ key: string; state: string; status: string | null; dossierId: string | null }>;
  };
  const parent = await signedIn(second.mother);
  // The combined form's birth part, as the web builds it: the prefill preview of the birth
  // registration from her notice; only the fields it leaves empty are answered.
  const members = ["residence", "insurance"];
  const preview = await step("linked group: the birth form's prefill", 200, () =>
    parent.send<{ fields: View["fields"] }>("GET", `/api/procedures/1.001193/prefill?notice=${second.id}`),
  );
  const shared = unfilled(BIRTH_VALUES, preview.fields);
  const filed = await step("linked group: birth + residence + health-insurance card", 201, () =>
    parent.send<{ id: string }>(
      "POST",
      "/api/linked-applications",
      {
        group: "birth",
        members,
        shared,
        values: {
          residence: {
            request: "join_household",
            "member.relationshipToHead": "con",
            "household.headConsent": true,
          },
          insurance: { "healthcare.facility": "Trạm y tế xã" },
        },
      },
      { "idempotency-key": `citus-group-${second.id}` },
    ),
  );
  const group = () => parent.send<Group>("GET", `/api/linked-applications/${filed.id}`);
  const stepOf = (g: Group, key: string) => g.steps.find((x) => x.key === key);
  const g0 = await step("the group (citizen's page)", 200, group);
  console.log(`     ${g0.steps.map((x) => `${x.key}:${x.state}`).join(", ")}`);
  const birthId = stepOf(g0, "birth")?.dossierId as string;
  const desk = await signedIn(`motcua.${second.commune}`);
  const head = await signedIn(`lanhdao.${second.commune}`);
  await step("group birth step: receive", 200, act(desk, birthId, "receive"));
  await step("group birth step: forward", 200, act(desk, birthId, "forward"));
  await step("group birth step: approve", 200, act(head, birthId, "approve"));
  await step("group birth step: issue result", 200, act(head, birthId, "issue_result"));
  let g = g0;
  await waitFor("residence and card steps started by the exchange", async () => {
    g = (await group()).body;
    // Started and submitted (a step is claimed as started before its submission); the group
    // receives a started step itself when its rules need no human decision at receipt.
    return ["residence", "insurance"].every((k) =>
      ["submitted", "received"].includes(stepOf(g, k)?.status ?? ""),
    );
  });
  console.log(`     ${g.steps.map((x) => `${x.key}:${x.state}`).join(", ")}`);
  const residence = stepOf(g, "residence")?.dossierId;
  const card = stepOf(g, "insurance")?.dossierId;
  if (!residence || !card) return;
  if (stepOf(g, "residence")?.status === "submitted")
    await step("group residence step: receive", 200, act(desk, residence, "receive"));
  if (stepOf(g, "insurance")?.status === "submitted")
    await step("group card step: receive", 200, act(desk, card, "receive"));
  console.log(
    `     received by the group: ${["residence", "insurance"].filter((k) => stepOf(g, k)?.status === "received").join(", ") || "none"}`,
  );
  await step("group card step: forward", 200, act(desk, card, "forward"));
  await step("group card step: approve", 200, act(head, card, "approve"));
  await step("group card step: issue result", 200, act(head, card, "issue_result"));
  await waitFor("card step done in the group", async () => {
    g = (await group()).body;
    return stepOf(g, "insurance")?.state === "done";
  });
  await step("the group on the officer's dossier page", 200, () =>
    desk.send("GET", `/api/dossiers/${residence}/linked-group`),
  );
  await step("leader: linked groups near due or late", 200, () =>
    head.send("GET", "/api/leader/linked-groups"),
  );
}

/** The apology slip on an open dossier of the province that is near due or late (the history's). */
async function apology(): Promise<void> {
  if (!who) return;
  const { rows } = await pool.query<{ id: string; commune: string; due: Date }>(
    `select id, commune_code as commune, due_at as due from dossiers
      where province_code = $1 and near_due_at <= now()
        and status in ('received', 'in_processing', 'supplemented', 'approved')
      order by due_at desc limit 5`,
    [who.province],
  );
  // One not apologised for yet, if any (a second run of the script finds the first one's).
  let d: (typeof rows)[number] | undefined;
  let specialist: Browser | undefined;
  for (const r of rows) {
    const b = await signedIn(`chuyenvien.${r.commune}`);
    const v = await b.send<View>("GET", `/api/dossiers/${r.id}`);
    if (!d || v.body.apology == null) [d, specialist] = [r, b];
    if (v.body.apology == null) break;
  }
  if (!d || !specialist) {
    console.log("skip     apology slip: no open dossier near due or late in the province (seed a history)");
    return;
  }
  const officer = specialist;
  const late = d;
  const view = await step("a late dossier (specialist)", 200, () =>
    officer.send<View>("GET", `/api/dossiers/${late.id}`),
  );
  console.log(`     offers apologize: ${view.availableActions?.includes("apologize")}`);
  const newDueAt = new Date(
    Math.max(Date.now(), new Date(late.due).getTime()) + 3 * 86_400_000,
  ).toISOString();
  const sent = await step("apology slip", 200, () =>
    officer.send<View>("POST", `/api/dossiers/${late.id}/actions`, {
      action: "apologize",
      reason: "Cần xác minh thêm thông tin với cơ quan khác.",
      newDueAt,
    }),
  );
  console.log(`     apology: ${JSON.stringify(sent.apology)}`);
}

/** The KPI open data and the leaders' figures, from the rollups (distributed by province). */
async function kpis(): Promise<void> {
  if (!who) return;
  const to = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const from = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
  const period = `from=${from}&to=${to}`;
  const anonymous = new Browser(base);
  const national = await step("open KPIs, national", 200, () =>
    anonymous.send<Record<string, unknown>>("GET", `/api/open/kpis?level=national&${period}`),
  );
  console.log(`     received ${national.received}, onTimeShare ${national.onTimeShare}`);
  await step("open KPIs, province", 200, () =>
    anonymous.send("GET", `/api/open/kpis?level=province&code=${who.province}&${period}`),
  );
  await step("open KPIs, commune", 200, () =>
    anonymous.send("GET", `/api/open/kpis?level=commune&code=${who.commune}&${period}`),
  );
  await step("open KPIs, table of provinces", 200, () =>
    anonymous.send("GET", `/api/open/kpis/table?level=province&${period}`),
  );
  await step("open KPIs, table of a province's communes", 200, () =>
    anonymous.send("GET", `/api/open/kpis/table?level=commune&code=${who.province}&${period}`),
  );
  await step("open Decision 766 index, national", 200, () =>
    anonymous.send("GET", `/api/open/index766?level=national&${period}`),
  );
  await step("leader drill-down (late dossiers of the province)", 200, () =>
    provinceLeader.send(
      "GET",
      `/api/leader/kpis/dossiers?figure=onTimeShare&part=rest&level=province&code=${who.province}&${period}`,
    ),
  );
  await step("leader drill-down (feedback answered on time, commune)", 200, () =>
    leader.send(
      "GET",
      `/api/leader/kpis/dossiers?figure=complaintsOnTimeShare&part=hit&level=commune&code=${who.commune}&${period}`,
    ),
  );
  await step("leader forecast (province)", 200, () =>
    provinceLeader.send("GET", `/api/leader/kpis/forecast?level=province&code=${who.province}`),
  );
}

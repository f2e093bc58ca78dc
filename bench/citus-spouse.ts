/**
 * The spouse's household step of the Citus journey (bench/citus-journey.ts; issue 14, 1.004222
 * `join_spouse_household`): a married woman living apart registers into her husband's household,
 * its head consents, the commune takes the dossier to its result and the registry moves her. The
 * pair is the demo's (`recordDemoSpouseApart`: recorded here when the population has none yet).
 * Written against a running server; each step prints its status like the journey's.
 */
import type pg from "pg";
import { recordDemoSpouseApart } from "../src/cli/demo-spouse.js";
import { openDb } from "../src/db/client.js";
import type { Browser } from "../test/helpers/server.js";

type Step = <T>(
  title: string,
  expected: number,
  run: () => Promise<{ status: number; body: T }>,
) => Promise<T>;

export async function spouseJourney(opts: {
  pool: pg.Pool;
  step: Step;
  signedIn: (login: string) => Promise<Browser>;
}): Promise<void> {
  const { pool, step, signedIn } = opts;
  const db = await openDb({ databaseUrl: process.env.DATABASE_URL, dataDir: "/nonexistent", poolSize: 1 });
  await recordDemoSpouseApart(db, new Date());
  await db.close();
  // Filed under the husband: his number is the record's subject, hers its spouse.
  const pair = await pool.query<{ wife: string; husband: string }>(
    `select spouse_number as wife, subject_number as husband from civil_status_records
      where registration_number like 'KH-DEMO-%' and personal_number = subject_number limit 1`,
  );
  const p = pair.rows[0];
  if (!p) return void console.log("skip     spouse's household: no demo pair in the population");
  const husband = await pool.query<{ hh: string; commune: string }>(
    "select household_id as hh, permanent_commune_code as commune from persons where personal_number = $1",
    [p.husband],
  );
  const h = husband.rows[0];
  const head = h
    ? await pool.query<{ head: string }>("select head_number as head from households where id = $1", [h.hh])
    : null;
  const headNumber = head?.rows[0]?.head.trim();
  const filed = await pool.query(
    "select 1 from dossiers where applicant_number = $1 and procedure_code = '1.004222'",
    [p.wife],
  );
  if (!h || !headNumber || filed.rows.length > 0)
    return void console.log(
      "skip     spouse's household: the demo wife has filed already (a fresh database runs it)",
    );
  const wife = await signedIn(p.wife);
  const created = await step("spouse's household: create (her husband's household prefilled)", 201, () =>
    wife.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.004222", household: "spouse" }),
  );
  await step("spouse's household: submit", 200, () =>
    wife.send("POST", `/api/dossiers/${created.id}/submit`, { values: { "household.headConsent": true } }),
  );
  const headB = await signedIn(headNumber);
  await step("spouse's household: requests waiting for the head", 200, () =>
    headB.send("GET", "/api/me/household-consents"),
  );
  await step("spouse's household: the head consents", 200, () =>
    headB.send("POST", `/api/dossiers/${created.id}/head-consent`),
  );
  const pay = await step("spouse's household: the fee", 200, () =>
    wife.send<{ demoBankUrl: string }>("GET", `/api/dossiers/${created.id}/payment`),
  );
  await step("spouse's household: paid at the demo bank", 303, async () => {
    const r = await wife.fetch(pay.demoBankUrl, { method: "POST", redirect: "manual" });
    return { status: r.status, body: null };
  });
  const desk = await signedIn(`motcua.${h.commune}`);
  const specialist = await signedIn(`chuyenvien.${h.commune}`);
  const leader = await signedIn(`lanhdao.${h.commune}`);
  const act = (b: Browser, action: string) => () =>
    b.send("POST", `/api/dossiers/${created.id}/actions`, { action });
  await step("spouse's household: receive", 200, act(desk, "receive"));
  await step("spouse's household: forward", 200, act(specialist, "forward"));
  await step("spouse's household: approve", 200, act(leader, "approve"));
  await step("spouse's household: issue result", 200, act(leader, "issue_result"));
  // The registry write-back moves her into his household (through the outbox; at most 20 s).
  let moved = false;
  for (let i = 0; i < 40 && !moved; i++) {
    const r = await pool.query<{ hh: string }>(
      "select household_id as hh from persons where personal_number = $1",
      [p.wife],
    );
    moved = r.rows[0]?.hh === h.hh;
    if (!moved) await new Promise((res) => setTimeout(res, 500));
  }
  console.log(`${moved ? "ok  " : "FAIL"}     she is in her husband's household: ${moved}`);
  if (!moved) process.exitCode = 1;
}

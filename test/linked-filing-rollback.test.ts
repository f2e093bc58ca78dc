import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { birthNoticeArrives, offerOf, signedIn } from "./helpers/linked.js";
import { startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 12: a linked filing runs the dossiers module's transactions as savepoints of one outer
 * transaction (`withinTx`). Everything the dossiers module sets off after a change (the citizen's
 * notification, the dossier's messages, the exchange's outbox rows, the payment request, the KPI
 * rollups, a nudge to the dispatcher) must wait for the outer commit: a filing that fails after its
 * first step was submitted (made to fail here by the database itself, when the offer is taken, the
 * filing's last statement) leaves no row and sends nothing, even after a delivery pass.
 */
let s: TestServer;
const clock = () => new Date("2026-11-05T09:00:00+07:00");
beforeAll(async () => {
  s = await startTestServer({}, { now: clock, delivery: "manual" });
  await birthNoticeArrives(s, "GCS-ROLLBACK-0001", clock());
});
afterAll(async () => s?.close());

/** Every trace a filing could leave, counted (rows of the whole database, not only the mother's). */
async function traces() {
  const { rows } = await s.db.query<Record<string, number>>(
    `select (select count(*)::int from outbox) as outbox,
            (select count(*)::int from notifications) as notifications,
            (select count(*)::int from demo_sms) as sms,
            (select count(*)::int from dossiers) as dossiers,
            (select count(*)::int from dossier_actions) as actions,
            (select count(*)::int from linked_groups) as groups,
            (select count(*)::int from linked_notice_filings) as claims,
            (select count(*)::int from idempotency_keys) as keys,
            (select count(*)::int from payments) as payments,
            (select count(*)::int from kpi_facts) as kpi`,
  );
  return rows[0];
}

describe(`a linked filing that fails after its first step's submission sets nothing off (${engine})`, () => {
  it("no notification, queue message or outbox row escapes; the offer stays open and files afterwards", async () => {
    const mother = await signedIn(s, people.mother.pn);
    const offer = await offerOf(mother, "GCS-ROLLBACK-0001");
    expect(offer).toBeTruthy();
    await s.drain();
    const before = await traces();
    const toldBefore = (await mother.send<{ items: unknown[] }>("GET", "/api/me/notifications")).body.items;
    // The database refuses to take the offer: the last statement of the filing, after the submission.
    await s.db.exec(`
      create function test_refuse_offer() returns trigger language plpgsql as $$
      begin raise exception 'injected failure after the first step''s submission'; end $$;
      create trigger test_refuse_offer before update on linked_offers
        for each row when (new.state = 'accepted') execute function test_refuse_offer();`);
    const wrote: string[] = [];
    const stop = s.db.observe((_sql, params) => {
      for (const p of params)
        if (typeof p === "string" && /^(notify\.citizen|dossier\.submit)$/.test(p)) wrote.push(p);
    });
    let wakes = 0;
    const wake = s.app.delivery.wake.bind(s.app.delivery);
    s.app.delivery.wake = () => {
      wakes += 1;
      wake();
    };
    try {
      const failed = await mother.send("POST", "/api/linked-applications", {
        group: "birth",
        members: [],
        shared: BIRTH_VALUES,
        offer,
      });
      expect(failed.status).toBe(500);
    } finally {
      stop();
      s.app.delivery.wake = wake;
      await s.db.exec("drop trigger test_refuse_offer on linked_offers; drop function test_refuse_offer();");
    }
    // The first step was submitted inside the filing (its notification and message were written)…
    expect(wrote).toEqual(expect.arrayContaining(["notify.citizen", "dossier.submit"]));
    // …and none of it outlived the rollback, nor was the dispatcher nudged for it.
    expect(wakes).toBe(0);
    expect(await traces()).toEqual(before);
    await s.drain();
    expect(await traces()).toEqual(before);
    const told = await mother.send<{ items: unknown[] }>("GET", "/api/me/notifications");
    expect(told.status).toBe(200);
    expect(told.body.items).toEqual(toldBefore);
    // The offer is still open: the same filing goes through once nothing refuses it.
    expect(await offerOf(mother, "GCS-ROLLBACK-0001")).toBe(offer);
    const filed = await mother.send("POST", "/api/linked-applications", {
      group: "birth",
      members: [],
      shared: BIRTH_VALUES,
      offer,
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    await s.drain();
    const after = await mother.send<{ items: unknown[] }>("GET", "/api/me/notifications");
    expect(after.body.items.length).toBeGreaterThan(toldBefore.length);
  });
});

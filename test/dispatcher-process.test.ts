import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { type Child, runCli, waitFor } from "./helpers/process.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * The outbox delivered by a process of its own (`npm run dispatcher`, issue 11 "Measure": requests
 * and deliveries no longer share one event loop and pool): the server with
 * OUTBOX_DISPATCHER=separate delivers nothing itself; the dispatcher delivers what waits when it
 * starts, is woken at once through the database when a person waits for a message (a one-time code
 * read out at the post office), and stops cleanly on SIGTERM.
 */
describe(`the dispatcher in its own process (${engine})`, () => {
  it("is refused on the embedded database, with a message in both languages", async () => {
    expect(() => loadConfig({ OUTBOX_DISPATCHER: "separate" })).toThrow(
      /OUTBOX_DISPATCHER=separate needs DATABASE_URL/,
    );
    const cli = runCli("dispatcher", [], { DATA_DIR: "/nonexistent-mot-lan" });
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toContain("Bộ gửi tin riêng cần DATABASE_URL");
    expect(cli.output()).toContain("A separate dispatcher needs DATABASE_URL");
  });
});

const TOKEN = "scrape-the-dispatcher-0123456";

describe.runIf(engine === "postgres")("a server and a separate dispatcher on PostgreSQL", () => {
  let s: TestServer;
  let dispatcher: Child | undefined;
  const agent = () => as.agent as Browser;
  const as: Record<string, Browser> = {};
  beforeAll(async () => {
    s = await startTestServer({}, { delivery: "separate" });
    as.agent = new Browser(s.baseUrl);
    await as.agent.signIn("buudien.20194");
    as.citizen = new Browser(s.baseUrl);
    await as.citizen.signIn(people.worker.pn);
  });
  afterAll(async () => {
    dispatcher?.proc.kill("SIGKILL");
    await s?.close();
  });

  async function codes(): Promise<string[]> {
    const sms = await (as.citizen as Browser).send<{ items: Array<{ textVi: string }> }>(
      "GET",
      "/api/demo/outbox",
    );
    return sms.body.items
      .map((i) => /mã xác nhận (\d{6})/.exec(i.textVi)?.[1])
      .filter((c): c is string => !!c);
  }

  it("delivers what waits, is woken at once for a one-time code, and stops on SIGTERM", async () => {
    const created = await agent().send<{ id: string }>("POST", "/api/dossiers", {
      procedureCode: "LOCAL.DK-TAM-TRU",
      applicantNumber: people.worker.pn,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await agent().send("POST", `/api/dossiers/${id}/otp`)).status).toBe(200);
    // The server itself delivers nothing: the code waits in the outbox.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await codes()).toEqual([]);
    const pending = await s.db.query<{ n: number }>(
      "select count(*)::int as n from outbox where state = 'pending' and topic = 'notify.send'",
    );
    expect(pending.rows[0]?.n).toBeGreaterThanOrEqual(1);

    // A dispatcher that would poll only once a minute: its first pass delivers the waiting code.
    // It serves its own /metrics (any free port, printed), behind the same METRICS_TOKEN rule.
    dispatcher = runCli("dispatcher", [], {
      ...s.tdb.env,
      OUTBOX_POLL_MS: "60000",
      PUBLIC_URL: s.baseUrl,
      DISPATCHER_METRICS_PORT: "0",
      METRICS_TOKEN: TOKEN,
    });
    await waitFor(async () => (await codes()).length === 1, 20_000, "the first code", dispatcher.output);
    expect(dispatcher.output()).toContain("The dispatcher is running");
    expect(dispatcher.output()).not.toContain("PUBLIC_URL is not set");
    const url = /Metrics: (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(dispatcher.output())?.[1] as string;
    expect(url).toBeTruthy();
    expect((await fetch(url)).status).toBe(401);
    const scraped = await (await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(scraped).toMatch(/^mot_lan_outbox_deliveries_total\{topic="notify.send"\} [1-9]/m);
    // The server's own /metrics counts no delivery: it delivered none.
    const server = await fetch(`${s.baseUrl}/metrics`);
    expect(server.status).toBe(200);
    const serverText = await server.text();
    expect(serverText).toContain("mot_lan_outbox_oldest_pending_age_seconds");
    expect(serverText).not.toMatch(/^mot_lan_outbox_deliveries_total\{/m);

    // A second code: the server wakes the dispatcher through the database, long before its next poll.
    const asked = Date.now();
    expect((await agent().send("POST", `/api/dossiers/${id}/otp`)).status).toBe(200);
    await waitFor(async () => (await codes()).length === 2, 10_000, "the second code", dispatcher.output);
    expect(Date.now() - asked).toBeLessThan(10_000);

    dispatcher.proc.kill("SIGTERM");
    expect(await dispatcher.exited).toBe(0);
    expect(dispatcher.output()).toContain("Stopping the dispatcher (SIGTERM)");
  });
});

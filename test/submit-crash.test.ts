import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { MARITAL, people } from "./helpers/fixtures.js";
import { type Child, runCli, waitFor } from "./helpers/process.js";
import { Browser, freePort } from "./helpers/server.js";

/**
 * Issue 9: the server killed (SIGKILL) under concurrent submissions and started again loses no
 * acknowledged submission and files none twice. Forty drafts are submitted at once, each under its
 * own Idempotency-Key; the process is killed as soon as the first answers arrive. After the
 * restart every acknowledged dossier is submitted with the code it was answered with, and the
 * client's retry of every request (same key) answers with one code per dossier, all distinct.
 * Runs alone (vitest.config.ts): it starts and kills real server processes.
 */
const DRAFTS = 40;
let tdb: TestDatabase;
let port = 0;
let server: Child | undefined;

async function start(): Promise<Child> {
  const child = runCli("start", [], {
    ...tdb.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DEMO: "on",
    DEMO_SEED: "off",
    LOG_LEVEL: "warn",
  });
  await waitFor(
    async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200;
      } catch {
        return false;
      }
    },
    90_000,
    "the server to be ready",
    child.output,
  );
  return child;
}

type Answer = { status: number; body: { id?: string; code?: string | null; status?: string } };

beforeAll(async () => {
  tdb = await createTestDatabase("fixtures");
  port = await freePort();
});
afterAll(async () => {
  server?.proc.kill("SIGKILL");
  await tdb?.dispose();
});

describe(`the server killed under concurrent submissions (${engine})`, { timeout: 300_000 }, () => {
  it("keeps every acknowledged submission, and a retry with the same key files none twice", async () => {
    server = await start();
    const citizen = new Browser(`http://127.0.0.1:${port}`);
    expect((await citizen.signIn(people.worker.pn)).status).toBe(200);
    const ids: string[] = [];
    for (let i = 0; i < DRAFTS; i++) {
      const d = await citizen.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: MARITAL.code });
      expect(d.status).toBe(201);
      ids.push(d.body.id);
    }
    const key = (id: string) => `crash-${id}`;
    const submit = (id: string) =>
      citizen.send<Answer["body"]>(
        "POST",
        `/api/dossiers/${id}/submit`,
        { values: MARITAL.values },
        { "idempotency-key": key(id) },
      );

    // All at once; the process dies as soon as a few have been answered.
    const acknowledged = new Map<string, string>();
    const victim = server;
    const answers = ids.map((id) =>
      submit(id).then(
        (r) => {
          if (r.status === 200 && r.body.code) acknowledged.set(id, r.body.code);
          if (acknowledged.size === 3) victim.proc.kill("SIGKILL");
        },
        () => undefined, // the connection died with the process: not acknowledged
      ),
    );
    await Promise.all(answers);
    if (victim.proc.exitCode === null) victim.proc.kill("SIGKILL");
    expect(await victim.exited).toBeNull(); // killed, not exited
    expect(acknowledged.size).toBeGreaterThanOrEqual(3);
    // The kill came before every request was answered.
    expect(acknowledged.size).toBeLessThan(DRAFTS);

    server = await start();
    const again = new Browser(`http://127.0.0.1:${port}`);
    expect((await again.signIn(people.worker.pn)).status).toBe(200);
    // Nothing acknowledged was lost: submitted, with the code it was answered with.
    for (const [id, code] of acknowledged) {
      const v = await again.send<Answer["body"]>("GET", `/api/dossiers/${id}`);
      expect(v.status).toBe(200);
      expect(v.body).toMatchObject({ status: "submitted", code });
    }
    // The client retries every request with its key: one code per dossier, the acknowledged ones
    // unchanged, the others filed now or answered with what the dead process had committed.
    const retried = new Map<string, string>();
    for (const id of ids) {
      const r = await again.send<Answer["body"]>(
        "POST",
        `/api/dossiers/${id}/submit`,
        { values: MARITAL.values },
        { "idempotency-key": key(id) },
      );
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      retried.set(id, r.body.code ?? "");
    }
    for (const [id, code] of acknowledged) expect(retried.get(id)).toBe(code);
    const codes = [...retried.values()];
    expect(codes.every((c) => /^[A-Z]+\.\d{5}\.H48-\d{6}-\d{4,}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(DRAFTS);
    console.log(`${acknowledged.size} of ${DRAFTS} submissions acknowledged before the kill; all kept`);

    server.proc.kill("SIGTERM");
    await server.exited;
    server = undefined;
    const db = await tdb.open();
    try {
      const { rows } = await db.query<{ filed: number; codes: number; actions: number }>(
        `select count(*)::int as filed, count(distinct code)::int as codes,
           (select count(*)::int from dossier_actions a
             where a.action = 'submit' and a.dossier_id = any($1::uuid[])) as actions
         from dossiers where id = any($1::uuid[]) and status = 'submitted'`,
        [ids],
      );
      // Each dossier submitted once: one submit action each, no second code.
      expect(rows[0]).toEqual({ filed: DRAFTS, codes: DRAFTS, actions: DRAFTS });
    } finally {
      await db.close();
    }
  });
});

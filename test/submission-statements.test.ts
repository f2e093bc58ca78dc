import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { buildApp } from "../src/server/app.js";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { accessToken, Browser, freePort, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * How many SQL statements one create and one submit send (issue 10, point 5), counted with the
 * database client's statement hook (`Db.observe`; BEGIN and COMMIT are not counted) while a
 * citizen files over HTTP, once with the web app's cookie session and once with a bearer token.
 * Counted with warm caches: the session's account and the procedure's definition were read by an
 * earlier request, as they are for every request but a session's first. On main before this work
 * (733eef4) the same create and submit sent 25 and 17.
 *
 * create: the registries in one call (prefill); the key claimed, the draft, its first action and
 * its outbox message in one statement; the prefill read in the access log (same transaction).
 * submit: the key claimed and the row locked in one statement; the log, files, corrections and
 * rating; the applicant's registry facts for the eligibility rules (src/domain/eligibility.ts), and
 * the civil-status register's marriages of the applicant the declared marital status is checked
 * against (`registeredMaritalStatus`, src/modules/registries/marriages.ts; 8 before that rule, 2026-12-01); the code's number; the projection; the registry values it reused filed under
 * their persons (`dossier_reused_values`, distributed by personal number: another shard than the
 * dossier's, so not one statement with it); the payment request (the fee); the action with its
 * outbox message. The answers are built from what the request holds. Before 2026-12-01: 4 and 7.
 */
const CREATE = 3;
const SUBMIT = 9;
const PROCEDURE = "LOCAL.XAC-NHAN-TTHN";
const VALUES = {
  "person.maritalStatus": "single",
  purpose: "Để đăng ký kết hôn",
  copies: 1,
  "declaration.sworn": true,
};

let s: TestServer;
beforeAll(async () => {
  // The outbox's dispatcher would add its own statements to the count: it is drained by hand.
  s = await startTestServer({}, { delivery: "manual" });
});
afterAll(async () => s?.close());

type View = {
  id: string;
  code: string | null;
  status: string;
  fields: Array<{ key: string; value: unknown }>;
};

/** Sends one create and one submit; returns the statements of each. */
async function fileOnce(send: (path: string, body: unknown, key: string) => Promise<Response>, n: string) {
  const statements: string[] = [];
  const stop = s.db.observe((sql) => statements.push(sql.replace(/\s+/g, " ").trim()));
  try {
    const created = await send("/api/dossiers", { procedureCode: PROCEDURE }, `create-${n}-0001`);
    expect(created.status).toBe(201);
    const draft = (await created.json()) as View;
    const create = statements.splice(0);
    const submitted = await send(`/api/dossiers/${draft.id}/submit`, { values: VALUES }, `submit-${n}-0001`);
    expect(submitted.status).toBe(200);
    const view = (await submitted.json()) as View;
    return { create, submit: statements.splice(0), draft, view };
  } finally {
    stop();
  }
}

describe(`statements of one create + submit over HTTP (${engine})`, () => {
  it.each(["cookie session", "bearer token"])("with a %s", async (via) => {
    const b = new Browser(s.baseUrl);
    await b.signIn(people.neighbour.pn);
    const token = via === "bearer token" ? await accessToken(b, s.baseUrl, s.tdb.dataDir) : undefined;
    const csrf = token ? undefined : await b.csrf();
    const send = (path: string, body: unknown, key: string) =>
      b.fetch(path, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "idempotency-key": key,
          ...(token ? { authorization: `Bearer ${token}` } : { "x-csrf-token": csrf as string }),
        },
        body: JSON.stringify(body),
      });
    const tag = via.replace(" ", "-");
    const cold = await fileOnce(send, `${tag}-1`);
    const warm = await fileOnce(send, `${tag}-2`);
    console.log(
      `${via}: cold create ${cold.create.length}, submit ${cold.submit.length}; ` +
        `warm create ${warm.create.length}, submit ${warm.submit.length}\n` +
        ["-- create", ...warm.create, "-- submit", ...warm.submit].join("\n"),
    );
    expect([warm.create.length, warm.submit.length]).toEqual([CREATE, SUBMIT]);
    expect(CREATE + SUBMIT).toBeLessThanOrEqual(12);
    // A session's or token's first request also resolves the account (and the procedure, once).
    expect(cold.create.length).toBeLessThanOrEqual(CREATE + 3);
    expect(cold.submit.length).toBe(SUBMIT);
    expect(warm.view.status).toBe("submitted");
    expect(warm.view.code).toMatch(/^UB\.20197\.H48-\d{6}-\d{4,}$/);
    expect(warm.draft.fields.find((f) => f.key === "person.fullName")?.value).toBe(people.neighbour.name);
    // The prefill read is in the access log, written with the draft.
    const { rows } = await s.db.query<{ n: number }>(
      "select count(*)::int as n from access_log where subject_number = $1 and purpose = 'prefill'",
      [people.neighbour.pn],
    );
    expect(rows[0]?.n).toBeGreaterThanOrEqual(2);
  });
});

describe.runIf(engine === "postgres")(
  "a sign-out on one server process ends the session on the others",
  () => {
    it("the other process, which had the account cached, refuses the cookie and the token at once", async () => {
      // A second server process on the same database, key file and public address (as a
      // deployment runs several behind one name).
      const db2 = await s.tdb.open();
      const port = await freePort();
      const config = loadConfig(
        { LOG_LEVEL: "silent", DATA_DIR: s.tdb.dataDir, PUBLIC_URL: s.baseUrl },
        { port, host: "127.0.0.1" },
      );
      const other = await buildApp({ config, db: db2, logger: false });
      await other.listen({ port, host: "127.0.0.1" });
      try {
        const b = new Browser(s.baseUrl);
        await b.signIn(people.worker.pn);
        const token = await accessToken(b, s.baseUrl, s.tdb.dataDir);
        const cookie = b.cookieHeader();
        const onOther = (auth: Record<string, string>) =>
          fetch(`http://127.0.0.1:${port}/api/me/data`, { headers: auth }).then((r) => r.status);
        // The other process resolves and caches the account of both.
        expect(await onOther({ cookie })).toBe(200);
        expect(await onOther({ authorization: `Bearer ${token}` })).toBe(200);
        const logout = await b.fetch("/auth/logout", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: await b.csrf() }).toString(),
        });
        expect(logout.status).toBe(303);
        // Told by PostgreSQL's NOTIFY at the sign-out's commit: within milliseconds.
        const started = Date.now();
        let statuses = [await onOther({ cookie }), await onOther({ authorization: `Bearer ${token}` })];
        while (statuses.some((x) => x !== 401) && Date.now() - started < 1000) {
          await new Promise((r) => setTimeout(r, 10));
          statuses = [await onOther({ cookie }), await onOther({ authorization: `Bearer ${token}` })];
        }
        expect(statuses).toEqual([401, 401]);
        console.log(
          `the other process refused the session ${Date.now() - started} ms after the sign-out answered`,
        );
      } finally {
        await other.close();
        await db2.close();
      }
    });
  },
);

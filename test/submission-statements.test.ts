import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { accessToken, Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * How many SQL statements one create and one submit send (issue 10, point 5), counted with the
 * database client's statement hook (`Db.observe`; BEGIN and COMMIT are not counted) while a
 * citizen files over HTTP, once with the web app's cookie session and once with a bearer token.
 * Counted with warm caches: the session's account and the procedure's definition were read by an
 * earlier request, as they are for every request but a session's first.
 */
const PROCEDURE = "LOCAL.XAC-NHAN-TTHN";
const VALUES = {
  "person.maritalStatus": "single",
  purpose: "Để đăng ký kết hôn",
  copies: 1,
  "declaration.sworn": true,
};

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
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
    expect(warm.view.status).toBe("submitted");
    expect(warm.view.code).toMatch(/^UB\.20197\.H48-\d{6}-\d{4,}$/);
    expect(warm.draft.fields.find((f) => f.key === "person.fullName")?.value).toBe(people.neighbour.name);
  });
});

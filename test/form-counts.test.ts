import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filledKeys, formCounts } from "../src/domain/form-counts.js";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 14: the procedure page ("the online form has T fields: the platform fills in up to P from
 * the registries, you type N") and the signed-in citizen's panel ("from your records the platform
 * fills in K of the T fields, you type T − K; the records lack P − K") count the same fields with
 * one function (`formCounts`), so the numbers add up.
 */
type Field = { key: string; prefill?: unknown };
type Version = {
  definition: { form: Field[] };
  stats: {
    onlineFieldCount: number;
    prefilledFieldCount: number;
    typedFieldCount: number;
    paperFieldCount: number;
  };
};
type Prefill = { fields: Array<{ key: string; value: unknown; provenance?: unknown }> };

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

describe(`form counts agree on the procedure page and the citizen's panel (${engine})`, () => {
  it("temporary residence: 16 fields, up to 6 prefilled; the worker's records lack the e-mail: 5 and 11", async () => {
    const anyone = new Browser(s.baseUrl);
    const page = await anyone.send<Version>("GET", "/api/procedures/LOCAL.DK-TAM-TRU");
    expect(page.status).toBe(200);
    expect(page.body.stats).toMatchObject({
      onlineFieldCount: 16,
      prefilledFieldCount: 6,
      typedFieldCount: 10,
      paperFieldCount: 18,
    });
    const worker = new Browser(s.baseUrl);
    await worker.signIn(people.worker.pn);
    const prefill = await worker.send<Prefill>("GET", "/api/procedures/LOCAL.DK-TAM-TRU/prefill");
    expect(prefill.status).toBe(200);
    // What the panel counts (web/src/pages/procedure/Known.tsx): the fields given a value for this person.
    const panel = formCounts(page.body.definition.form, filledKeys(prefill.body.fields));
    // The worker's records hold no e-mail address: 5 of the 6 bound fields filled, the e-mail typed.
    expect(panel).toEqual({ total: 16, prefilled: 5, typed: 11, unfilled: 1, answered: 5 });
    // The two agree: the same total, and the page's typed fields plus what the records lacked.
    expect(panel.total).toBe(page.body.stats.onlineFieldCount);
    expect(panel.prefilled + panel.unfilled).toBe(page.body.stats.prefilledFieldCount);
    expect(panel.typed).toBe(page.body.stats.typedFieldCount + panel.unfilled);
  });
});

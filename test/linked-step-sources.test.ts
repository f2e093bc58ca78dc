import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 12: on the officer's page of a linked step, the child's ethnicity and nationality that the
 * platform filled "theo cha/mẹ" (Civil Code 2015 Art. 29; Law on Nationality 2008 Art. 15-16: from
 * the parents' records, the child having none yet) say so, and are not labelled as if the
 * population registry had been read for the child.
 */
type Field = {
  key: string;
  value: unknown;
  provenance?: { registry: string; sourceVi: string; sourceEn: string; ref?: string };
};

let s: TestServer;
const as: Record<string, Browser> = {};
beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  for (const login of [people.mother.pn, "hotich.20194"]) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
});
afterAll(async () => s?.close());

describe(`a linked step's values taken from the parents (${engine})`, () => {
  it("the civil-status officer reads 'theo cha và mẹ' as their source, with a parent's record", async () => {
    const mother = as[people.mother.pn] as Browser;
    const filed = await mother.send<{ id: string }>("POST", "/api/linked-applications", {
      group: "birth",
      members: [],
      shared: BIRTH_VALUES,
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const g = await mother.send<{ steps: Array<{ key: string; dossierId: string }> }>(
      "GET",
      `/api/linked-applications/${filed.body.id}`,
    );
    const birth = g.body.steps.find((x) => x.key === "birth")?.dossierId as string;
    const page = await (as["hotich.20194"] as Browser).send<{ fields: Field[] }>(
      "GET",
      `/api/dossiers/${birth}`,
    );
    expect(page.status).toBe(200);
    const field = (key: string) => page.body.fields.find((f) => f.key === key);
    expect(field("child.ethnicity")).toMatchObject({
      value: "Kinh",
      provenance: {
        registry: "population",
        sourceVi:
          "hồ sơ của cha và mẹ trong Cơ sở dữ liệu quốc gia về dân cư (dân tộc của con theo cha và mẹ)",
        sourceEn:
          "the father's and the mother's records in the National population database (the child's ethnicity follows the father and the mother)",
        ref: people.mother.pn,
      },
    });
    expect(field("child.nationality")).toMatchObject({
      value: "VN",
      provenance: {
        sourceVi:
          "hồ sơ của cha và mẹ trong Cơ sở dữ liệu quốc gia về dân cư (quốc tịch của con theo cha và mẹ)",
        sourceEn:
          "the father's and the mother's records in the National population database (the child's nationality follows the father and the mother)",
      },
    });
  });
});

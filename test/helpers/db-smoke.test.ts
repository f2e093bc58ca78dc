import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { listCommunes, listProvinces } from "../../src/modules/units/index.js";
import { createReadyDatabase, engine, type TestDatabase } from "./db.js";

let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  ({ tdb, db } = await createReadyDatabase());
});
afterAll(async () => {
  await db.close();
  await tdb.dispose();
});

describe(`units on ${engine}`, () => {
  it("loads 34 provinces and 3,321 communes", async () => {
    expect(await listProvinces(db)).toHaveLength(34);
    expect((await listCommunes(db, { limit: 1, offset: 0 })).total).toBe(3321);
  });
  it.each(["ha noi", "Hà Nội", "HA NOI"])("finds Hà Nội by %s", async (q) => {
    const found = await listProvinces(db, q);
    expect(found.map((p) => p.code)).toEqual(["01"]);
  });
  it("keeps dates as YYYY-MM-DD strings and counts as numbers", async () => {
    const { rows } = await db.query<{ d: string; n: number }>(
      "select '2025-01-29'::date as d, 42::bigint as n",
    );
    expect(rows[0]).toEqual({ d: "2025-01-29", n: 42 });
  });
});

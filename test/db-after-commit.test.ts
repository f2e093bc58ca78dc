import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { afterCommit, type Db, withinOneTx } from "../src/db/client.js";
import { createTestDatabase, engine, type TestDatabase } from "./helpers/db.js";

/**
 * "After commit" work (a dispatcher's wake-up) inside one outer transaction (`withinOneTx`, a
 * linked group's filing): a module's own transaction is a savepoint there, and its release is not
 * a commit. The work runs once the outer transaction commits, never when it, or the savepoint
 * that queued it, rolls back.
 */
let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = await tdb.open();
});
afterAll(async () => {
  await db?.close();
  await tdb?.dispose();
});

const fail = (): never => {
  throw new Error("refused");
};

describe(`afterCommit (${engine})`, () => {
  it("on a database: at once", () => {
    const ran: string[] = [];
    afterCommit(db, () => ran.push("now"));
    expect(ran).toEqual(["now"]);
  });

  it.each([
    ["the outer transaction commits", ["queued"], (): void => undefined, false],
    ["the outer transaction rolls back after the savepoint was released", [], fail, false],
    ["the savepoint rolls back, the outer transaction commits", [], (): void => undefined, true],
  ] as const)("%s → runs %j", async (_name, expected, after, savepointFails) => {
    const ran: string[] = [];
    const seenInside: string[][] = [];
    await withinOneTx(db, async (view) => {
      await view
        .tx(async () => {
          afterCommit(view, () => ran.push("queued"));
          if (savepointFails) fail();
        })
        .catch(() => undefined);
      // Released (or rolled back): nothing has run yet.
      seenInside.push([...ran]);
      after();
    }).catch(() => undefined);
    expect(seenInside).toEqual([[]]);
    expect(ran).toEqual(expected);
  });
});

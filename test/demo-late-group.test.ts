import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileDemoLateGroup } from "../src/cli/demo-late-group.js";
import { engine } from "./helpers/db.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * The demo's late birth group (issue 12 review): on a fresh start the leader's "groups at risk"
 * panel shows one group past its limit; filed once.
 */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  // As the demo's seeded notices are (born 1-45 days before the seed): born before the filing.
  await s.db.query("update birth_notices set birth_at = birth_at - interval '30 days'");
});
afterAll(async () => s?.close());

describe(`demo: a birth group past its limit for the leader's panel (${engine})`, () => {
  it("files one group days before now, listed at risk for the commune's and the province's leaders; once", async () => {
    const filed = await fileDemoLateGroup(s.db, s.now());
    expect(filed, "a seeded unregistered birth notice").not.toBeNull();
    for (const leader of [`lanhdao.${filed?.communeCode}`, "lanhdao.tinh.48"]) {
      const b = new Browser(s.baseUrl);
      await b.signIn(leader);
      const risk = await b.send<{ items: Array<{ groupId: string; reasons: unknown[]; dueState: string }> }>(
        "GET",
        "/api/leader/linked-groups",
      );
      expect(risk.status, leader).toBe(200);
      const mine = risk.body.items.find((g) => g.groupId === filed?.groupId);
      expect(mine, JSON.stringify(risk.body)).toBeDefined();
      expect(mine?.dueState).toBe("overdue");
    }
    expect(await fileDemoLateGroup(s.db, s.now())).toBeNull();
  });
});

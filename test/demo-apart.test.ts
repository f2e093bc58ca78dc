import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendDemoApartBirthNotice } from "../src/cli/demo-apart.js";
import { loadConfig } from "../src/config.js";
import { loadKeys } from "../src/lib/secrets.js";
import { engine } from "./helpers/db.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";
import { addSplitParents, splitMother } from "./helpers/split-parents.js";

/**
 * The demo's parents living apart (issue 12): a signed birth notice naming a woman and a man who
 * each live alone, in two communes of one province; the mother is offered the birth group and its
 * form offers her household and the father's. Sent once.
 */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  await addSplitParents(s.db);
  // The fixtures' own notice of these parents is registered already: only the demo's is open.
  await s.db.query("update birth_notices set registered = true where mother_number = $1", [splitMother.pn]);
});
afterAll(async () => s?.close());

describe(`demo: parents living apart (${engine})`, () => {
  it("sends one notice; the mother is offered the group with both households to choose from", async () => {
    const keys = await loadKeys(loadConfig({ DATA_DIR: s.tdb.dataDir }));
    const sent = await sendDemoApartBirthNotice(s.db, keys.agencies, s.now());
    expect(sent?.mother.personalNumber).toBe(splitMother.pn);
    expect(sent?.father.sex).toBe("M");
    expect(sent?.father.communeCode).not.toBe(sent?.mother.communeCode);
    expect(sent?.father.provinceCode).toBe(sent?.mother.provinceCode);
    await s.drain();
    const mother = new Browser(s.baseUrl);
    await mother.signIn(splitMother.pn);
    const offers = await mother.send<{ items: Array<{ id: string; noticeId: string }> }>(
      "GET",
      "/api/me/linked-offers",
    );
    const offer = offers.body.items.find((o) => o.noticeId === `GCS-APART-${splitMother.pn}`);
    expect(offer).toBeDefined();
    const homes = await mother.send<{ options: Array<{ of: string; own: boolean }> }>(
      "GET",
      `/api/linked-applications/child-homes?offer=${offer?.id}`,
    );
    expect(homes.body.options.map((o) => [o.of, o.own])).toEqual([
      ["mother", true],
      ["father", false],
    ]);
    // Once only.
    expect(await sendDemoApartBirthNotice(s.db, keys.agencies, s.now())).toBeNull();
  });
});

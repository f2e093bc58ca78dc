import { beforeAll, expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { BIRTH_VALUES, people } from "../helpers/fixtures.js";
import { Browser } from "../helpers/server.js";
import {
  phone,
  run,
  seriousViolations,
  serverAndBrowser,
  settled,
  shot,
  signIn,
  TEST_TIMEOUT,
} from "./browser.js";

/**
 * Corrections on a phone (390×844), Vietnamese first: the commune specialist finds the mother's
 * correction request in the queue with its evidence, tries to reject it without a reason (refused,
 * in Vietnamese), accepts it; the dossier's officer sees old → new; the mother reads the outcome.
 */
const env = serverAndBrowser({}, { delivery: "manual" });
let id = "";
const drainAll = async () => {
  for (let i = 0; i < 4; i++) await env.s.drain();
};
beforeAll(async () => {
  const mother = new Browser(env.s.baseUrl);
  await mother.signIn(people.mother.pn);
  id = (await mother.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.001193" })).body.id;
  await mother.send("POST", `/api/dossiers/${id}/submit`, { values: BIRTH_VALUES });
  await mother.send("POST", `/api/dossiers/${id}/corrections`, {
    fieldKey: "mother.ethnicity",
    claimedValue: "Tày",
    note: "Tôi là người Tày.",
  });
  await drainAll();
});

run(`corrections in the browser (${engine})`, () => {
  it(
    "the police officer decides on the phone; the dossier's officer and the mother see the outcome",
    async () => {
      const page = await phone(env.chromium, env.s.now);
      await signIn(page, env.s.baseUrl, "congan.20194", "/can-bo/cai-chinh");
      await settled(page, "[data-testid=corr-case]");
      const card = page.locator("[data-testid=corr-case]").first();
      expect(await card.locator("[data-testid=corr-current]").textContent()).toBe("Kinh");
      expect(await card.locator("[data-testid=corr-proposed]").textContent()).toBe("Tày");
      expect(await card.textContent()).toContain("dân tộc");
      await shot(page, `${engine}-corrections-1-queue`);
      expect(await seriousViolations(page)).toEqual([]);
      await card.locator("[data-testid=corr-reject]").click();
      expect(await page.locator("[data-testid=corr-error]").textContent()).toContain("lý do");
      await card.locator("[data-testid=corr-accept]").click();
      await page.locator("[data-testid=corr-notice]").waitFor();
      await settled(page, "[data-testid=corr-empty]");
      await drainAll();
      await page.context().close();

      // The dossier's own officer (the commune's civil status; the police may not open it).
      const officer = await phone(env.chromium, env.s.now);
      await signIn(officer, env.s.baseUrl, "chuyenvien.20194", `/can-bo/ho-so/${id}`);
      await settled(officer, "[data-testid=registry-alert]");
      // The mother's ethnicity, and the child's, which was filled from hers: both are flagged.
      expect(await officer.locator("[data-testid=registry-alert]").allTextContents()).toEqual([
        "Dân tộc của con: “Kinh” → “Tày”",
        "Dân tộc của mẹ: “Kinh” → “Tày”",
      ]);
      await shot(officer, `${engine}-corrections-2-alert`);
      expect(await seriousViolations(officer)).toEqual([]);
      await officer.context().close();

      const citizen = await phone(env.chromium, env.s.now);
      await signIn(citizen, env.s.baseUrl, people.mother.pn, `/ho-so/${id}`);
      await settled(citizen, "[data-testid=my-correction]");
      expect(await citizen.locator("[data-testid=my-correction]").getAttribute("data-status")).toBe(
        "accepted",
      );
      await shot(citizen, `${engine}-corrections-3-citizen`);
      expect(await seriousViolations(citizen)).toEqual([]);
      await citizen.context().close();
    },
    TEST_TIMEOUT,
  );
});

import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { people } from "../helpers/fixtures.js";
import { Browser } from "../helpers/server.js";
import {
  phone,
  rawWords,
  run,
  seriousViolations,
  settled,
  shot,
  signIn,
  smallTargets,
  TEST_TIMEOUT,
  UI_TIMEOUT,
} from "./browser.js";
import { grandfatherDies } from "./death-notice.js";
import { morningAfterDeath } from "./linked-session.js";

/**
 * Issue 12 (review): an offer's SMS link opened after a relative filed the group from the same
 * notice (still in flight, not registered) says at once, on a phone (390×844), that the offer is closed, in Vietnamese then in
 * English, and leads to "Hồ sơ của tôi"; it never shows the prefilled form or asks for anything.
 */
const env = morningAfterDeath();

run(`an offer's link once its notice is registered, on phones (${engine})`, () => {
  it(
    "says the offer is closed and leads to My applications, without the form",
    async () => {
      const { s } = env;
      await grandfatherDies(s, "GBT-E2E-0009");
      const { rows } = await s.db.query<{ id: string }>(
        "select id from linked_offers where personal_number = $1 and notice_id = 'GBT-E2E-0009'",
        [people.mother.pn],
      );
      const offer = rows[0]?.id as string;
      expect(offer).toBeTruthy();
      // The father files the death group (from the home page): in flight, not registered yet.
      const father = new Browser(s.baseUrl);
      await father.signIn(people.father.pn);
      const filed = await father.send("POST", "/api/linked-applications", {
        group: "death",
        members: ["deregistration"],
        shared: { "declaration.sworn": true },
        values: { deregistration: { "deceased.relationshipToHead": "bố" } },
      });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);

      const page = await phone(env.chromium, s.now);
      await signIn(page, s.baseUrl, people.mother.pn, `/lien-thong/nop/death?offer=${offer}`);
      await settled(page, "[data-testid=offer-closed]");
      const said = await page.textContent("[data-testid=linked-apply]");
      expect(said).toContain("Lời mời nộp hồ sơ này đã đóng.");
      expect(said).toContain("Hồ sơ từ giấy báo tử này đã được nộp");
      expect(said).not.toContain("Giấy báo tử đã được gửi đến");
      expect(
        await page
          .locator(
            "[data-testid=linked-known], [data-testid=linked-submit], [data-testid=linked-apply] input",
          )
          .count(),
      ).toBe(0);
      expect(await rawWords(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
      await shot(page, `${engine}-offer-closed-1-vi`);
      expect(await seriousViolations(page)).toEqual([]);

      await page.click("[data-testid=lang-en]");
      await expect
        .poll(() => page.textContent("[data-testid=offer-closed]"))
        .toContain("This offer is closed.");
      expect(await page.textContent("[data-testid=offer-closed]")).toContain("already filed");
      expect(await seriousViolations(page)).toEqual([]);
      await page.click("[data-testid=offer-closed-dossiers]", { timeout: UI_TIMEOUT });
      await page.waitForURL(/\/ho-so$/, { timeout: UI_TIMEOUT });
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

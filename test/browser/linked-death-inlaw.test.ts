import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { people } from "../helpers/fixtures.js";
import {
  phone,
  run,
  seriousViolations,
  settled,
  signIn,
  smallTargets,
  TEST_TIMEOUT,
  UI_TIMEOUT,
} from "./browser.js";
import { grandfatherDies } from "./death-notice.js";
import { morningAfterDeath } from "./linked-session.js";

/**
 * A household adult the registries do not relate to the deceased (the mother of household HA-1 is
 * the grandfather's daughter-in-law) is offered the death group: the offer form asks her
 * relationship to the deceased (a select, as the form without an offer does), and she can file.
 */
const env = morningAfterDeath();

run(`the death offer to a daughter-in-law, on phones (${engine})`, () => {
  it(
    "asks her relationship to the deceased, then files",
    async () => {
      const { s } = env;
      await grandfatherDies(s, "GBT-E2E-0002");

      const page = await phone(env.chromium, s.now);
      await signIn(page, s.baseUrl, people.mother.pn, "/");
      await settled(page, "[data-testid=linked-offer][data-group=death]");
      await page.click("[data-testid=linked-offer][data-group=death] a", { timeout: UI_TIMEOUT });
      await settled(page, "[data-testid=linked-apply]");
      // Not known from the registries: asked, once, as a choice.
      const select = page.locator(
        "[data-testid=linked-missing] select[data-testid='field-requester.relationship']",
      );
      await select.waitFor({ timeout: UI_TIMEOUT });
      expect(await page.textContent("[data-testid=linked-missing]")).toContain("Quan hệ với người đã mất");
      await select.selectOption("relative");
      // Only the residence deregistration linked: it asks nothing more.
      for (const key of ["funeral", "survivor"]) {
        const box = page.locator(`[data-testid=member-${key}]`);
        if ((await box.count()) > 0) await box.uncheck();
      }
      await page.check("[data-testid=sworn]");
      expect(await smallTargets(page)).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await page.click("[data-testid=linked-submit]");
      await page.waitForURL(/\/lien-thong\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT });
      await settled(page, "[data-testid=step-death]");
      const filed = await s.db.query<{ relationship: string }>(
        `select form->>'requester.relationship' as relationship from dossiers
         where applicant_number = $1 and procedure_code = 'LOCAL.KHAI-TU'`,
        [people.mother.pn],
      );
      expect(filed.rows.map((r) => r.relationship)).toEqual(["relative"]);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

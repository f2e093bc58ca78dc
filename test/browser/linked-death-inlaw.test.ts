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
  tell,
  UI_TIMEOUT,
} from "./browser.js";
import { grandfather, grandfatherDies } from "./death-notice.js";
import { morningAfterDeath } from "./linked-session.js";

/**
 * A household adult related to the deceased through the household only (the mother of household
 * HA-1, the head's wife, is the grandfather's daughter-in-law; he is the head's father): she calls
 * him "bố", and the assistant knows him as her father-in-law ("bố chồng"), takes her to his death
 * group (never "not in your household") and the offer's form prefills her relationship to him from
 * the household (another relative: "Người thân khác", not his child); she can file.
 */
const env = morningAfterDeath();

run(`the death offer to a daughter-in-law, on phones (${engine})`, () => {
  it(
    "the assistant names her father-in-law; her relationship comes from the household; she files",
    async () => {
      const { s } = env;
      await grandfatherDies(s, "GBT-E2E-0002");

      const page = await phone(env.chromium, s.now);
      await signIn(page, s.baseUrl, people.mother.pn, "/");
      await settled(page, "[data-testid=assistant-open]");
      await tell(page, "bố tôi vừa mất");
      await page.locator("[data-testid=assistant-reply]").last().waitFor({ timeout: UI_TIMEOUT });
      const notYet = page.locator("[data-testid=assistant-option][data-value=no]");
      if ((await notYet.count()) > 0) await notYet.click();
      await page
        .locator("[data-testid=assistant-reply][data-kind=procedure]")
        .waitFor({ timeout: UI_TIMEOUT });
      expect(await page.textContent("[data-testid=assistant-facts]")).toContain(
        `Giấy báo tử của ${grandfather.name} (bố chồng của bạn), mất ngày 04/11/2026`,
      );
      const panel = (await page.textContent("[data-testid=assistant-panel]")) ?? "";
      expect(panel).not.toContain("không ở trong hộ");
      expect(panel).not.toContain("không phải của bố bạn");
      expect(await page.getAttribute("[data-testid=assistant-go-group]", "href")).toContain(
        "/lien-thong/nop/death",
      );
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");

      await page.goto(`${s.baseUrl}/`);
      await settled(page, "[data-testid=linked-offer][data-group=death]");
      await page.click("[data-testid=linked-offer][data-group=death] a", { timeout: UI_TIMEOUT });
      await settled(page, "[data-testid=linked-apply]");
      // Known from the household: not asked; shown with what the registries know.
      await expect
        .poll(() => page.textContent("[data-testid=linked-known]"), { timeout: UI_TIMEOUT })
        .toContain("Quan hệ với người đã mất");
      expect(await page.textContent("[data-testid=linked-known]")).toContain("Người thân khác");
      expect(await page.locator("[data-testid=linked-missing]").count()).toBe(0);
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

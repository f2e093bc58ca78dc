import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { people } from "../helpers/fixtures.js";
import {
  rawWords,
  run,
  seriousViolations,
  settled,
  shot,
  smallTargets,
  TEST_TIMEOUT,
  UI_TIMEOUT,
} from "./browser.js";
import { grandfather, grandfatherJoins, paperDeathDraft } from "./death-notice.js";
import { apiAs, morningAfterDeath, phoneAs } from "./linked-session.js";

/**
 * Forms that forgive (issue 14 point 4), on a phone (390×844): the death group's combined form
 * typed, left and reloaded, comes back whole from its server-side draft (the person chosen, the
 * procedures unticked, the time and place of death, a later step's answer), says "continue your
 * draft" and can be deleted; a second death registration of one person is refused as soon as he
 * is chosen, before anything is typed.
 */
const env = morningAfterDeath();
const PLACE = "Tại nhà, số 1 đường Nguyễn Tất Thành";

const form = async (page: Page) => ({
  chosen: await page.isChecked(`[data-testid=deceased-${grandfather.pn}] input`),
  survivor: await page.isChecked("[data-testid=member-survivor]"),
  day: await page.inputValue("[data-testid='field-death.at-day']"),
  time: await page.inputValue("[data-testid='field-death.at-time']"),
  place: await page.inputValue("[data-testid='field-death.place']"),
  method: await page.inputValue("[data-testid='field-payout.method']"),
  account: await page.inputValue("[data-testid='field-payout.accountNumber']"),
});

run(`the combined form kept as a draft of its own (${engine})`, () => {
  it(
    "typed, reloaded, everything back; deleted; a second registration refused before typing",
    async () => {
      const { s } = env;
      await grandfatherJoins(s);
      const page = await phoneAs(
        env,
        people.father.pn,
        "/lien-thong/nop/death",
        "[data-testid=deceased-choice]",
      );
      expect(await page.locator("[data-testid=group-draft]").count()).toBe(0);

      // Chosen and typed, nothing uploaded yet (no draft of the death registration exists).
      await page.check(`[data-testid=deceased-${grandfather.pn}] input`);
      await settled(page, "[data-testid=linked-paper]");
      await page.fill("[data-testid='field-death.at-day']", "04112026");
      await page.fill("[data-testid='field-death.at-time']", "1908");
      await page.fill("[data-testid='field-death.place']", PLACE);
      await page.uncheck("[data-testid=member-survivor]");
      await settled(page, "[data-testid='field-payout.method']");
      await page.selectOption("[data-testid='field-payout.method']", "bank");
      await settled(page, "[data-testid='field-payout.accountNumber']");
      await page.fill("[data-testid='field-payout.accountNumber']", "0123456789");
      const typed = {
        chosen: true,
        survivor: false,
        day: "04/11/2026",
        time: "19:08",
        place: PLACE,
        method: "bank",
        account: "0123456789",
      };
      await page
        .locator("[data-testid=group-draft-save] [data-testid=save-status][data-state=saved]")
        .waitFor({ timeout: UI_TIMEOUT });
      expect(await form(page)).toEqual(typed);

      // The phone call, the page reloaded: everything is back, and the form says so.
      await page.reload();
      await settled(page, "[data-testid=group-draft]");
      expect(await page.textContent("[data-testid=group-draft]")).toContain("Tiếp tục bản nháp");
      await settled(page, "[data-testid='field-payout.accountNumber']");
      await expect.poll(() => form(page), { timeout: UI_TIMEOUT }).toEqual(typed);
      const drafts = await s.db.query("select id from linked_drafts where personal_number = $1", [
        people.father.pn,
      ]);
      expect(drafts.rows).toHaveLength(1);
      expect(await rawWords(page)).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
      await shot(page, `${engine}-group-draft-1-resumed`);

      // Deleted, after one more tap: the form is empty again, and stays so after a reload.
      await page.click("[data-testid=group-draft-delete]");
      await settled(page, "[data-testid=group-draft-delete-question]");
      expect(await seriousViolations(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
      await page.click("[data-testid=group-draft-delete-yes]");
      await expect
        .poll(() => page.locator("[data-testid=group-draft]").count(), { timeout: UI_TIMEOUT })
        .toBe(0);
      expect(await page.isChecked(`[data-testid=deceased-${grandfather.pn}] input`)).toBe(false);
      await page.reload();
      await settled(page, "[data-testid=deceased-choice]");
      expect(await page.locator("[data-testid=group-draft]").count()).toBe(0);
      expect(
        (await s.db.query("select id from linked_drafts where personal_number = $1", [people.father.pn]))
          .rows,
      ).toEqual([]);
      await page.context().close();

      // He files the death registration of his father (the group, over the API)…
      const father = await apiAs(s, people.father.pn);
      const death = await paperDeathDraft(father, grandfather.pn);
      const filed = await father.send("POST", "/api/linked-applications", {
        group: "death",
        members: ["deregistration"],
        shared: {
          "death.at": "2026-11-04T19:08:00+07:00",
          "death.place": PLACE,
          "deceased.relationshipToHead": "bố",
          "declaration.sworn": true,
        },
        deceased: grandfather.pn,
        drafts: { death },
      });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);

      // …so his wife, choosing him on her phone, is told at once, before typing anything.
      const mother = await phoneAs(
        env,
        people.mother.pn,
        "/lien-thong/nop/death",
        "[data-testid=deceased-choice]",
      );
      await mother.check(`[data-testid=deceased-${grandfather.pn}] input`);
      await settled(mother, "[data-testid=linked-duplicate]");
      const said = await mother.textContent("[data-testid=linked-duplicate]");
      expect(said).toContain("Người đã mất này đã có hồ sơ Đăng ký khai tử số");
      expect(said).toContain("đang được giải quyết");
      expect(await mother.getAttribute("[data-testid=linked-duplicate]", "data-code")).toBe(
        "DUPLICATE_LIFE_EVENT",
      );
      expect(await mother.locator("[data-testid=linked-paper]").count()).toBe(0);
      expect(await mother.locator("[data-testid=linked-submit]").count()).toBe(0);
      expect(await rawWords(mother)).toEqual([]);
      expect(await seriousViolations(mother)).toEqual([]);
      expect(await smallTargets(mother)).toEqual([]);
      await shot(mother, `${engine}-group-draft-2-duplicate`);
      await mother.context().close();
    },
    TEST_TIMEOUT,
  );
});

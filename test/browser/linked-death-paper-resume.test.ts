import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { PDF } from "../helpers/files.js";
import { people } from "../helpers/fixtures.js";
import {
  rawWords,
  run,
  SCREENSHOTS,
  seriousViolations,
  settled,
  shot,
  smallTargets,
  TEST_TIMEOUT,
  UI_TIMEOUT,
} from "./browser.js";
import { grandfather, grandfatherJoins } from "./death-notice.js";
import { apiAs, morningAfterDeath, phoneAs } from "./linked-session.js";

/**
 * Issue 14 review of the death at home with a paper notice (390×844): the person who died not in
 * the household is told where to go; the date of death is asked once (the time of death gives
 * it); the form left and reopened resumes the death registration's draft with its scan and the
 * time and place of death typed (issue 14 review: they came back empty), never a second one;
 * once filed, no draft of the death registration is offered on its procedure page.
 */
const env = morningAfterDeath();
const KHAI_TU = "LOCAL.KHAI-TU";

const PLACE = "Tại nhà, số 1 đường Nguyễn Tất Thành";

async function typeWhenAndWhere(page: Page) {
  await settled(page, "[data-testid=linked-paper]");
  await page.fill("[data-testid='field-death.at-day']", "04112026");
  await page.fill("[data-testid='field-death.at-time']", "1908");
  await page.fill("[data-testid='field-death.place']", PLACE);
}

/** The draft holds what is on screen (its save said so). */
const savedIntoDraft = (page: Page) =>
  page.locator("[data-testid=linked-paper] [data-testid=save-status][data-state=saved]").waitFor();

/** The time and place of death as the form shows them. */
const whenAndWhere = async (page: Page) => ({
  day: await page.inputValue("[data-testid='field-death.at-day']"),
  time: await page.inputValue("[data-testid='field-death.at-time']"),
  place: await page.inputValue("[data-testid='field-death.place']"),
});

run(`a death at home with a paper notice, resumed and asked once (${engine})`, () => {
  it(
    "not in the household: where to go; the date of death asked once; the draft and its scan resumed",
    async () => {
      const { s } = env;
      await grandfatherJoins(s);
      const father = await apiAs(s, people.father.pn);
      const drafts = async () =>
        (
          await father.send<{ items: Array<{ id: string; status: string; procedureCode: string }> }>(
            "GET",
            "/api/me/dossiers?limit=50",
          )
        ).body.items.filter((d) => d.status === "draft" && d.procedureCode === KHAI_TU);
      const page = await phoneAs(
        env,
        people.father.pn,
        "/lien-thong/nop/death",
        "[data-testid=deceased-choice]",
      );

      // Nobody of the household: the way out, in plain words, and nothing to upload.
      await page.check("[data-testid=deceased-outside] input");
      const guidance = await page.textContent("[data-testid=deceased-outside-guidance]");
      expect(guidance).toContain(
        "Hãy mang giấy báo tử bản giấy cùng thẻ căn cước đến Bộ phận một cửa của Ủy ban nhân dân cấp xã nơi người đã mất cư trú cuối cùng",
      );
      expect(await page.locator("[data-testid=linked-paper]").count()).toBe(0);
      expect(await smallTargets(page)).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `${engine}-death-paper-resume-1-outside`);

      // His father after all: when and where typed once; the date of death is not asked again.
      await page.check(`[data-testid=deceased-${grandfather.pn}] input`);
      await typeWhenAndWhere(page);
      await settled(page, "[data-testid=later-questions]");
      await expect
        .poll(() => page.textContent("[data-testid=later-questions]"), { timeout: UI_TIMEOUT })
        .toContain("Hỗ trợ chi phí mai táng");
      expect(await page.locator("[data-testid='later-deceased.diedDate']").count()).toBe(0);
      expect(await page.textContent("[data-testid=linked-apply]")).not.toContain("Ngày chết");

      await page.click("[data-testid=linked-paper-start]");
      const file = path.join(SCREENSHOTS, `${engine}-paper-death-notice-resume.pdf`);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      fs.writeFileSync(file, PDF);
      await page.setInputFiles("[data-testid=upload-deathNotice]", file);
      await page.locator("[data-testid=upload-status-deathNotice]").filter({ hasText: ".pdf" }).waitFor();
      await savedIntoDraft(page);
      const [first] = await drafts();

      // Left and reopened: the same person, the same draft, the scan still there.
      await page.goto(`${s.baseUrl}/`);
      await page.goto(`${s.baseUrl}/lien-thong/nop/death`);
      await settled(page, "[data-testid=linked-paper]");
      expect(await page.isChecked(`[data-testid=deceased-${grandfather.pn}] input`)).toBe(true);
      await page
        .locator("[data-testid=component-deathNotice] .files")
        .filter({ hasText: "paper-death-notice-resume.pdf" })
        .waitFor();
      expect((await drafts()).map((d) => d.id)).toEqual([first?.id]);
      // What was typed comes back, the Vietnamese way.
      expect(await whenAndWhere(page)).toEqual({ day: "04/11/2026", time: "19:08", place: PLACE });
      expect(await rawWords(page)).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
      await shot(page, `${engine}-death-paper-resume-2-reopened`);

      // Changed once the draft exists, the page reloaded: the change comes back.
      const put = page.waitForResponse((r) => r.request().method() === "PUT" && r.url().endsWith("/form"));
      await page.fill("[data-testid='field-death.place']", `${PLACE}, phường Hải Châu`);
      await page.fill("[data-testid='field-death.at-time']", "2015");
      await put;
      await savedIntoDraft(page);
      await page.reload();
      await settled(page, "[data-testid=linked-paper]");
      await expect
        .poll(() => whenAndWhere(page), { timeout: UI_TIMEOUT })
        .toEqual({ day: "04/11/2026", time: "20:15", place: `${PLACE}, phường Hải Châu` });
      expect((await drafts()).map((d) => d.id)).toEqual([first?.id]);

      // A second relative's draft: the procedure page names each draft by its deceased, and the
      // day of death once typed, not by a number.
      const other = await father.send<{ id: string }>("POST", "/api/dossiers", {
        procedureCode: KHAI_TU,
        deceasedNumber: people.mother.pn,
      });
      expect(other.status, JSON.stringify(other.body)).toBe(201);
      await page.goto(`${s.baseUrl}/thu-tuc/${KHAI_TU}`);
      await settled(page, "[data-testid=drafts]");
      const labels = async () =>
        Object.fromEntries(
          await Promise.all(
            (await page.locator("[data-testid=draft-card]").all()).map(async (card) => [
              await card.getAttribute("data-id"),
              ((await card.locator("[data-testid=draft-label]").textContent()) ?? "").split(". ")[0],
            ]),
          ),
        );
      expect(await labels()).toEqual({
        [first?.id ?? ""]: `Người đã mất: ${grandfather.name}, mất ngày 04/11/2026`,
        [other.body.id]: `Người đã mất: ${people.mother.name}`,
      });
      const typed = await father.send("PUT", `/api/dossiers/${other.body.id}/form`, {
        values: { "death.at": "2026-11-03T06:30", "death.place": "Tại nhà" },
        keepRefused: true,
      });
      expect(typed.status, JSON.stringify(typed.body)).toBe(200);
      await page.reload();
      await settled(page, "[data-testid=drafts]");
      expect((await labels())[other.body.id]).toBe(
        `Người đã mất: ${people.mother.name}, mất ngày 03/11/2026`,
      );
      expect(await page.textContent("[data-testid=drafts]")).not.toContain("bản nháp thứ");
      expect(await seriousViolations(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
      await shot(page, `${engine}-death-paper-resume-3-two-drafts`);
      // Deleted by its name: the other draft is the one the form resumes.
      await page.click(`[data-testid=draft-card][data-id="${other.body.id}"] [data-testid=delete-draft]`);
      expect(await page.textContent("[data-testid=delete-draft-question]")).toContain(people.mother.name);
      await page.click("[data-testid=delete-draft-yes]");
      await expect
        .poll(() => page.locator("[data-testid=draft-card]").count(), { timeout: UI_TIMEOUT })
        .toBe(1);
      await page.goto(`${s.baseUrl}/lien-thong/nop/death`);
      await settled(page, "[data-testid=linked-paper]");
      await expect
        .poll(() => whenAndWhere(page), { timeout: UI_TIMEOUT })
        .toEqual({ day: "04/11/2026", time: "20:15", place: `${PLACE}, phường Hải Châu` });

      for (const box of await page.locator("[data-testid^=member-]").all()) await box.uncheck();
      await page.check("[data-testid=member-deregistration]");
      await page.check("[data-testid=sworn]");
      await page.click("[data-testid=linked-submit]");
      await page.waitForURL(/\/lien-thong\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT });
      await settled(page, "[data-testid=step-death]");

      // Filed with that draft: no draft of the death registration is offered any more.
      await page.goto(`${s.baseUrl}/thu-tuc/${KHAI_TU}`);
      await settled(page, "[data-testid=procedure]");
      expect(await page.locator("[data-testid=continue-draft]").count()).toBe(0);
      expect(await drafts()).toEqual([]);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

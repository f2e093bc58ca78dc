import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { people } from "../helpers/fixtures.js";
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
 * Eligibility from the registries on a phone (390×844), Vietnamese first (issue 14 point 3): the
 * mother, recorded as married in the civil-status registry, opens the marriage registration and is
 * told on its page why she cannot file it, before any draft (no "start" button); the officer, who
 * may record her paper dossier at the counter, sees the same on the dossier page. A married man's marital-status confirmation shows "married" from the civil-status
 * register, read-only with its source. axe-core finds no serious or critical violation on any state.
 */
const env = serverAndBrowser();

/** A citizen on a phone signs in on a procedure's page and starts its draft. */
async function startDraft(pn: string, procedure: string) {
  const page = await phone(env.chromium, env.s.now);
  await signIn(page, env.s.baseUrl, pn, `/thu-tuc/${procedure}`);
  await page.waitForSelector("[data-testid=known-list]");
  await page.click("[data-testid=apply]");
  await page.waitForSelector("[data-testid=draft]");
  return page;
}

run(`eligibility in the browser (${engine})`, () => {
  it(
    "a married citizen trying to file a new marriage is told why she cannot, before submit",
    async () => {
      // Told on the procedure page itself, before she starts: no "start" button makes a draft.
      const page = await phone(env.chromium, env.s.now);
      await signIn(page, env.s.baseUrl, people.mother.pn, "/thu-tuc/LOCAL.KET-HON");
      await page.waitForSelector("[data-testid=known-list]");
      await settled(page, "[data-testid=eligibility][data-refused=true]");
      const notice = page.locator("[data-testid=eligibility]");
      expect(await notice.locator("h2").textContent()).toBe("Bạn chưa thể nộp hồ sơ này");
      const issue = notice.locator("[data-testid=eligibility-issue]");
      expect(await issue.getAttribute("data-code")).toBe("ALREADY_MARRIED");
      const words = (await issue.textContent()) ?? "";
      expect(words).toContain(
        "Bạn đang được ghi nhận là đã kết hôn theo hồ sơ đăng ký kết hôn số KH-20194-2012-0001 trong Sổ hộ tịch.",
      );
      expect(words).toContain("Điều 5 khoản 2 điểm c");
      // What to do: the divorce or the spouse's death recorded first; a wrong record corrected.
      expect(words).toContain("việc ly hôn hoặc việc người vợ, người chồng đã chết phải được ghi nhận trước");
      expect(await notice.textContent()).toContain("Nếu thông tin này sai");
      expect(await page.locator("[data-testid=apply]").count()).toBe(0);
      await shot(page, `${engine}-eligibility-1-married`);
      expect(await seriousViolations(page)).toEqual([]);
      // The same words in English.
      await page.click("[data-testid=lang-en]");
      await page.waitForFunction(() =>
        document
          .querySelector("[data-testid=eligibility-issue]")
          ?.textContent?.includes("You are recorded as married"),
      );
      expect(await page.locator("[data-testid=eligibility] h2").textContent()).toBe(
        "You cannot file this dossier yet",
      );
      await shot(page, `${engine}-eligibility-2-married-en`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();

      // The officer is told the same, in words for him: a counter draft in her name.
      const receiver = new Browser(env.s.baseUrl);
      await receiver.signIn("motcua.20194");
      const counter = await receiver.send<{ id: string }>("POST", "/api/dossiers", {
        procedureCode: "LOCAL.KET-HON",
        applicantNumber: people.mother.pn,
      });
      expect(counter.status).toBe(201);
      const officer = await phone(env.chromium, env.s.now);
      await signIn(officer, env.s.baseUrl, "motcua.20194", `/can-bo/ho-so/${counter.body.id}`);
      await settled(officer, "[data-testid=eligibility][data-refused=true]");
      expect(await officer.locator("[data-testid=eligibility] h2").textContent()).toBe(
        "Theo cơ sở dữ liệu, hồ sơ này chưa đủ điều kiện",
      );
      expect(await officer.locator("[data-testid=eligibility-issue]").getAttribute("data-code")).toBe(
        "ALREADY_MARRIED",
      );
      // Said to the officer about the applicant, not as if he were the applicant.
      expect(await officer.locator("[data-testid=eligibility-issue]").textContent()).toMatch(
        /^Người yêu cầu đang được ghi nhận là đã kết hôn/,
      );
      await shot(officer, `${engine}-eligibility-3-officer`);
      expect(await seriousViolations(officer)).toEqual([]);
      await officer.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    "a married man asking for a marital-status confirmation sees 'married' from the civil-status register, not a choice",
    async () => {
      const page = await startDraft(people.father.pn, "LOCAL.XAC-NHAN-TTHN");
      await settled(page, "[data-testid='known-person.maritalStatus']");
      const known = page.locator("[data-testid='known-person.maritalStatus']");
      expect(await known.locator("[data-testid='value-person.maritalStatus']").textContent()).toBe(
        "Đang có vợ hoặc chồng",
      );
      expect(await known.locator(".source").textContent()).toContain("Cơ sở dữ liệu hộ tịch điện tử");
      await shot(page, `${engine}-eligibility-4-marital-known`);
      expect(await seriousViolations(page)).toEqual([]);
      // The typed step asks the purpose, never the status the register holds.
      await page.click("[data-testid=step-next]");
      await page.waitForSelector("[data-testid=field-purpose]");
      expect(await page.locator("[data-testid='field-person.maritalStatus']").count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      // The review names where the status came from, as it names every registry value: not a choice.
      for (let i = 0; i < 2; i++) await page.click("[data-testid=step-next]");
      await page.waitForSelector("[data-testid=review]");
      const reviewed = page.locator("[data-testid='review-person.maritalStatus']");
      expect(await reviewed.locator("dd").textContent()).toBe(
        "Đang có vợ hoặc chồngTừ Cơ sở dữ liệu hộ tịch điện tử",
      );
      await shot(page, `${engine}-eligibility-5-marital-review`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

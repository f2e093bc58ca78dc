import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { phone, run, seriousViolations, serverAndBrowser, settled, shot, TEST_TIMEOUT } from "./browser.js";

const env = serverAndBrowser();

/**
 * Issue 12: a procedure time limit the law does not confirm (the funeral allowance's, data marked
 * `confirmed: false`) is never shown to citizens as law: no "3 ngày làm việc" on its page nor a
 * badge on its search card, beside a summary saying the limit is unconfirmed. A confirmed limit
 * (temporary residence: 3 working days) keeps its badge.
 */
run(`an unconfirmed time limit on the phone (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("the funeral allowance's page and card show no legal-looking limit", async () => {
    const page = await phone(env.chromium, env.s.now);
    await page.goto(`${env.s.baseUrl}/thu-tuc/LOCAL.MAI-TANG-PHI`);
    await settled(page, "[data-testid=time-limit]");
    const limit = (await page.textContent("[data-testid=time-limit]")) ?? "";
    expect(limit).toContain("Chưa có thời hạn được pháp luật xác nhận");
    expect(limit).not.toMatch(/ngày làm việc/);
    expect(await page.textContent("main")).not.toMatch(/\d+ ngày làm việc/);
    await shot(page, `${engine}-unconfirmed-limit-procedure`);
    expect((await seriousViolations(page)).map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    await page.goto(`${env.s.baseUrl}/`);
    await page.fill("[data-testid=search-input]", "mai táng phí");
    const card = page.locator("[data-testid=search-result][data-code='LOCAL.MAI-TANG-PHI']");
    await card.waitFor();
    expect(await card.locator(".tag").allTextContents()).not.toContainEqual(
      expect.stringMatching(/ngày làm việc/),
    );
    await page.fill("[data-testid=search-input]", "tạm trú");
    const confirmed = page.locator("[data-testid=search-result][data-code='LOCAL.DK-TAM-TRU']");
    await confirmed.waitFor();
    expect(await confirmed.locator(".tag").allTextContents()).toContain("3 ngày làm việc");
    await shot(page, `${engine}-unconfirmed-limit-card`);
    expect((await seriousViolations(page)).map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.context().close();
  });
});

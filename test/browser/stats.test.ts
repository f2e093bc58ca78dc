import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { phone, run, seriousViolations, serverAndBrowser, settled, shot, TEST_TIMEOUT } from "./browser.js";

const env = serverAndBrowser();

run(`public statistics /thong-ke (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("shows the nation, the provinces and a province's communes for the month, in Vietnamese first, accessibly", async () => {
    const page = await phone(env.chromium, env.s.now);
    await page.goto(`${env.s.baseUrl}/thong-ke`);
    await settled(page, "[data-testid=stats-communes] tbody tr");
    await shot(page, `${engine}-stats`);
    expect(await page.textContent("h1")).toBe("Thống kê dịch vụ công");
    expect(await page.textContent("[data-testid=stats-range]")).toContain("2026-11-01");
    expect(await page.locator("[data-testid=stats-provinces] tbody tr").count()).toBe(34);
    expect(await page.locator("[data-testid=stats-national] th[scope=col]").count()).toBe(15);
    // A year: the range follows the filter.
    await page.selectOption("#stats-kind", "year");
    await expect.poll(() => page.textContent("[data-testid=stats-range]")).toContain("2026-12-31");
    const bad = await seriousViolations(page);
    expect(bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
  });
});

import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { phone, run, seriousViolations, serverAndBrowser, settled, signIn, TEST_TIMEOUT } from "./browser.js";

const env = serverAndBrowser();

run(`the leaders' dashboard's error states (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("the trend's one request refused (429): its card says so, bilingual, with a retry that loads it", async () => {
    const page = await phone(env.chromium, env.s.now);
    let refuse = true;
    let requests = 0;
    await page.route("**/api/open/kpis/months?**", (route) => {
      requests += 1;
      if (!refuse) return route.continue();
      return route.fulfill({
        status: 429,
        contentType: "application/json",
        body: JSON.stringify({
          error: {
            code: "RATE_LIMITED",
            status: 429,
            messageVi: "Quá nhiều yêu cầu, vui lòng thử lại sau.",
            messageEn: "Too many requests, please retry later.",
          },
        }),
      });
    });
    await signIn(page, env.s.baseUrl, "lanhdao.tinh.48", "/can-bo/bang-so-lieu");
    const alert = page.locator("[data-testid=dashboard-trend] [role=alert]");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Quá nhiều yêu cầu");
    // One request per load of the 12 months (the page may load twice as it settles), never 12.
    expect(requests).toBeLessThanOrEqual(2);
    refuse = false;
    await alert.getByRole("button").click();
    await settled(page, "[data-testid=dashboard-trend] tbody tr");
    expect(await page.locator("[data-testid=dashboard-trend] tbody tr").count()).toBe(12);
    expect(await alert.count()).toBe(0);
  });

  it("an address with an unknown procedure: the select shows its code, one message, a reset to all procedures", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, "lanhdao.tinh.48", "/can-bo/bang-so-lieu?thutuc=9.999999");
    const message = page.locator("[data-testid=procedure-unknown]");
    await message.waitFor();
    expect(await message.textContent()).toContain("Mã thủ tục không có trong danh mục");
    expect(await page.inputValue("#db-procedure")).toBe("9.999999");
    // One message, not one per card.
    expect(await page.locator("[role=alert]").count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await message.getByRole("button", { name: "Xem tất cả thủ tục" }).click();
    await message.waitFor({ state: "detached" });
    expect(await page.inputValue("#db-procedure")).toBe("");
    expect(new URL(page.url()).searchParams.get("thutuc")).toBeNull();
    await settled(page, "[data-testid=dashboard-trend] tbody tr");
  });
});

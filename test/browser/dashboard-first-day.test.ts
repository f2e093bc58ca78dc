import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { clockFrom } from "../helpers/server.js";
import { phone, run, seriousViolations, serverAndBrowser, settled, signIn, TEST_TIMEOUT } from "./browser.js";

/** The server's clock: the first morning of December 2026, nothing decided or due yet this month. */
const env = serverAndBrowser({}, { now: clockFrom(new Date("2026-12-01T08:00:00+07:00")) });

run(`the dashboard on the first day of a month (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("with nothing decided and nothing open, the forecast says so plainly, never 'cannot reach'", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, "lanhdao.20194", "/can-bo/bang-so-lieu");
    await settled(page, "[data-testid=forecast-needed]");
    expect(await page.textContent("[data-testid=forecast-needed]")).toBe(
      "Chưa có hồ sơ nào trong tháng được giải quyết hoặc đến hạn giải quyết: chưa có gì để dự báo.",
    );
    expect(await page.textContent("[data-testid=forecast]")).not.toContain("Không thể đạt");
    const bad = await seriousViolations(page, { rules: ["landmark-unique"] });
    expect(bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
    await page.context().close();
  });
});

import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import {
  phone,
  run,
  seriousViolations,
  serverAndBrowser,
  settled,
  shortTargets,
  shot,
  TEST_TIMEOUT,
} from "./browser.js";
import { HISTORY_COMMUNES, withHistory } from "./history.js";

const env = serverAndBrowser();

/** Three months of generated history (to the server's clock, November 2026) in Đà Nẵng. */
withHistory(env, { seed: 5, perCommuneMonth: 20, communes: HISTORY_COMMUNES.slice(0, 2) });

/** The nation's dossiers received in a period (of one agency: `narrow` "&agency=…"), as the open API counts them. */
async function received(from: string, to: string, narrow = ""): Promise<number> {
  const r = await fetch(`${env.s.baseUrl}/api/open/kpis?level=national&from=${from}&to=${to}${narrow}`);
  return ((await r.json()) as { received: number }).received;
}

run(`public statistics /thong-ke (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("shows the nation, the provinces and a province's communes for the month, in Vietnamese first, accessibly", async () => {
    const page = await phone(env.chromium, env.s.now);
    await page.goto(`${env.s.baseUrl}/thong-ke`);
    await settled(page, "[data-testid=stats-communes] tbody tr");
    await shot(page, `${engine}-stats`);
    expect(await page.textContent("h1")).toBe("Thống kê dịch vụ công");
    expect(await page.textContent("[data-testid=stats-range]")).toBe("Từ 01/11/2026 đến 30/11/2026");
    expect(await page.locator("[data-testid=stats-provinces] tbody tr").count()).toBe(34);
    expect(await page.locator("[data-testid=stats-national] th[scope=col]").count()).toBe(15);
    // Each table's "Tải CSV" is a 44 px tap target (issue 14 review: they were 65×20).
    expect(await page.locator("[data-testid$=-csv]").count()).toBe(3);
    expect(await shortTargets(page, "[data-testid$=-csv]")).toEqual([]);
    // A year: the range follows the filter.
    await page.selectOption("#stats-kind", "year");
    await expect
      .poll(() => page.textContent("[data-testid=stats-range]"))
      .toBe("Từ 01/01/2026 đến 31/12/2026");
    // One agency, the commune police: the nation's number and its CSV are the police's.
    const cell = page.locator("[data-testid=stats-national] td[data-figure=received]");
    const shown = async () => Number((await cell.textContent())?.replace(/\D/g, ""));
    const all = await received("2026-01-01", "2026-12-31");
    const police = await received("2026-01-01", "2026-12-31", "&agency=cong-an");
    expect(police).toBeGreaterThan(0);
    expect(police).toBeLessThan(all);
    await expect.poll(shown).toBe(all);
    await page.selectOption("#stats-agency", "cong-an");
    await expect.poll(shown).toBe(police);
    expect(await page.getAttribute("[data-testid=stats-national-csv]", "href")).toContain("&agency=cong-an");
    expect(await page.textContent("[data-testid=stats-national] h2")).toBe(
      "Toàn quốc — Công an cấp xã (dân cư, cư trú)",
    );
    const bad = await seriousViolations(page);
    expect(bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
  });

  it("in a browser set to US English, a day is shown and typed dd/mm/yyyy; an impossible day keeps its text and says why", async () => {
    const page = await phone(env.chromium, env.s.now, "en-US");
    await page.goto(`${env.s.baseUrl}/thong-ke`);
    await settled(page, "[data-testid=stats-national] tbody tr");
    // Today (4 November 2026) the Vietnamese way, not 11/04/2026.
    expect(await page.inputValue("#stats-day")).toBe("04/11/2026");
    const shown = async () =>
      Number(
        (await page.textContent("[data-testid=stats-national] td[data-figure=received]"))?.replace(/\D/g, ""),
      );
    const [october, june] = [
      await received("2026-10-01", "2026-10-31"),
      await received("2026-06-01", "2026-06-30"),
    ];
    expect(october).toBeGreaterThan(0);
    expect(june).toBe(0); // before the history
    // Typed key by key, as a person does: October's figures.
    await page.fill("#stats-day", "");
    await page.locator("#stats-day").pressSequentially("15/10/2026");
    await expect
      .poll(() => page.textContent("[data-testid=stats-range]"))
      .toBe("Từ 01/10/2026 đến 31/10/2026");
    await expect.poll(shown).toBe(october);
    expect(page.url()).toContain("ngay=2026-10-15");
    // Another month, short form: June's, none.
    await page.fill("#stats-day", "1/6/2026");
    await expect
      .poll(() => page.textContent("[data-testid=stats-range]"))
      .toBe("Từ 01/06/2026 đến 30/06/2026");
    await expect.poll(shown).toBe(june);
    // 31 February: the text stays, the message says why, the period does not move.
    await page.fill("#stats-day", "31/02/2026");
    await page.press("#stats-day", "Tab");
    await settled(page, "[data-testid=stats-day-error]");
    expect(await page.textContent("[data-testid=stats-day-error]")).toBe(
      "Ngày không hợp lệ. Hãy nhập ngày/tháng/năm có thật, ví dụ 15/10/2026.",
    );
    expect(await page.inputValue("#stats-day")).toBe("31/02/2026");
    expect(await page.getAttribute("#stats-day", "aria-invalid")).toBe("true");
    expect(await page.textContent("[data-testid=stats-range]")).toBe("Từ 01/06/2026 đến 30/06/2026");
    await shot(page, `${engine}-stats-day-invalid`);
    const bad = await seriousViolations(page);
    expect(bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
    // Corrected: the message goes, the period follows.
    await page.fill("#stats-day", "28/02/2026");
    await expect.poll(() => page.locator("[data-testid=stats-day-error]").count()).toBe(0);
    await expect
      .poll(() => page.textContent("[data-testid=stats-range]"))
      .toBe("Từ 01/02/2026 đến 28/02/2026");
    await page.context().close();
  });
});

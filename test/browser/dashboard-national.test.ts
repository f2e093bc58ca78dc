import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
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
import { withHistory } from "./history.js";

const env = serverAndBrowser();

/** History from August to October 2026 (nothing in November, the server's month) in two provinces. */
withHistory(env, { seed: 7, perCommuneMonth: 25, now: new Date("2026-10-31T12:00:00+07:00") });

/** Presses Tab until the element matching `selector` has the focus (at most 200 presses). */
async function tabTo(page: import("playwright-core").Page, selector: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`never focused ${selector}`);
}

run(`the national viewer's dashboard, keyboard only (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("picks a province from the list, ranks its communes, opens the dossiers behind a month of the trend; all in Vietnamese words", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, "quocgia", "/can-bo/bang-so-lieu?ngay=2026-10-15");
    await settled(page, "[data-testid=dashboard-provinces] tbody tr");
    // No commune table until a province is chosen; the picker is reached with Tab.
    expect(await page.locator("[data-testid=dashboard-communes]").count()).toBe(0);
    await tabTo(page, "#db-province");
    expect(await page.textContent("label[for=db-province]")).toBe("Xem các xã, phường của tỉnh");
    // Arrow keys move the choice (each one a change): down to Đà Nẵng.
    // One press at a time: each choice re-renders the page, so wait for it (and keep the focus).
    for (let i = 0; i < 60 && (await page.inputValue("#db-province")) !== "48"; i += 1) {
      const before = await page.inputValue("#db-province");
      await tabTo(page, "#db-province");
      await page.keyboard.press("ArrowDown");
      await page
        .waitForFunction(
          (b) => (document.querySelector("#db-province") as HTMLSelectElement | null)?.value !== b,
          before,
          {
            timeout: 5_000,
          },
        )
        .catch(() => undefined);
    }
    expect(await page.inputValue("#db-province")).toBe("48");
    await settled(page, "[data-testid=dashboard-communes] tbody tr");
    expect(await page.textContent("[data-testid=dashboard-communes] h2")).toBe(
      "Xếp hạng các xã, phường của Đà Nẵng",
    );
    // Ties share a rank: ranks never skip a place without a tie before it.
    const ranks = (
      await page.locator("[data-testid=dashboard-provinces] [data-testid=rank]").allTextContents()
    )
      .filter((r) => r !== "–")
      .map(Number);
    expect(ranks[0]).toBe(1);
    for (const [i, r] of ranks.entries()) expect(r === ranks[i - 1] || r === i + 1 || i === 0).toBe(true);
    // The trend: months as 10/2026, each number opens the dossiers of that month.
    const october = page.locator("[data-testid=dashboard-trend] tr", { hasText: "10/2026" });
    expect(await october.locator("th").textContent()).toBe("10/2026");
    await tabTo(page, "[data-testid=trend-2026-10]");
    await page.keyboard.press("Enter");
    await settled(page, "[data-testid=drill-total]");
    expect(await page.textContent("[data-testid=drill] h2")).toBe(
      "Hồ sơ sau số liệu “Tỷ lệ đúng hạn” (01/10/2026 – 31/10/2026)",
    );
    // No personal data and no link to the dossier's page for this role; names and dd/mm/yyyy dates.
    expect(await page.locator("[data-testid=drill-dossier]").count()).toBe(0);
    expect(await page.locator("[data-testid=drill-dossier-code]").count()).toBeGreaterThan(0);
    const firstRow = page.locator("[data-testid=drill] tbody tr").first();
    expect(await firstRow.locator("td").nth(1).textContent()).toMatch(/^\d{2}\/10\/2026$/);
    expect(await page.locator("[data-testid=drill-procedure]").first().textContent()).not.toMatch(
      /^\d\.\d{6}$/,
    );
    // The index: a grade in words, points with a decimal comma.
    expect(await page.textContent("[data-testid=index766] h2")).not.toMatch(
      /good|fair|excellent|poor|\d\.\d/,
    );
    await shot(page, `${engine}-dashboard-national-drill`);
    const bad = await seriousViolations(page, { rules: ["landmark-unique"] });
    expect(bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
    await page.context().close();
  });
});

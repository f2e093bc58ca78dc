import { beforeAll, expect, it } from "vitest";
import { seedHistory } from "../../src/cli/history.js";
import { engine } from "../helpers/db.js";
import {
  context,
  phone,
  run,
  seriousViolations,
  serverAndBrowser,
  settled,
  shot,
  signIn,
  TEST_TIMEOUT,
} from "./browser.js";

const env = serverAndBrowser();

/** Three months of generated history (to the server's clock) in the fixture communes. */
beforeAll(async () => {
  await seedHistory(env.s.db, {
    seed: 3,
    now: env.s.now(),
    months: 3,
    perCommuneMonth: 25,
    communes: [
      { code: "20194", provinceCode: "48" },
      { code: "20197", provinceCode: "48" },
      { code: "00004", provinceCode: "01" },
    ],
  });
}, 120_000);

/** Hải Vân's dossiers received in a period (of one agency: `narrow` "&agency=…"), as the open API counts them. */
async function haiVanReceived(from: string, to: string, narrow = ""): Promise<number> {
  const r = await fetch(
    `${env.s.baseUrl}/api/open/kpis/table?level=commune&code=48&from=${from}&to=${to}${narrow}`,
  );
  const rows = ((await r.json()) as { rows: Array<{ code: string; received: number }> }).rows;
  return rows.find((x) => x.code === "20194")?.received ?? 0;
}

run(`leaders' dashboard /can-bo/bang-so-lieu (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("in a browser set to US English, the leader types the day dd/mm/yyyy: the figures follow; 31/02 is refused in words and kept", async () => {
    const page = await phone(env.chromium, env.s.now, "en-US");
    await signIn(page, env.s.baseUrl, "lanhdao.tinh.48", "/can-bo/bang-so-lieu?ngay=2026-10-15");
    await settled(page, "[data-testid=dashboard-communes] tbody tr");
    expect(await page.inputValue("#db-day")).toBe("15/10/2026");
    expect(await page.textContent("[data-testid=dashboard-range]")).toBe("Từ 01/10/2026 đến 31/10/2026");
    const shown = async () =>
      Number((await page.textContent("[data-testid=drill-received-20194]"))?.replace(/\D/g, ""));
    await expect.poll(shown).toBe(await haiVanReceived("2026-10-01", "2026-10-31"));
    // A quarter, the third: July to September, typed key by key at once, on a slow phone (CPU
    // ×8): the day typed before the page renders the quarter again keeps the quarter.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 8 });
    await page.selectOption("#db-kind", "quarter");
    await page.fill("#db-day", "");
    await page.locator("#db-day").pressSequentially("20/08/2026");
    await expect
      .poll(() => page.textContent("[data-testid=dashboard-range]"))
      .toBe("Từ 01/07/2026 đến 30/09/2026");
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    const quarter = await haiVanReceived("2026-07-01", "2026-09-30");
    expect(quarter).not.toBe(await haiVanReceived("2026-10-01", "2026-12-31"));
    await expect.poll(shown).toBe(quarter);
    expect(page.url()).toContain("ngay=2026-08-20");
    // An impossible day: kept as typed, refused in words; the period stays.
    await page.fill("#db-day", "31/02/2026");
    await page.press("#db-day", "Enter");
    await settled(page, "[data-testid=db-day-error]");
    expect(await page.textContent("[data-testid=db-day-error]")).toBe(
      "Ngày không hợp lệ. Hãy nhập ngày/tháng/năm có thật, ví dụ 15/10/2026.",
    );
    expect(await page.inputValue("#db-day")).toBe("31/02/2026");
    expect(await page.textContent("[data-testid=dashboard-range]")).toBe("Từ 01/07/2026 đến 30/09/2026");
    await shot(page, `${engine}-dashboard-day-invalid`);
    const bad = await seriousViolations(page);
    expect(bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
    await page.context().close();
  });

  it("the dossiers behind a number come 20 a page: page X of Y, previous and next disabled at the ends", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, "lanhdao.tinh.48", "/can-bo/bang-so-lieu?ky=year&ngay=2026-10-15");
    await settled(page, "[data-testid=dashboard-communes] tbody tr");
    const received = page.locator("[data-testid=drill-received-20194]");
    const count = Number((await received.textContent())?.replace(/\D/g, ""));
    expect(count).toBe(await haiVanReceived("2026-01-01", "2026-12-31"));
    expect(count).toBeGreaterThan(20);
    const pages = Math.ceil(count / 20);
    await received.click();
    await settled(page, "[data-testid=drill-total]");
    const range = page.locator("[data-testid=pager-range]");
    expect(await range.textContent()).toBe(`Trang 1/${pages} (1–20 trên ${count})`);
    expect(await page.isDisabled("[data-testid=pager-prev]")).toBe(true);
    await page.click("[data-testid=pager-next]");
    await expect
      .poll(() => range.textContent())
      .toBe(`Trang 2/${pages} (21–${Math.min(40, count)} trên ${count})`);
    expect(await page.isDisabled("[data-testid=pager-prev]")).toBe(false);
    expect(await page.isDisabled("[data-testid=pager-next]")).toBe(pages === 2);
    await shot(page, `${engine}-dashboard-drill-page-2`);
    const bad = await seriousViolations(page);
    expect(bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
    await page.context().close();
  });

  it("narrowed to the commune police, Hải Vân's number and the list behind it count the police's dossiers only", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, "lanhdao.tinh.48", "/can-bo/bang-so-lieu?ky=year&ngay=2026-10-15");
    await settled(page, "[data-testid=dashboard-communes] tbody tr");
    const all = await haiVanReceived("2026-01-01", "2026-12-31");
    const police = await haiVanReceived("2026-01-01", "2026-12-31", "&agency=cong-an");
    expect(police).toBeGreaterThan(0);
    expect(police).toBeLessThan(all);
    const received = page.locator("[data-testid=drill-received-20194]");
    const shown = async () => Number((await received.textContent())?.replace(/\D/g, ""));
    await expect.poll(shown).toBe(all);
    await page.selectOption("#db-agency", "cong-an");
    await expect.poll(shown).toBe(police);
    expect(page.url()).toContain("coquan=cong-an");
    await received.click();
    await settled(page, "[data-testid=drill-total]");
    expect(await page.textContent("[data-testid=drill-total]")).toContain(String(police));
    // The police's procedures (residence) only: no birth or death registration in the list.
    const names = await page.locator("[data-testid=drill-procedure]").allTextContents();
    expect(names.length).toBe(Math.min(20, police));
    for (const name of names) expect(name).toMatch(/trú$/);
    const bad = await seriousViolations(page);
    expect(bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
    await page.context().close();
  });

  for (const device of ["phone", "desktop"] as const)
    it(`a province leader sees the map and the commune table, opens the dossiers behind a number and one's log (${device})`, async () => {
      const page =
        device === "phone"
          ? await phone(env.chromium, env.s.now)
          : await (await context(env.chromium, env.s.now)).newPage();
      // The last complete month: October 2026 (the server's clock is in November).
      await signIn(page, env.s.baseUrl, "lanhdao.tinh.48", "/can-bo/bang-so-lieu?ngay=2026-10-15");
      await settled(page, "[data-testid=dashboard-communes] tbody tr");
      expect(await page.textContent("h1")).toBe("Bảng số liệu");
      // The map is drawn (a canvas) and has its table: 34 provinces ranked.
      await page.locator("[data-testid=map-chart] canvas").first().waitFor({ state: "attached" });
      expect(await page.locator("[data-testid=dashboard-provinces] tbody tr").count()).toBe(34);
      // The communes of Đà Nẵng, ranked by the on-time share; Hải Vân has October's dossiers.
      const haiVan = page.locator("[data-testid=dashboard-communes] tr[data-code='20194']");
      await expect.poll(() => haiVan.textContent()).toContain("Hải Vân");
      await page.locator("[data-testid=forecast]").waitFor();
      // The province's Decision 766 index: every indicator with its value, threshold and points.
      expect(await page.locator("[data-testid=index766] tbody tr").count()).toBe(7);
      await shot(page, `${engine}-dashboard-${device}`);
      const bad = await seriousViolations(page);
      expect(bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
      // The number of dossiers received: the list behind it has as many.
      const received = page.locator("[data-testid=drill-received-20194]");
      const count = Number((await received.textContent())?.replace(/\D/g, ""));
      expect(count).toBeGreaterThan(0);
      await received.click();
      await settled(page, "[data-testid=drill-total]");
      expect(await page.textContent("[data-testid=drill-total]")).toContain(String(count));
      await page.locator("[data-testid=drill-dossier]").first().click();
      await settled(page, "[data-testid=timeline-item]");
      expect(await page.locator("[data-testid=timeline-item]").count()).toBeGreaterThan(1);
      await page.context().close();
    });
});

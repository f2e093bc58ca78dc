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

run(`leaders' dashboard /can-bo/bang-so-lieu (${engine})`, { timeout: TEST_TIMEOUT }, () => {
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

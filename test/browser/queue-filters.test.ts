import type { Page } from "playwright-core";
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
import { HISTORY_COMMUNES, withHistory } from "./history.js";

const env = serverAndBrowser();

/** Three months of generated history in Hải Vân: its last weeks' dossiers are still open in the queue. */
withHistory(env, { seed: 5, perCommuneMonth: 40, communes: HISTORY_COMMUNES.slice(0, 1) });

/** The queue's total for some filters, as the API counts it for the signed-in officer. */
const apiTotal = (page: Page, query: string) =>
  page.evaluate(
    async (q) =>
      ((await (await fetch(`/api/officer/dossiers?${q}&limit=1`)).json()) as { total: number }).total,
    query,
  );
const shownTotal = async (page: Page) => Number(await page.getAttribute("[data-testid=queue]", "data-total"));
const search = (page: Page) => new URL(page.url()).searchParams;

run(`officer queue filters /can-bo (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("on a slow phone, two filters picked at once both hold; Back undoes the last; clearing shows all", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, "motcua.20194", "/can-bo");
    await settled(page, "[data-testid=queue] table");
    const all = await apiTotal(page, "");
    expect(all).toBeGreaterThan(0);
    expect(await shownTotal(page)).toBe(all);

    // CPU ×8: the channel is picked before the page renders the status (the router navigates in
    // a transition); the old setter started the second change from the address before the first.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 8 });
    await page.selectOption("[data-testid=queue-filter-status]", "received");
    await page.selectOption("[data-testid=queue-filter-channel]", "online");
    await expect
      .poll(() => `${search(page).get("status")} ${search(page).get("channel")}`, { timeout: 30_000 })
      .toBe("received online");
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    const both = await apiTotal(page, "status=received&channel=online");
    expect(both).toBeLessThan(all);
    await expect.poll(() => shownTotal(page), { timeout: 30_000 }).toBe(both);
    expect(await page.inputValue("[data-testid=queue-filter-status]")).toBe("received");
    expect(await page.inputValue("[data-testid=queue-filter-channel]")).toBe("online");
    await shot(page, `${engine}-queue-filters`);
    const bad = await seriousViolations(page);
    expect(bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);

    // Back undoes the channel only.
    await page.goBack();
    await expect.poll(() => search(page).get("channel")).toBe(null);
    expect(search(page).get("status")).toBe("received");
    await expect
      .poll(() => shownTotal(page), { timeout: 30_000 })
      .toBe(await apiTotal(page, "status=received"));

    // Clearing the filters shows the whole queue again.
    await page.click("[data-testid=queue-clear]");
    await expect.poll(() => search(page).toString()).toBe("");
    await expect.poll(() => shownTotal(page), { timeout: 30_000 }).toBe(all);
    await page.close();
  });
});

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
  signIn,
  TEST_TIMEOUT,
} from "./browser.js";
import { withHistory } from "./history.js";

const env = serverAndBrowser();

/** Three months of generated history (to the server's clock) in three communes of two provinces. */
withHistory(env, { seed: 5, perCommuneMonth: 25 });

const OCTOBER = "from=2026-10-01&to=2026-10-31";
type Row = { code: string; name: string; index766Total: number | null; index766Rank: number | null };

/** The open table's rows (as the dashboard loads them). */
async function table(query: string): Promise<Row[]> {
  const r = await fetch(`${env.s.baseUrl}/api/open/kpis/table?${query}&${OCTOBER}`);
  return ((await r.json()) as { rows: Row[] }).rows;
}

/** The codes in the order the open table's points give: highest first, places without points last (in the table's order). */
const byPoints = (rows: Row[]) => [
  ...rows
    .filter((r) => r.index766Total !== null)
    .sort((a, b) => (b.index766Total ?? 0) - (a.index766Total ?? 0))
    .map((r) => r.code),
  ...rows.filter((r) => r.index766Total === null).map((r) => r.code),
];

/** The rank a user expects: 1 + the places with strictly more points; "–" without points. */
const expectedRank = (rows: Row[], r: Row) =>
  r.index766Total === null
    ? "–"
    : String(
        1 + rows.filter((o) => o.index766Total !== null && o.index766Total > (r.index766Total ?? 0)).length,
      );

const clean = async (page: import("playwright-core").Page) =>
  (await seriousViolations(page, { rules: ["landmark-unique"] })).map(
    (v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`,
  );

run(`rankings by the Decision 766 index (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("on a phone, both rankings order by the index's points as the open table gives them, the choice kept in the address", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, "lanhdao.tinh.48", "/can-bo/bang-so-lieu?ngay=2026-10-15");
    await settled(page, "[data-testid=dashboard-communes] tbody tr");
    for (const [testid, query, param] of [
      ["dashboard-communes", "level=commune&code=48", "hangxa=766"],
      ["dashboard-provinces", "level=province", "hangtinh=766"],
    ] as const) {
      const ranking = page.locator(`[data-testid=${testid}]`);
      expect(await ranking.locator("legend").textContent()).toBe("Xếp hạng theo:");
      const choice = ranking.locator("[data-testid=rank-by-index766]");
      expect(await choice.textContent()).toBe("Chỉ số 766");
      expect(await ranking.locator("[data-testid=rank-by-figure]").getAttribute("aria-pressed")).toBe("true");
      await choice.click();
      await expect.poll(() => choice.getAttribute("aria-pressed")).toBe("true");
      expect(page.url()).toContain(param);
      const rows = await table(query);
      expect(rows.filter((r) => r.index766Total !== null).length).toBeGreaterThan(1);
      const codes = () =>
        ranking.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-code")));
      await expect.poll(codes).toEqual(byPoints(rows));
      // The column the ranking is ordered by comes right after the place: in view on the phone.
      const first = ranking.locator("tbody tr").first().locator("[data-testid=index766-total]");
      expect(await first.evaluate((td) => (td as HTMLTableCellElement).cellIndex)).toBe(2);
      expect(
        await first.locator("button").evaluate((b) => b.getBoundingClientRect().right),
      ).toBeLessThanOrEqual(390);
      // Each rank as the user reads it, and as the open table gives it (`index766Rank`).
      const shown = await ranking
        .locator("tbody tr")
        .evaluateAll((trs) =>
          trs.map((tr) => [
            tr.getAttribute("data-code"),
            tr.querySelector("[data-testid=rank]")?.textContent,
          ]),
        );
      expect(shown).toEqual(
        byPoints(rows).map((c) => [c, expectedRank(rows, rows.find((r) => r.code === c) as Row)]),
      );
      for (const r of rows)
        expect(r.index766Rank === null ? "–" : String(r.index766Rank)).toBe(expectedRank(rows, r));
      expect(await shortTargets(page, `[data-testid=${testid}] .chip`)).toEqual([]);
      expect(await shortTargets(page, `[data-testid=${testid}] [data-testid^=index766-open-]`)).toEqual([]);
    }
    // The address keeps both choices: a reload ranks the same way.
    await page.reload();
    await settled(page, "[data-testid=dashboard-communes] tbody tr");
    expect(
      await page
        .locator("[data-testid=dashboard-communes] [data-testid=rank-by-index766]")
        .getAttribute("aria-pressed"),
    ).toBe("true");
    expect(
      await page.locator("[data-testid=dashboard-communes] tbody tr").first().getAttribute("data-code"),
    ).toBe(byPoints(await table("level=commune&code=48"))[0]);
    expect(page.url()).toContain("hangtinh=766");
    await shot(page, `${engine}-ranking-by-index`);
    expect(await clean(page)).toEqual([]);
    await page.context().close();
  });

  it("a commune's points open its index card for the same period: the same total, where the user looks, its numbers open its dossiers", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, "lanhdao.tinh.48", "/can-bo/bang-so-lieu?ngay=2026-10-15&hangxa=766");
    await settled(page, "[data-testid=dashboard-communes] tbody tr");
    const rows = await table("level=commune&code=48");
    const haiVan = rows.find((r) => r.code === "20194") as Row;
    expect(haiVan.index766Total).not.toBeNull();
    const button = page.locator("[data-testid=dashboard-communes] [data-testid=index766-open-20194]");
    const value = (await button.textContent()) ?? "";
    expect(value).toBe(
      (haiVan.index766Total ?? 0).toLocaleString("vi-VN", {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }),
    );
    await button.click();
    const card = page.locator("[data-testid=place-index766]");
    await settled(page, "[data-testid=place-index766] [data-indicator]");
    expect(page.url()).toContain("cs766=20194");
    const heading = (await card.locator("h2").textContent()) ?? "";
    expect(heading.startsWith(`Chỉ số 766 của ${haiVan.name}: ${value} / `)).toBe(true);
    expect(await card.locator("[data-testid=index766-period]").textContent()).toBe(
      "Kỳ tính: 01/10/2026 – 31/10/2026",
    );
    // The card the open API gives for the place and period has the row's points.
    const api = (await (
      await fetch(`${env.s.baseUrl}/api/open/index766?level=commune&code=20194&${OCTOBER}`)
    ).json()) as { total: number | null };
    expect(api.total).toBe(haiVan.index766Total);
    // Opened where the user looks: its heading at the top of the view, focused.
    await expect
      .poll(() => card.locator("h2").evaluate((h) => Math.round(h.getBoundingClientRect().top)))
      .toBeLessThanOrEqual(1);
    expect(await card.locator("h2").evaluate((h) => document.activeElement === h)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, `${engine}-ranking-index-card`);
    expect(await clean(page)).toEqual([]);
    // Its numbers open the commune's dossiers (within the province leader's jurisdiction).
    const onTime = await page.evaluate(
      async (q) =>
        ((await (await fetch(`/api/leader/kpis/dossiers?${q}&limit=1`)).json()) as { total: number }).total,
      `figure=onTimeShare&part=hit&level=commune&code=20194&${OCTOBER}`,
    );
    await card.locator("[data-testid='points-progress.onTime']").click();
    await expect.poll(() => page.textContent("[data-testid=drill-total]")).toBe(`${onTime} hồ sơ`);
    // Closed, it leaves the address.
    await card.locator("[data-testid=place-index766-close]").click();
    await expect.poll(() => card.count()).toBe(0);
    expect(page.url()).not.toContain("cs766");
    await page.context().close();
  });

  it("a place without dossiers in the period: its card says 'chưa có dữ liệu' in every value, with its sources and what the law does not confirm", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, "lanhdao.tinh.48", "/can-bo/bang-so-lieu?ngay=2026-01-15&cs766=20194");
    await settled(page, "[data-testid=place-index766] [data-indicator]");
    const card = page.locator("[data-testid=place-index766]");
    expect(await card.locator("h2").textContent()).toBe(
      "Chỉ số 766 của Hải Vân: chưa tính tổng điểm (không có hồ sơ nào được tiếp nhận hoặc giải quyết trong kỳ)",
    );
    expect(await card.locator("[data-testid=index766-period]").textContent()).toBe(
      "Kỳ tính: 01/01/2026 – 31/01/2026",
    );
    expect(await card.locator("[data-testid=index766-basis]").textContent()).toBe(
      "Căn cứ: Quyết định 766/QĐ-TTg ngày 23/6/2022 (điểm tối đa của nhóm, hai đầu thang xếp loại). Dưới ngưỡng, tiêu chí được điểm theo tỷ lệ giá trị/ngưỡng (chưa được văn bản xác nhận)",
    );
    // Every indicator: no value, no points, each with its source and its threshold marked unconfirmed.
    const items = card.locator("[data-indicator]");
    expect(await items.count()).toBe(7);
    for (const item of await items.all()) {
      const text = (await item.textContent()) ?? "";
      expect(text).toContain("Giá trịchưa có dữ liệu");
      expect(text).toContain("Điểmchưa có dữ liệu / ");
      expect(text).toContain("(chưa được văn bản xác nhận)");
      expect(text).toContain("Nguồn");
    }
    expect(await card.locator("[data-testid=index766-grades] [data-testid=unconfirmed]").count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The ranking shows the same words, and nothing to open.
    const cell = page.locator(
      "[data-testid=dashboard-communes] tr[data-code='20194'] [data-testid=index766-total]",
    );
    expect(await cell.textContent()).toBe("chưa có dữ liệu");
    expect(await cell.locator("button").count()).toBe(0);
    await shot(page, `${engine}-ranking-index-card-no-data`);
    expect(await clean(page)).toEqual([]);
    await page.context().close();
  });
});

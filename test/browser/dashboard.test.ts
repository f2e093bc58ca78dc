import { expect, it } from "vitest";
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
import { withHistory } from "./history.js";

const env = serverAndBrowser();

/** Three months of generated history (to the server's clock) in the fixture communes. */
withHistory(env, { seed: 3, perCommuneMonth: 25 });

/** Hải Vân's dossiers received in a period (of one agency: `narrow` "&agency=…"), as the open API counts them. */
async function haiVanReceived(from: string, to: string, narrow = ""): Promise<number> {
  const r = await fetch(
    `${env.s.baseUrl}/api/open/kpis/table?level=commune&code=48&from=${from}&to=${to}${narrow}`,
  );
  const rows = ((await r.json()) as { rows: Array<{ code: string; received: number }> }).rows;
  return rows.find((x) => x.code === "20194")?.received ?? 0;
}

const OCTOBER = "from=2026-10-01&to=2026-10-31";
/** axe also runs its best-practice landmark-unique (the drill list and its table were two regions of one name). */
const LANDMARKS = { rules: ["landmark-unique"] };
const clean = async (page: import("playwright-core").Page) =>
  (await seriousViolations(page, LANDMARKS)).map(
    (v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`,
  );

/** The total of a drill list, read by the signed-in page through the API. */
const drillTotal = (page: import("playwright-core").Page, query: string) =>
  page.evaluate(
    async (q) =>
      ((await (await fetch(`/api/leader/kpis/dossiers?${q}&limit=1`)).json()) as { total: number }).total,
    `${query}&level=province&code=48&${OCTOBER}`,
  );

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
    // The slowed page may take seconds to render (the default poll gives up after one).
    await expect
      .poll(() => page.textContent("[data-testid=dashboard-range]"), { timeout: 30_000 })
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
    const bad = await seriousViolations(page, LANDMARKS);
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
    const bad = await seriousViolations(page, LANDMARKS);
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
      expect(await page.locator("[data-testid=index766] [data-indicator]").count()).toBe(7);
      await shot(page, `${engine}-dashboard-${device}`);
      const bad = await seriousViolations(page, LANDMARKS);
      expect(bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
      // The number of dossiers received: the list behind it has as many.
      const received = page.locator("[data-testid=drill-received-20194]");
      const count = Number((await received.textContent())?.replace(/\D/g, ""));
      expect(count).toBeGreaterThan(0);
      await received.click();
      await settled(page, "[data-testid=drill-total]");
      // The list opens where the user looks: its heading at the top of the view, focused.
      const heading = async () =>
        page.evaluate(() => {
          const h = document.querySelector("[data-testid=drill] h2");
          const top = h?.getBoundingClientRect().top ?? -1;
          // A fraction of a pixel above the top counts as at the top (scrolling rounds).
          return document.activeElement === h && top > -1 && top < window.innerHeight;
        });
      await expect.poll(heading).toBe(true);
      expect(await page.textContent("[data-testid=drill-total]")).toContain(String(count));
      await page.locator("[data-testid=drill-dossier]").first().click();
      await settled(page, "[data-testid=timeline-item]");
      expect(await page.locator("[data-testid=timeline-item]").count()).toBeGreaterThan(1);
      await page.context().close();
    });
});

run(`the Decision 766 index card on a phone (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("fits 390 px, names each indicator's source and marks what the law does not confirm, the placeholder bands too", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, "lanhdao.tinh.48", "/can-bo/bang-so-lieu?ngay=2026-10-15");
    await settled(page, "[data-testid=index766] [data-indicator]");
    const card = page.locator("[data-testid=index766]");
    expect(await card.locator("[data-indicator]").count()).toBe(7);
    // No sideways scroll, and nothing in the card wider than the screen (it was 1,118 px).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const widest = await card.evaluate((c) =>
      Math.max(...[c, ...Array.from(c.querySelectorAll("*"))].map((e) => e.getBoundingClientRect().right)),
    );
    expect(widest).toBeLessThanOrEqual(390);
    // Every indicator: its source and "not confirmed by law" (DOMAIN.md: an operational description).
    const apology = card.locator("[data-indicator='publicity.apology']");
    expect(await apology.textContent()).toContain("Nguồn");
    expect(await apology.textContent()).toContain("Nghị định 61/2018/NĐ-CP");
    expect(await card.locator("[data-indicator] [data-testid=unconfirmed]").count()).toBe(7);
    expect(await card.locator("[data-indicator='digitisation.digitised'] .index-source").textContent()).toBe(
      "Mô tả vận hành của Bộ chỉ số, không phải văn bản Quyết định 766",
    );
    // The bands: 90 and below 50 from the decision, the ones between marked as placeholders.
    expect(await card.locator("[data-testid=index766-grades] li").allTextContents()).toEqual([
      "Xuất sắc: từ 90 điểm (theo văn bản) Quyết định 766/QĐ-TTg ngày 23/6/2022 (điểm tối đa của nhóm, hai đầu thang xếp loại)",
      "Tốt: từ 70 điểm (chưa được văn bản xác nhận) Các mức giữa 50 và 90 điểm không có trong văn bản: giá trị tạm, cần sửa",
      "Khá: từ 50 điểm (chưa được văn bản xác nhận) Các mức giữa 50 và 90 điểm không có trong văn bản: giá trị tạm, cần sửa",
      "Yếu: từ 0 điểm (theo văn bản) Quyết định 766/QĐ-TTg ngày 23/6/2022 (điểm tối đa của nhóm, hai đầu thang xếp loại)",
    ]);
    // Each group's score out of its points, as the API scores it.
    const api = await page.evaluate(
      async () =>
        (
          (await (
            await fetch("/api/open/index766?level=province&code=48&from=2026-10-01&to=2026-10-31")
          ).json()) as {
            groups: Array<{ id: string; score: number | null; points: number }>;
          }
        ).groups,
    );
    expect(api.map((g) => g.points)).toEqual([18, 20, 22, 22, 18]);
    for (const g of api) {
      const shown = await card.locator(`[data-testid='group-score-${g.id}']`).textContent();
      expect(shown).toMatch(
        new RegExp(`: ${g.score === null ? "–" : g.score.toFixed(1).replace(".", ",")} / ${g.points} điểm$`),
      );
    }
    await shot(page, `${engine}-index766-phone`);
    expect(await clean(page)).toEqual([]);
    await page.context().close();
  });

  it("from version 2026.12-complaints: every DOMAIN.md indicator, the complaints handled on time measured (none due: all its points), groups adding up to the measured points", async () => {
    const page = await phone(env.chromium, env.s.now);
    // The quarter October–December 2026 ends after 2026-12-03: scored by 2026.12-complaints.
    await signIn(page, env.s.baseUrl, "lanhdao.tinh.48", "/can-bo/bang-so-lieu?ky=quarter&ngay=2026-10-15");
    await settled(page, "[data-testid=index766] [data-indicator='satisfaction.complaintsOnTime']");
    const card = page.locator("[data-testid=index766]");
    expect(await card.locator("[data-indicator]").count()).toBe(13);
    const complaints = card.locator("[data-indicator='satisfaction.complaintsOnTime']");
    expect(await complaints.getAttribute("data-measured")).toBeNull();
    expect(await complaints.textContent()).not.toContain("không tính vào phần đo được");
    // The API: 100 − 5.5 measured points, no grade; each group its measured indicators' sum, adding up.
    const api = await page.evaluate(
      async () =>
        (await (
          await fetch("/api/open/index766?level=province&code=48&from=2026-10-01&to=2026-12-31")
        ).json()) as {
          version: string;
          total: number;
          measuredPoints: number;
          groups: Array<{ id: string; score: number | null; points: number; measuredPoints: number }>;
        },
    );
    expect(api.version).toBe("2026.12-complaints");
    // The generated history is imported, its prefill registries not known, so the population data
    // has nothing to measure (its 5.5 out); no complaint was due, so its 9 points are whole.
    expect(api.measuredPoints).toBe(100 - 5.5);
    expect(api.groups.reduce((a, g) => a + (g.score ?? 0), 0)).toBeCloseTo(api.total, 9);
    expect(api.groups.reduce((a, g) => a + g.measuredPoints, 0)).toBe(api.measuredPoints);
    const vi = (x: number) => x.toFixed(1).replace(".", ",");
    expect(await card.locator("h2").first().textContent()).toBe(
      `Chỉ số 766: ${vi(api.total)} / 94,5 điểm đo được — xếp loại: chưa xếp loại (có chỉ số chưa có gì để đo trong kỳ)`,
    );
    const satisfaction = api.groups.find((g) => g.id === "satisfaction");
    expect(await card.locator("[data-testid='group-score-satisfaction']").textContent()).toBe(
      `Mức độ hài lòng: ${vi(satisfaction?.score ?? 0)} / 18 điểm`,
    );
    // The average processing time: shown, no points.
    expect(await card.locator("[data-testid='points-progress.averageTime']").textContent()).toBe(
      "không có ngưỡng: chỉ để tham khảo, không tính điểm",
    );
    // A new measured indicator's points lost open the dossiers that cost them (fees not paid online).
    const notPaidOnline = await page.evaluate(
      async () =>
        (
          (await (
            await fetch(
              "/api/leader/kpis/dossiers?figure=paidOnlineShare&part=rest&level=province&code=48&from=2026-10-01&to=2026-12-31&limit=1",
            )
          ).json()) as { total: number }
        ).total,
    );
    expect(notPaidOnline).toBeGreaterThan(0);
    await page.click("[data-testid='lost-online.paidOnline']");
    await expect.poll(() => page.textContent("[data-testid=drill-total]")).toBe(`${notPaidOnline} hồ sơ`);
    await shot(page, `${engine}-index766-2026-12`);
    expect(await clean(page)).toEqual([]);
    await page.context().close();
  });

  it("another province's communes: figures the leader may not open are no buttons; an unknown province says why; the forecast names its month", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, "lanhdao.tinh.48", "/can-bo/bang-so-lieu?ngay=2026-10-15&tinh=01");
    await settled(page, "[data-testid=dashboard-communes] tbody tr");
    const communes = page.locator("[data-testid=dashboard-communes]");
    expect(await communes.locator("tbody td button[data-testid^=drill-]").count()).toBe(0);
    expect(await communes.locator("tbody tr").count()).toBeGreaterThan(0);
    // The forecast is of the server's month, and says which.
    const monthEnd = await page.evaluate(
      async () =>
        (
          (await (await fetch("/api/leader/kpis/forecast?level=province&code=48")).json()) as {
            monthEnd: string;
          }
        ).monthEnd,
    );
    expect(await page.textContent("[data-testid=forecast] h2")).toBe(
      `Dự báo cuối tháng ${monthEnd.slice(5, 7)}/${monthEnd.slice(0, 4)}`,
    );
    // Its own province: Hải Vân's figures open their dossiers.
    await page.goto(`${env.s.baseUrl}/can-bo/bang-so-lieu?ngay=2026-10-15&tinh=48`);
    await settled(page, "[data-testid=dashboard-communes] tbody tr");
    expect(await communes.locator("tbody td button[data-testid^=drill-]").count()).toBeGreaterThan(0);
    // A province code that does not exist: the commune table says why instead of vanishing.
    await page.goto(`${env.s.baseUrl}/can-bo/bang-so-lieu?ngay=2026-10-15&tinh=45`);
    await settled(page, "[data-testid=dashboard-trend]");
    await expect.poll(() => page.locator("[role=alert]").count()).toBeGreaterThan(0);
    expect(await communes.count()).toBe(0);
    await page.context().close();
  });

  it("each point lost opens the dossiers that cost it: the late ones without a timely apology, the late or complained ones", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, "lanhdao.tinh.48", "/can-bo/bang-so-lieu?ngay=2026-10-15");
    await settled(page, "[data-testid=index766] [data-indicator]");
    // Publicity: the index's own figure (it opened nothing before).
    const notApologised = await drillTotal(page, "figure=timelyApologyShare&part=rest");
    expect(notApologised).toBeGreaterThan(0);
    await page.click("[data-testid='lost-publicity.apology']");
    await settled(page, "[data-testid=drill-total]");
    expect(await page.textContent("[data-testid=drill] h2")).toBe(
      "Hồ sơ sau số liệu “Hồ sơ trễ hạn có phiếu xin lỗi gửi trước hạn” (01/10/2026 – 31/10/2026)",
    );
    expect(await page.textContent("[data-testid=drill-total]")).toBe(`${notApologised} hồ sơ`);
    // The drill list and its table: one region, named once (axe landmark-unique).
    expect(await clean(page)).toEqual([]);
    // Satisfaction: the dossiers it subtracts (late or complained), not the others.
    const subtracted = await drillTotal(page, "figure=satisfaction766&part=hit");
    await page.click("[data-testid='lost-satisfaction.766']");
    await expect.poll(() => page.textContent("[data-testid=drill] h2")).toContain("Chỉ số hài lòng (QĐ 766)");
    await settled(page, "[data-testid=drill-deductions]");
    expect(await page.textContent("[data-testid=drill-total]")).toBe(`${subtracted} hồ sơ`);
    // The points earned open the dossiers counted.
    const onTime = await drillTotal(page, "figure=onTimeShare&part=hit");
    await page.click("[data-testid='points-progress.onTime']");
    await expect.poll(() => page.textContent("[data-testid=drill-total]")).toBe(`${onTime} hồ sơ`);
    await shot(page, `${engine}-index766-lost-drill`);
    expect(await clean(page)).toEqual([]);
    await page.context().close();
  });

  it("a period without dossiers: no score, 'chưa có dữ liệu' on the card and in the rankings", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, "lanhdao.tinh.48", "/can-bo/bang-so-lieu?ngay=2026-01-15");
    await settled(page, "[data-testid=dashboard-communes] tbody tr");
    await expect
      .poll(() => page.textContent("[data-testid=index766] h2"))
      .toBe("Chỉ số 766: chưa tính tổng điểm (không có hồ sơ nào được tiếp nhận hoặc giải quyết trong kỳ)");
    const haiVan = page.locator(
      "[data-testid=dashboard-communes] tr[data-code='20194'] [data-testid=index766-total]",
    );
    expect(await haiVan.textContent()).toBe("chưa có dữ liệu");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await clean(page)).toEqual([]);
    await page.context().close();
  });
});

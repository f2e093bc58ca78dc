import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { people } from "../helpers/fixtures.js";
import { phone, run, serverAndBrowser, shortTargets, shot, signIn, TEST_TIMEOUT } from "./browser.js";

// Issue 9, point 9, in a phone browser: a double tap on "start" opens one draft; a submission
// whose answers are lost (the server did submit) shows "cannot reach the server", and the next
// tap shows the dossier submitted, never "illegal transition": one key per intent throughout.
const MARITAL = "LOCAL.XAC-NHAN-TTHN";
const COPY = "LOCAL.CHUNG-THUC-BAN-SAO";

const env = serverAndBrowser();

async function count(sql: string, params: unknown[]) {
  const { rows } = await env.s.db.query<{ n: number }>(sql, params);
  return rows[0]?.n;
}

/** Two taps in one go, before the page can redraw the button as busy. */
const doubleTap = (page: Page, testid: string) =>
  page.evaluate((id) => {
    const b = document.querySelector<HTMLButtonElement>(`[data-testid=${id}]`);
    b?.click();
    b?.click();
  }, testid);

/**
 * The points of `selector` (its centre, the middle of its left and right edges) where a tap would
 * land on something else, after scrolling it to the bottom of the screen (`end`) or scrolling to
 * the page's end (`page-end`, if it is then on screen).
 */
const coveredPoints = (page: Page, selector: string, how: "end" | "page-end") =>
  page.evaluate(
    ([sel, mode]) => {
      const el = document.querySelector<HTMLElement>(sel as string);
      if (!el) return ["missing"];
      if (mode === "end") el.scrollIntoView({ block: "end" });
      else window.scrollTo(0, document.documentElement.scrollHeight);
      const r = el.getBoundingClientRect();
      if (r.bottom > window.innerHeight || r.top < 0) return mode === "end" ? ["off screen"] : [];
      const y = r.top + r.height / 2;
      return [
        ["centre", r.left + r.width / 2],
        ["left", r.left + 4],
        ["right", r.right - 4],
      ].flatMap(([name, x]) => {
        const hit = document.elementFromPoint(x as number, y);
        return hit && el.contains(hit) ? [] : [`${name}: ${hit?.className ?? "nothing"}`];
      });
    },
    [selector, how],
  );

run(`double taps and lost answers (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("a double tap on start makes one draft; a lost submission answer, then a tap, shows it submitted", async () => {
    const page = await phone(env.chromium);
    const creates: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && new URL(r.url()).pathname === "/api/dossiers")
        creates.push(r.headers()["idempotency-key"] ?? "");
    });
    await page.goto(`${env.s.baseUrl}/thu-tuc/${MARITAL}`);
    await page.click("[data-testid=apply]");
    await page.waitForSelector("#login");
    await page.fill("#login", people.neighbour.pn);
    await page.click("button[type=submit]");
    await page.waitForSelector("[data-testid=apply]:not([href])");

    await doubleTap(page, "apply");
    await page.waitForSelector("[data-testid=draft]");
    expect(creates.length).toBeGreaterThanOrEqual(1);
    expect(creates[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(new Set(creates).size).toBe(1); // every request of the tap carried one key
    expect(
      await count(
        "select count(*)::int as n from dossiers where applicant_number = $1 and procedure_code = $2",
        [people.neighbour.pn, MARITAL],
      ),
    ).toBe(1);
    const id = new URL(page.url()).pathname.split("/ho-so/")[1] ?? "";
    // The draft's way back, "Hồ sơ của tôi", is a 44 px tap target (issue 14 review: it was 99×18).
    expect(await shortTargets(page, ".crumbs a")).toEqual([]);

    await page.click("[data-testid=step-next]");
    await page.selectOption("[data-testid='field-person.maritalStatus']", "single");
    await page.fill("[data-testid=field-purpose]", "Để đăng ký kết hôn");
    await page.fill("[data-testid=field-copies]", "1");
    await page.check("[data-testid='field-declaration.sworn']");
    await page.waitForSelector("[data-testid=save-status][data-state=saved]");
    await page.click("[data-testid=step-next]");
    await page.click("[data-testid=step-next]");
    await page.waitForSelector("[data-testid=review]");

    // The server receives every submission, but the first three answers never reach the phone
    // (the tap's request and its two retries).
    const keys: string[] = [];
    let lost = 0;
    await page.route("**/api/dossiers/*/submit", async (route) => {
      keys.push(route.request().headers()["idempotency-key"] ?? "");
      const response = await route.fetch();
      if (lost < 3) {
        lost++;
        await route.abort("failed");
      } else await route.fulfill({ response });
    });
    // The floating assistant button covers no part of "submit", whether the button is brought
    // to the bottom of the screen or the page is scrolled to its end.
    expect(await coveredPoints(page, "[data-testid=submit]", "end")).toEqual([]);
    expect(await coveredPoints(page, "[data-testid=submit]", "page-end")).toEqual([]);
    await doubleTap(page, "submit");
    await page.waitForSelector("[data-testid=submit-error]");
    expect(await page.textContent("[data-testid=submit-error]")).toContain("Không kết nối được máy chủ");
    expect(await page.textContent("#review-problems-title")).toContain("không bao giờ bị nộp hai lần");
    expect(
      await count(
        "select count(*)::int as n from dossier_actions where dossier_id = $1 and action = 'submit'",
        [id],
      ),
    ).toBe(1);
    await shot(page, `${engine}-double-tap-lost-answer`);

    await page.click("[data-testid=submit]");
    await page.waitForSelector("[data-testid=dossier-status][data-status=submitted]");
    await shot(page, `${engine}-double-tap-submitted`);
    expect(keys).toHaveLength(4);
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(new Set(keys).size).toBe(1);
    expect(await page.locator("text=illegal").count()).toBe(0);
    expect(
      await count(
        "select count(*)::int as n from dossier_actions where dossier_id = $1 and action = 'submit'",
        [id],
      ),
    ).toBe(1);
  });

  it("a third tap after the answer, while the draft's page still loads, opens the same draft with the same key", async () => {
    const page = await phone(env.chromium);
    const creates: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && new URL(r.url()).pathname === "/api/dossiers")
        creates.push(r.headers()["idempotency-key"] ?? "");
    });
    await signIn(page, env.s.baseUrl, people.father.pn, `/thu-tuc/${COPY}`);
    await page.waitForSelector("[data-testid=apply]:not([href])");

    // The draft's page (its code, loaded on first use) is held until the third tap is done, so
    // the tap lands between the server's answer and the page's change, every run.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let answered = false;
    await page.route("**/api/dossiers", async (route) => {
      const response = await route.fetch();
      answered = true;
      await route.fulfill({ response });
    });
    await page.route(/\/app\/Dossier-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });

    await doubleTap(page, "apply");
    await expect.poll(() => answered).toBe(true);
    // Still on the procedure page; the button says it is working and cannot be tapped.
    await page.waitForSelector("[data-testid=apply][aria-busy=true]");
    expect(await page.textContent("[data-testid=apply]")).toContain("Đang tạo hồ sơ");
    expect(await page.isDisabled("[data-testid=apply]")).toBe(true);
    await page.evaluate(() => document.querySelector<HTMLButtonElement>("[data-testid=apply]")?.click());
    await page.waitForTimeout(300);
    // The old page is still on screen (the address may have changed already), its button busy.
    expect(await page.isVisible("[data-testid=apply][aria-busy=true]")).toBe(true);
    expect(await page.locator("[data-testid=draft]").count()).toBe(0);
    release();
    await page.waitForSelector("[data-testid=draft]");

    expect(new Set(creates).size).toBe(1);
    expect(
      await count(
        "select count(*)::int as n from dossiers where applicant_number = $1 and procedure_code = $2",
        [people.father.pn, COPY],
      ),
    ).toBe(1);
    await shot(page, `${engine}-triple-tap-one-draft`);
  });
});

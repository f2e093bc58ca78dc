import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { BIRTH_VALUES, people } from "../helpers/fixtures.js";
import { Browser } from "../helpers/server.js";
import {
  assistantBlocked,
  phone,
  run,
  seriousViolations,
  serverAndBrowser,
  settled,
  shot,
  signIn,
  TEST_TIMEOUT,
} from "./browser.js";

// Issue 14, a new user's review on a 390×844 phone: the unread count is on screen, a mistyped
// date stays as typed (after a reload too), the assistant's button covers no form content, every
// screen counts the form's fields with one rule, a month-only birth date reads "sinh tháng", and
// an unknown procedure's tab title says "not found".
const env = serverAndBrowser();

async function step(page: Page, name: string, ready: string) {
  await settled(page, ready);
  await shot(page, `${engine}-phone-review-${name}`);
  const bad = await seriousViolations(page);
  expect(
    bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`),
    name,
  ).toEqual([]);
}

const numbers = (text: string | null) => (text ?? "").match(/\d+/g)?.map(Number) ?? [];

run(`a new user's review on a phone (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("the unread count shows without scrolling; a month-only birth date reads “sinh tháng”; a missing procedure's title says not found", async () => {
    const mother = new Browser(env.s.baseUrl);
    await mother.signIn(people.mother.pn);
    const id = (await mother.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.001193" }))
      .body.id;
    expect((await mother.send("POST", `/api/dossiers/${id}/submit`, { values: BIRTH_VALUES })).status).toBe(
      200,
    );
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, people.mother.pn, "/");
    await step(page, "01-unread-badge", "[data-testid=unread-badge]");
    const badge = await page.locator("[data-testid=unread-badge]").boundingBox();
    expect(badge).not.toBeNull();
    if (badge) {
      expect(badge.x).toBeGreaterThanOrEqual(0);
      expect(badge.x + badge.width).toBeLessThanOrEqual(390);
      expect(badge.y + badge.height).toBeLessThanOrEqual(844);
    }
    // Birth dates the registry holds only by month or by year (old household books).
    await page.route("**/api/me/data", async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { household: { members: { birthDate: string }[] } | null };
      const [first, second] = body.household?.members ?? [];
      if (first) first.birthDate = "1947-03";
      if (second) second.birthDate = "1947";
      await route.fulfill({ response: res, json: body });
    });
    await page.goto(`${env.s.baseUrl}/du-lieu-cua-toi`);
    await step(page, "02-my-data", "[data-testid=household] .members");
    const members = (await page.textContent("[data-testid=household] .members")) ?? "";
    expect(members).toContain("sinh tháng 03/1947");
    expect(members).toContain("sinh năm 1947");
    expect(members).not.toContain("sinh ngày 03/1947");
    await page.goto(`${env.s.baseUrl}/thu-tuc/LOCAL.KHONG-CO`);
    await step(page, "03-not-found", "[data-testid=procedure-not-found]");
    await expect.poll(() => page.title()).toBe("Không tìm thấy trang — Một Lần");
    await page.context().close();
  });

  it("a mistyped date stays as typed, after a reload too, and the assistant covers no message; the counts agree", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, people.worker.pn, "/thu-tuc/LOCAL.DK-TAM-TRU");
    await page.waitForSelector("[data-testid=known-list]");
    // The procedure page counts the whole form ("tất cả … tối đa"), the draft the fields it shows.
    const [all = 0, maxPrefilled = 0, maxTyped = 0] = numbers(await page.textContent(".highlight"));
    expect(await page.textContent(".highlight")).toContain("tất cả");
    expect(maxPrefilled + maxTyped).toBe(all);
    await page.click("[data-testid=apply]");
    await page.waitForSelector("[data-testid=draft]");
    const [needed = 0, prefilled = 0] = numbers(await page.textContent("[data-testid=prefill-banner]"));
    expect(needed).toBeLessThanOrEqual(all);
    expect(prefilled).toBeLessThanOrEqual(maxPrefilled);
    await page.click("[data-testid=step-next]");
    const [typed = 0] = numbers(await page.textContent("[data-testid=typed-fields] > .help"));
    expect(prefilled + typed).toBe(needed);
    const field = "[data-testid='field-stay.until']";
    await page.fill(field, "31/02/2027");
    await page.locator(field).blur();
    const error = "[data-testid='error-stay.until']";
    await step(page, "04-date-kept", "[data-testid=save-status][data-state=partial]");
    expect(await page.inputValue(field)).toBe("31/02/2027");
    expect(await page.textContent(error)).toContain("ngày/tháng/năm");
    // The message in view: clear of the assistant's band, whose button stays shown and tappable.
    await page.locator(error).scrollIntoViewIfNeeded();
    const a = await page.locator(error).boundingBox();
    const band = await page.locator("[data-testid=assistant-bar]").boundingBox();
    expect(a && band && a.y + a.height <= band.y + 0.5).toBe(true);
    expect(await assistantBlocked(page)).toEqual([]);
    // A reload keeps what was typed, with its message.
    await page.reload();
    await page.waitForSelector("[data-testid=draft]");
    // The step is in the address: the reload opens the same step.
    await page.waitForSelector(field);
    expect(await page.inputValue(field)).toBe("31/02/2027");
    // Its message shows once the field is visited (as for any field not yet touched on this visit).
    await page.focus(field);
    await page.locator(field).blur();
    await step(page, "05-date-kept-reload", error);
    // The draft's card counts the fields the draft shows, as the banner does.
    await page.goto(`${env.s.baseUrl}/thu-tuc/LOCAL.DK-TAM-TRU`);
    await step(page, "06-draft-card", "[data-testid=draft-card]");
    const [, , , , , filled = 0, total = 0] = numbers(await page.textContent("[data-testid=draft-label]"));
    expect(total).toBe(needed);
    expect(filled).toBe(prefilled);
    await page.context().close();
  });
});

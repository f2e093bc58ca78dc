import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { BIRTH_VALUES, people } from "../helpers/fixtures.js";
import { Browser } from "../helpers/server.js";
import {
  phone,
  pickCommune,
  run,
  seriousViolations,
  serverAndBrowser,
  settled,
  shot,
  signIn,
  TEST_TIMEOUT,
  UI_TIMEOUT,
} from "./browser.js";

// Issue 14, point 4, on a phone (390×844): forms that forgive. A commune is chosen by its name,
// a refused value stays on screen with its message, dates are typed day/month/year, the submit
// button counts what is left, a draft is continued or deleted, an unknown address says so.
const env = serverAndBrowser();

async function step(page: Page, name: string, ready: string) {
  await settled(page, ready);
  await shot(page, `${engine}-forms-${name}`);
  const bad = await seriousViolations(page);
  expect(
    bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`),
    name,
  ).toEqual([]);
}

/** A finger on the middle of `selector`'s box (what is drawn there gets the tap, not `selector` itself). */
async function tapOn(page: Page, selector: string) {
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not shown`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * The review's problems whose bullet is not beside the first line of their text, and how many
 * wrap: the marker sits on the item's first line box's baseline, which a zero-size probe shows.
 */
async function bulletsOffFirstLine(page: Page): Promise<{ wrapped: number; off: string[] }> {
  return page.$$eval("[data-testid=review-problems] li", (items) => {
    const off: string[] = [];
    let wrapped = 0;
    for (const li of items) {
      const lines = document.createRange();
      lines.selectNodeContents(li.querySelector("button") ?? li);
      const rects = [...lines.getClientRects()].filter((r) => r.width > 0);
      const first = rects[0];
      if (!first) continue;
      if (new Set(rects.map((r) => Math.round(r.top))).size > 1) wrapped++;
      const probe = document.createElement("span");
      probe.style.cssText = "display:inline-block;width:0;height:0";
      li.prepend(probe);
      const baseline = probe.getBoundingClientRect().top;
      probe.remove();
      if (baseline < first.top || baseline > first.bottom) off.push(li.textContent ?? "");
    }
    return { wrapped, off };
  });
}

/** The save status of a draft saved but for a refused value kept on screen ("partial"). */
const NOT_AN_ANSWER =
  "Đã lưu các ô khác. Ô báo lỗi được giữ lại nhưng chưa được tính là câu trả lời: hãy sửa theo hướng dẫn dưới ô đó.";

run(`forms that forgive (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("a temporary-residence applicant picks “Hải Châu” by name and types the date day/month/year; the draft is continued, then deleted", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, people.worker.pn, "/thu-tuc/LOCAL.DK-TAM-TRU");
    await page.waitForSelector("[data-testid=known-list]");
    expect(await page.locator("[data-testid=drafts]").count()).toBe(0);
    await page.click("[data-testid=apply]");
    await page.waitForSelector("[data-testid=draft]");
    const id = new URL(page.url()).pathname.split("/ho-so/")[1] ?? "";
    await page.click("[data-testid=step-next]");
    // Typed without diacritics: both communes of that name, each with its province, the one of
    // the dossier's province (Đà Nẵng) first.
    await page.fill("[data-testid='field-stay.commune']", "hai chau");
    const options = page.locator("[data-testid=commune-option]");
    await expect
      .poll(() => options.allTextContents())
      .toEqual(["Phường Hải Châu, Thành phố Đà Nẵng", "Xã Hải Châu, Tỉnh Nghệ An"]);
    await step(page, "01-commune-options", "[data-testid=commune-option]");
    // With the province typed too, or one letter wrong: Đà Nẵng's Hải Châu first.
    for (const typed of ["hải châu đà nẵng", "Hai Chau Da Nang"]) {
      await page.fill("[data-testid='field-stay.commune']", typed);
      await expect
        .poll(() => options.allTextContents(), { message: typed })
        .toEqual(["Phường Hải Châu, Thành phố Đà Nẵng"]);
    }
    await page.fill("[data-testid='field-stay.commune']", "Hai Chao");
    await expect.poll(() => options.count()).toBeGreaterThan(1);
    expect(await options.first().textContent()).toBe("Phường Hải Châu, Thành phố Đà Nẵng");
    // No match: said so, with no hint of arrow keys for a list that is empty.
    await page.fill("[data-testid='field-stay.commune']", "qqxx zzkk");
    await page.waitForSelector("[data-testid=commune-none]");
    expect(await page.textContent("[data-testid=commune-none]")).toBe(
      "Không tìm thấy xã, phường nào khớp “qqxx zzkk”. Hãy gõ tên khác.",
    );
    expect(await page.textContent("main")).not.toContain("mũi tên");
    // Typed, matching, but none picked: on leaving the field it asks to pick from the list; the
    // typed text stays and the options settle (the list is not rebuilt by the message).
    await page.fill("[data-testid='field-stay.commune']", "hai cha");
    await expect.poll(() => options.count()).toBeGreaterThan(0);
    await page.locator("[data-testid='field-stay.commune']").blur();
    await expect
      .poll(() => page.textContent("[data-testid='error-stay.commune']").catch(() => null))
      .toContain("Chọn một xã/phường trong danh sách");
    expect(await page.inputValue("[data-testid='field-stay.commune']")).toBe("hai cha");
    expect(await page.getAttribute("[data-testid='field-stay.commune']", "aria-invalid")).toBe("true");
    const seen = await options.allTextContents();
    await page.waitForTimeout(600);
    expect(await options.allTextContents()).toEqual(seen);
    await step(page, "01b-commune-pick", "[data-testid='error-stay.commune']");
    // In English too.
    await page.click("[data-testid=lang-en]");
    await expect
      .poll(() => page.textContent("[data-testid='error-stay.commune']"))
      .toContain("Pick a commune from the list");
    await page.click("[data-testid=lang-vi]");
    await pickCommune(page, "stay.commune", "hai chau", "20242");
    expect(await page.locator("[data-testid='error-stay.commune']").count()).toBe(0);
    // The chosen commune's name arrives with its record (GET /api/units/communes/:code).
    await expect
      .poll(() => page.inputValue("[data-testid='field-stay.commune']"))
      .toBe("Phường Hải Châu, Thành phố Đà Nẵng");
    // A date as Vietnamese people write it, whatever the browser's locale; on a phone's number
    // pad (no "/") as eight digits, shown back day/month/year.
    await page.fill("[data-testid='field-stay.until']", "30062027");
    await page.fill("[data-testid='field-stay.address']", "Phòng 3, nhà trọ số 12");
    expect(await page.inputValue("[data-testid='field-stay.until']")).toBe("30/06/2027");
    await step(page, "02-commune-chosen", "[data-testid=save-status][data-state=saved]");
    const saved = await env.s.db.query<{ v: unknown }>(
      "select form -> 'stay.commune' as v from dossiers where id = $1",
      [id],
    );
    expect(saved.rows[0]?.v).toBe("20242");
    // Review: the commune by its name, the date day/month/year; the button counts what is left.
    await page.click("[data-testid=step-next]");
    await page.click("[data-testid=step-next]");
    await page.waitForSelector("[data-testid=review]");
    expect(await page.textContent("[data-testid='review-stay.commune'] dd")).toContain("Phường Hải Châu");
    expect(await page.textContent("[data-testid='review-stay.until'] dd")).toContain("30/06/2027");
    expect(await page.textContent("[data-testid=submit]")).toMatch(/^Nộp hồ sơ \(còn \d+ mục chưa xong\)$/);
    await step(page, "03-review-missing", "[data-testid=review-problems]");
    // Each bullet sits beside the first line of its item, also when the item wraps (review D14).
    const bullets = await bulletsOffFirstLine(page);
    expect(bullets.off).toEqual([]);
    expect(bullets.wrapped).toBeGreaterThan(0);
    // Back on the procedure page: the draft named by when it was saved and how much is filled;
    // "continue" is the primary action, "start a new one" a secondary one that asks first.
    await page.goto(`${env.s.baseUrl}/thu-tuc/LOCAL.DK-TAM-TRU`);
    await step(page, "04-continue-draft", "[data-testid=draft-card]");
    expect(await page.locator("[data-testid=draft-card]").count()).toBe(1);
    const label = (await page.textContent("[data-testid=draft-label]")) ?? "";
    expect(label).toMatch(/^Lưu lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}, đã điền \d+\/\d+ trường cần khai$/);
    expect(await page.getAttribute("[data-testid=continue-draft]", "class")).toContain("btn-primary");
    expect(await page.getAttribute("[data-testid=apply]", "class")).not.toContain("btn-primary");
    expect(await page.textContent("[data-testid=apply]")).toBe("Khai một hồ sơ mới");
    await page.click("[data-testid=apply]");
    await step(page, "04b-new-dossier-asks", "[data-testid=apply-new-question]");
    await page.click("text=Không khai mới");
    await page.click("[data-testid=continue-draft]");
    await page.waitForSelector("[data-testid=draft]");
    expect(new URL(page.url()).pathname).toBe(`/ho-so/${id}`);
    // In "my dossiers" a tap anywhere on the draft's card opens it.
    await page.goto(`${env.s.baseUrl}/ho-so`);
    await settled(page, `[data-testid=dossier-item][data-id='${id}']`);
    await tapOn(page, `[data-testid=dossier-item][data-id='${id}'] .muted`);
    await page.waitForSelector("[data-testid=draft]");
    expect(new URL(page.url()).pathname).toBe(`/ho-so/${id}`);
    // Deleted after one more tap on a question naming the draft: gone from the procedure page
    // and from "my dossiers".
    await page.goto(`${env.s.baseUrl}/thu-tuc/LOCAL.DK-TAM-TRU`);
    await page.click("[data-testid=delete-draft]");
    await step(page, "05-delete-draft-confirm", "[data-testid=delete-draft-yes]");
    expect(await page.textContent("[data-testid=delete-draft-question]")).toContain(`“${label}”`);
    await page.click("[data-testid=delete-draft-yes]");
    await page.locator("[data-testid=drafts]").waitFor({ state: "detached" });
    const status = await env.s.db.query<{ status: string }>("select status from dossiers where id = $1", [
      id,
    ]);
    expect(status.rows[0]?.status).toBe("withdrawn");
    await page.goto(`${env.s.baseUrl}/ho-so`);
    await settled(page, "h1");
    expect(await page.locator(`[data-testid=dossier-item][data-id='${id}']`).count()).toBe(0);
    await page.context().close();
  });

  it("a mistyped date is named as soon as it is refused: on leaving the box, and when the page opens again, for screen readers too", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, people.worker.pn, "/thu-tuc/LOCAL.DK-TAM-TRU");
    await page.waitForSelector("[data-testid=known-list]");
    await page.click("[data-testid=apply]");
    await page.waitForSelector("[data-testid=draft]");
    await page.click("[data-testid=step-next]");
    const box = "[data-testid='field-stay.until']";
    const error = "[data-testid='error-stay.until']";
    /** The box is marked invalid and described by the message the page shows. */
    const announced = async () => {
      await page.waitForSelector(error);
      expect(await page.textContent(error)).toMatch(/\S/);
      expect(await page.getAttribute(box, "aria-invalid")).toBe("true");
      const ids = (await page.getAttribute(box, "aria-describedby")) ?? "";
      const errorId = await page.getAttribute(error, "id");
      expect(ids.split(" ")).toContain(errorId);
    };
    await page.fill(box, "31/02/2027");
    expect(await page.locator(error).count()).toBe(0); // not while typing
    await page.press(box, "Tab"); // leaving the box once is enough
    await announced();
    await step(page, "08-mistyped-date", "[data-testid=save-status][data-state=partial]");
    // The page opens again: the kept value is on screen with its message, nothing touched.
    await page.reload();
    await page.waitForSelector(box);
    expect(await page.inputValue(box)).toBe("31/02/2027");
    await announced();
    await step(page, "09-mistyped-date-kept", error);
    // Typed year first ("2027-12-31", as copied from elsewhere): taken, and shown back the
    // Vietnamese way once the box is left (review D13).
    await page.fill(box, "2027-12-31");
    await page.press(box, "Tab");
    expect(await page.inputValue(box)).toBe("31/12/2027");
    await settled(page, "[data-testid=save-status][data-state=saved]");
    expect(await page.locator(error).count()).toBe(0);
    // An empty field still waits for the person.
    expect(await page.locator("[data-testid='error-stay.address']").count()).toBe(0);
    await page.context().close();
  });

  it("a number typed in words stays on screen with its message; an unknown procedure address says not found", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, people.neighbour.pn, "/thu-tuc/LOCAL.KET-HON");
    await page.waitForSelector("[data-testid=known-list]");
    await page.click("[data-testid=apply]");
    await page.waitForSelector("[data-testid=draft]");
    await page.click("[data-testid=step-next]");
    await page.fill("[data-testid='field-applicant.marriageCount']", "một");
    await page.locator("[data-testid='field-applicant.marriageCount']").blur();
    await step(page, "06-number-in-words", "[data-testid=save-status][data-state=partial]");
    expect(await page.inputValue("[data-testid='field-applicant.marriageCount']")).toBe("một");
    expect(await page.textContent("[data-testid='error-applicant.marriageCount']")).toContain("số");
    // Kept with the draft on the server, not in this tab: another device opening the draft (after a
    // reload, or the tab closed) shows the value as typed with its message.
    const at = new URL(page.url());
    const laptop = await phone(env.chromium, env.s.now);
    await signIn(laptop, env.s.baseUrl, people.neighbour.pn, `${at.pathname}${at.search}`);
    await laptop.waitForSelector("[data-testid='field-applicant.marriageCount']");
    expect(await laptop.inputValue("[data-testid='field-applicant.marriageCount']")).toBe("một");
    await settled(laptop, "[data-testid='error-applicant.marriageCount']");
    expect(await laptop.textContent("[data-testid='error-applicant.marriageCount']")).toContain("số");
    // The save status says what the draft holds: the rest saved, this value not (not "auto-saved").
    expect(await laptop.getAttribute("[data-testid=save-status]", "data-state")).toBe("partial");
    expect(await laptop.textContent("[data-testid=save-status]")).toBe(NOT_AN_ANSWER);
    await laptop.context().close();
    // An address naming no procedure, well-formed or not, says "not found".
    for (const code of ["LOCAL.KHONG-CO", "khong co thu tuc nay"]) {
      await page.goto(`${env.s.baseUrl}/thu-tuc/${encodeURIComponent(code)}`);
      await step(page, "07-procedure-not-found", "[data-testid=procedure-not-found]");
      expect(await page.textContent("main h1")).toBe("Không tìm thấy trang");
    }
    // An unknown linked group's address: "not found" to anyone, no sign-in asked (review D12).
    const stranger = await phone(env.chromium, env.s.now);
    await stranger.goto(`${env.s.baseUrl}/lien-thong/nop/khongco`);
    await settled(stranger, "[data-testid=linked-not-found]");
    expect(await stranger.textContent("main h1")).toBe("Không tìm thấy trang");
    expect(await stranger.locator("main a[href^='/auth/login']").count()).toBe(0);
    expect(await seriousViolations(stranger)).toEqual([]);
    await stranger.context().close();
    // A dossier that does not exist: "not found" with the way home, no "try again" (it cannot help).
    for (const path of ["/ho-so/not-a-uuid", "/lien-thong/xyz"]) {
      await page.goto(`${env.s.baseUrl}${path}`);
      await settled(page, "[data-testid=error]");
      expect(await page.textContent("[data-testid=error]"), path).toContain("Không tìm thấy");
    }
    await page.goto(`${env.s.baseUrl}/ho-so/48000000-0000-8000-8000-000000000000`);
    await settled(page, "[data-testid=error]");
    expect(await page.textContent("[data-testid=error]")).toContain("Không tìm thấy");
    expect(await page.locator("[data-testid=error] a[href='/']").count()).toBe(1);
    expect(await page.locator("[data-testid=error] button").count()).toBe(0);
    await page.context().close();
  });

  it("a submission is told in the app, with an unread badge until the notifications are opened", async () => {
    const mother = new Browser(env.s.baseUrl);
    await mother.signIn(people.mother.pn);
    const id = (await mother.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.001193" }))
      .body.id;
    expect((await mother.send("POST", `/api/dossiers/${id}/submit`, { values: BIRTH_VALUES })).status).toBe(
      200,
    );
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, people.mother.pn, "/");
    await step(page, "08-unread-badge", "[data-testid=unread-badge]");
    expect(await page.textContent("[data-testid=unread-badge]")).toBe("1(1 thông báo chưa đọc)");
    // The body of a procedure card on the home page opens the procedure too.
    await tapOn(page, "[data-testid^=popular-] .muted, .proc-card .muted");
    await settled(page, "[data-testid=procedure]");
    await page.goBack();
    await settled(page, "[data-testid=unread-badge]");
    await page.click("[data-testid=nav-thongbao]");
    await settled(page, "[data-testid=notification]");
    expect(await page.textContent("[data-testid=notification]")).toContain("“Đăng ký khai sinh”");
    expect(await page.textContent("[data-testid=notification]")).toContain("đã được nộp");
    await page.locator("[data-testid=unread-badge]").waitFor({ state: "detached" });
    await page.click("[data-testid=nav-home]");
    await settled(page, "[data-testid=search-input]");
    expect(await page.locator("[data-testid=unread-badge]").count()).toBe(0);
    // Another device (its own browser context and session): read there too, no badge.
    const other = await phone(env.chromium, env.s.now);
    await signIn(other, env.s.baseUrl, people.mother.pn, "/");
    await settled(other, "[data-testid=search-input]");
    await other.click("[data-testid=nav-thongbao]");
    await settled(other, "[data-testid=notification]");
    expect(await other.locator("[data-testid=notification-new]").count()).toBe(0);
    await other.click("[data-testid=nav-home]");
    await settled(other, "[data-testid=search-input]");
    expect(await other.locator("[data-testid=unread-badge]").count()).toBe(0);
    await other.context().close();
    await page.context().close();
  });
  it("a time of death is typed dd/mm/yyyy and hh:mm in an English browser, and stored as Vietnam's time", async () => {
    // No death notice for the worker's household: the time of death is typed, not prefilled.
    const page = await phone(env.chromium, env.s.now, "en-US");
    const worker = new Browser(env.s.baseUrl);
    await worker.signIn(people.worker.pn);
    const id = (
      await worker.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "LOCAL.KHAI-TU" })
    ).body.id;
    await signIn(page, env.s.baseUrl, people.worker.pn, `/ho-so/${id}`);
    await page.waitForSelector("[data-testid=draft]");
    const day = "[data-testid='field-death.at-day']";
    // Step 2 of 4, what is typed (step 1 shows what the registries know).
    await settled(page, "[data-testid=step-next]");
    await page.click("[data-testid=step-next]");
    await page.locator(day).waitFor({ timeout: UI_TIMEOUT });
    await page.fill(day, "02112026");
    await page.fill("[data-testid='field-death.at-time']", "1908");
    await page.locator("[data-testid='field-death.at-time']").blur();
    expect(await page.inputValue(day)).toBe("02/11/2026");
    expect(await page.inputValue("[data-testid='field-death.at-time']")).toBe("19:08");
    // Saved as the instant typed, Vietnam's local time (the draft's other fields may still be open).
    const stored = async () =>
      (
        await env.s.db.query<{ v: unknown }>("select form -> 'death.at' as v from dossiers where id = $1", [
          id,
        ])
      ).rows[0]?.v;
    await expect.poll(stored, { timeout: 10_000 }).toBe("2026-11-02T19:08");
    await step(page, "08-time-of-death", "[data-testid='field-death.at-time']");
    await page.context().close();
  });

  it("a long name and an unread badge fit the header: a quarter of the screen at most, no sideways scroll", async () => {
    const page = await phone(env.chromium, env.s.now);
    const long = "Tôn Nữ Hoàng Thị Thanh Nguyệt Đặng Khánh Thắm";
    // Her submission's notice unread again (the test before read it).
    await env.s.db.query("delete from notification_reads where personal_number = $1", [people.mother.pn]);
    // The mother's session, under a long name.
    await page.route("**/api/session", async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { principal: { name: string } | null };
      if (body.principal) body.principal.name = long;
      await route.fulfill({ response: res, json: body });
    });
    await signIn(page, env.s.baseUrl, people.mother.pn, "/ho-so");
    await step(page, "09-long-name-badge", "[data-testid=unread-badge]");
    const fit = await page.evaluate(() => {
      const who = document.querySelector<HTMLElement>("[data-testid=principal-name]");
      return {
        header: document.querySelector("header")?.getBoundingClientRect().height ?? 0,
        scrollWidth: document.documentElement.scrollWidth,
        title: who?.title,
        cut: (who?.scrollWidth ?? 0) > (who?.clientWidth ?? 0),
        signOut: document.querySelector("[data-testid=sign-out]")?.getBoundingClientRect().right ?? 0,
      };
    });
    expect(fit.header).toBeLessThanOrEqual(211);
    expect(fit.scrollWidth).toBeLessThanOrEqual(390);
    expect(fit.title).toBe(long);
    expect(fit.cut).toBe(true);
    expect(fit.signOut).toBeLessThanOrEqual(390);
    await page.context().close();
  });
});

import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { people } from "../helpers/fixtures.js";
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
} from "./browser.js";

// Issue 14, point 4, on a phone (390×844): a commune name typed and left without a pick (a picked
// one retyped, or one matching nothing) is kept with the draft with its message, never silently
// discarded and never an answer; the save status says it is kept, not yet an answer.
const env = serverAndBrowser();

/** The save status of a draft saved but for a refused value kept on screen ("partial"). */
const NOT_AN_ANSWER =
  "Đã lưu các ô khác. Ô báo lỗi được giữ lại nhưng chưa được tính là câu trả lời: hãy sửa theo hướng dẫn dưới ô đó.";

async function step(page: Page, name: string, ready: string) {
  await settled(page, ready);
  await shot(page, `${engine}-commune-kept-${name}`);
  const bad = await seriousViolations(page);
  expect(
    bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`),
    name,
  ).toEqual([]);
}

run(`a commune name left without a pick (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("a commune name left without a pick, a picked one retyped or one matching nothing, stays with its message after a reload, never saved as an answer", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, people.worker.pn, "/thu-tuc/LOCAL.DK-TAM-TRU");
    await page.waitForSelector("[data-testid=known-list]");
    await page.click("[data-testid=apply]");
    await page.waitForSelector("[data-testid=draft]");
    const id = new URL(page.url()).pathname.split("/ho-so/")[1] ?? "";
    await page.click("[data-testid=step-next]");
    const box = "[data-testid='field-stay.commune']";
    const error = "[data-testid='error-stay.commune']";
    const held = async () =>
      (
        await env.s.db.query<{ form: unknown; refused: unknown }>(
          "select form -> 'stay.commune' as form, refused -> 'stay.commune' ->> 'value' as refused from dossiers where id = $1",
          [id],
        )
      ).rows[0];
    /** What the phone shows: the text typed, its message, and a save status saying it is not an answer yet. */
    const shows = async (text: string, message: string) => {
      await expect.poll(() => page.textContent(error).catch(() => null)).toBe(`⚠ ${message}`);
      expect(await page.inputValue(box)).toBe(text);
      expect(await page.getAttribute(box, "aria-invalid")).toBe("true");
      await page.waitForSelector("[data-testid=save-status][data-state=partial]");
      expect(await page.textContent("[data-testid=save-status]")).toBe(NOT_AN_ANSWER);
    };
    const PICK = "Chọn một xã/phường trong danh sách";
    // Picked, saved; then retyped and left without a new pick.
    await pickCommune(page, "stay.commune", "hai chau", "20242");
    await page.waitForSelector("[data-testid=save-status][data-state=saved]");
    expect((await held())?.form).toBe("20242");
    await page.fill(box, "hai chau");
    await page.press(box, "Tab");
    await shows("hai chau", PICK);
    await expect.poll(async () => (await held())?.refused).toBe("hai chau");
    expect((await held())?.form).toBeNull(); // never an answer
    await page.reload();
    await page.waitForSelector(box);
    await shows("hai chau", PICK);
    await step(page, "01-pick-asked-reload", error);
    // A name that matches nothing, left so: said so under the field, before and after a reload.
    await page.fill(box, "qqxx zzkk");
    await page.waitForSelector("[data-testid=commune-none]");
    await page.press(box, "Tab");
    const NONE = "Không tìm thấy xã, phường nào khớp “qqxx zzkk”. Hãy gõ tên khác.";
    await shows("qqxx zzkk", NONE);
    await expect.poll(async () => (await held())?.refused).toBe("qqxx zzkk");
    await page.reload();
    await page.waitForSelector(box);
    await shows("qqxx zzkk", NONE);
    await step(page, "02-none-reload", error);
    // A pick ends it: saved as the answer, nothing kept refused.
    await pickCommune(page, "stay.commune", "hai chau", "20242");
    await page.waitForSelector("[data-testid=save-status][data-state=saved]");
    expect(await page.locator(error).count()).toBe(0);
    expect(await held()).toEqual({ form: "20242", refused: null });
    await page.context().close();
  });
});

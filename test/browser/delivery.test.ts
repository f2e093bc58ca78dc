import { beforeAll, expect, it } from "vitest";
import { enqueue } from "../../src/modules/delivery/index.js";
import { engine } from "../helpers/db.js";
import { BIRTH_VALUES, people } from "../helpers/fixtures.js";
import { Browser } from "../helpers/server.js";
import {
  context,
  phone,
  run,
  seriousViolations,
  serverAndBrowser,
  shot,
  signIn,
  TEST_TIMEOUT,
} from "./browser.js";

/**
 * Delivery as people see it: the mother reads on her dossier page which SMS went to her phone and
 * its status; the administrator finds a dead message on the delivery queue page, with its error,
 * and sends it again with a reason. Vietnamese first; no serious accessibility violation.
 */
const env = serverAndBrowser({ OUTBOX_MAX_ATTEMPTS: "1" }, { delivery: "manual" });
let id = "";
beforeAll(async () => {
  const s = env.s;
  const mother = new Browser(s.baseUrl);
  await mother.signIn(people.mother.pn);
  id = (await mother.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.001193" })).body.id;
  await mother.send("POST", `/api/dossiers/${id}/submit`, { values: BIRTH_VALUES });
  const receiver = new Browser(s.baseUrl);
  await receiver.signIn("motcua.20194");
  await receiver.send("POST", `/api/dossiers/${id}/actions`, { action: "receive" });
  // A message whose receiver is down: dead after its one attempt.
  s.app.delivery.registerHandler("registry.civil_status.birth", async () => {
    throw new Error("Hệ thống hộ tịch không trả lời (503)");
  });
  await s.db.tx((q) =>
    enqueue(q, {
      topic: "registry.civil_status.birth",
      key: id,
      payload: {},
      provinceCode: "48",
      at: s.now(),
      dossierCode: "UB.20194.H48-261104-0001",
    }),
  );
  await s.drain();
});

run(`delivery in the browser (${engine})`, () => {
  it(
    "the citizen sees the SMS about her dossier and that it reached her phone",
    async () => {
      const page = await phone(env.chromium, env.s.now);
      await signIn(page, env.s.baseUrl, people.mother.pn, `/ho-so/${id}`);
      // The dossier's SMS of its receipt (its filing has an SMS of its own).
      const item = page.locator("[data-testid=notification-status]", { hasText: "đã được tiếp nhận" });
      await item.waitFor({ timeout: 60_000 });
      expect(await item.getAttribute("data-status")).toBe("delivered");
      const text = (await item.textContent()) ?? "";
      expect(text).toContain("Đã đến máy");
      expect(text).toContain("090****456");
      expect(text).toContain("Hồ sơ “Đăng ký khai sinh” (mã UB.20194.H48-261104-0001) đã được tiếp nhận.");
      await shot(page, `${engine}-delivery-1-citizen`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    "the administrator retries a dead message with a reason, and the queue says so",
    async () => {
      const ctx = await context(env.chromium, env.s.now, { width: 1280, height: 900 });
      const page = await ctx.newPage();
      await signIn(page, env.s.baseUrl, "admin", "/can-bo");
      await page.click("[data-testid=ws-nav-outbox]");
      const row = await page.waitForSelector("[data-testid=outbox-row]");
      const text = (await row.textContent()) ?? "";
      expect(text).toContain("registry.civil_status.birth");
      expect(text).toContain("UB.20194.H48-261104-0001");
      expect(text).toContain("Hệ thống hộ tịch không trả lời (503)");
      expect(await page.textContent("[data-testid=outbox-dead]")).toBe("Đã ngừng gửi (1)");
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `${engine}-delivery-2-admin-dead`);
      // The buttons wait for a reason of at least 5 characters.
      expect(await page.isDisabled("[data-testid=outbox-retry]")).toBe(true);
      await page.fill("[data-testid=outbox-decide] input", "Hệ thống hộ tịch đã chạy lại.");
      await page.click("[data-testid=outbox-retry]");
      const notice = await page.waitForSelector("[data-testid=outbox-notice]");
      expect(await notice.textContent()).toMatch(/^Đã đưa tin 48-\d+ vào hàng đợi gửi lại\.$/);
      await page.waitForSelector("[data-testid=empty]");
      expect(await page.textContent("[data-testid=empty]")).toBe("Không có tin nào bị ngừng gửi.");
      await page.click("[data-testid=outbox-failed]");
      await page.waitForSelector("[data-testid=outbox-row]");
      await shot(page, `${engine}-delivery-3-admin-retried`);
      const audit = await env.s.db.query<{ detail: { reason: string } }>(
        "select detail from audit_log where action = 'outbox.retry'",
      );
      expect(audit.rows.map((r) => r.detail.reason)).toEqual(["Hệ thống hộ tịch đã chạy lại."]);
      await ctx.close();
    },
    TEST_TIMEOUT,
  );
});

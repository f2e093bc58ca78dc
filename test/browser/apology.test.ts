import fs from "node:fs";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { formatDate } from "../../src/domain/vietnamese-dates.js";
import { engine } from "../helpers/db.js";
import { BIRTH_VALUES, people } from "../helpers/fixtures.js";
import { pdfText } from "../helpers/poppler.js";
import { Browser, TEST_START } from "../helpers/server.js";
import {
  phone,
  run,
  seriousViolations,
  serverAndBrowser,
  settled,
  shot,
  signIn,
  smallTargets,
  TEST_TIMEOUT,
} from "./browser.js";

/**
 * The apology slip for a late dossier in a phone browser (390×844): the officer sends it from the
 * workspace dossier page (reason and new date typed dd/mm/yyyy, the server's refusals under their
 * field); the citizen reads it on her dossier page. Both download the signed slip (PDF) from a
 * link, whose text has the dossier code, the reason and the new date. The clock is injected and
 * jumps past the due.
 */

/** Clicks a download link; the PDF's text (poppler's pdftotext), spaces and line breaks folded. */
async function downloadedText(page: Page, selector: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  const file = await download.path();
  return pdfText(fs.readFileSync(file)).replace(/\s+/g, " ");
}
let offset = TEST_START.getTime() - Date.now();
const now = () => new Date(Date.now() + offset);
const env = serverAndBrowser({}, { now });

const REASON = "Cần xác minh thêm thông tin với Sở Tư pháp.";
/** A day in Vietnam (UTC+7), ISO. */
const vnDay = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

async function clean(page: Page, name: string, ready: string) {
  await settled(page, ready);
  await shot(page, `${engine}-apology-${name}`);
  const bad = await seriousViolations(page);
  expect(bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`, name)).toEqual([]);
}

run(`apology slip in a phone browser (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("an officer apologises for a late dossier with a new date; the citizen reads the reason and the date dd/mm/yyyy", async () => {
    const mother = new Browser(env.s.baseUrl);
    await mother.signIn(people.mother.pn);
    const id = (await mother.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.001193" }))
      .body.id;
    await mother.send("POST", `/api/dossiers/${id}/submit`, { values: BIRTH_VALUES });
    const receiver = new Browser(env.s.baseUrl);
    await receiver.signIn("motcua.20194");
    const received = await receiver.send<{ status: string; dueAt: string }>(
      "POST",
      `/api/dossiers/${id}/actions`,
      { action: "receive" },
    );
    expect(received.body.status, JSON.stringify(received.body)).toBe("received");

    // A day past its due instant: late.
    offset = new Date(received.body.dueAt).getTime() + 86_400_000 - Date.now();
    const newDay = vnDay(new Date(now().getTime() + 5 * 86_400_000));

    const officer = await phone(env.chromium, env.s.now);
    await signIn(officer, env.s.baseUrl, "motcua.20194", `/can-bo/ho-so/${id}`);
    await clean(officer, "01-form", "[data-testid=apology-form]");
    expect(await officer.locator("#apology-form-title").textContent()).toContain("Phiếu xin lỗi");
    expect((await smallTargets(officer)).filter((t) => t.includes("apology"))).toEqual([]);

    // Too short a reason: the server's message under the reason, nothing sent.
    await officer.fill("[data-testid=apology-reason-input]", "Chậm.");
    await officer.fill("#apology-date", formatDate(newDay));
    await officer.click("[data-testid=apology-send]");
    await officer.waitForSelector("[data-testid=apology-reason-error]");
    expect(await officer.textContent("[data-testid=apology-reason-error]")).toMatch(/ít nhất 10 ký tự/);
    expect(await officer.getAttribute("#apology-reason", "aria-invalid")).toBe("true");
    await clean(officer, "02-field-error", "[data-testid=apology-reason-error]");

    await officer.fill("[data-testid=apology-reason-input]", REASON);
    await officer.click("[data-testid=apology-send]");
    await officer.waitForSelector("[data-testid=action-done]:has-text('phiếu xin lỗi')");
    await clean(officer, "03-sent", "[data-testid=action-done]");

    const citizen = await phone(env.chromium, env.s.now);
    await signIn(citizen, env.s.baseUrl, people.mother.pn, `/ho-so/${id}`);
    await clean(citizen, "04-citizen", "[data-testid=apology]");
    expect(await citizen.textContent("[data-testid=apology-reason]")).toBe(REASON);
    expect(await citizen.textContent("[data-testid=apology-date]")).toContain(formatDate(newDay));
    expect(formatDate(newDay)).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);

    // The signed slip, from the citizen's apology panel and from the officer's workspace.
    const code = (await mother.send<{ code: string }>("GET", `/api/dossiers/${id}`)).body.code;
    expect(await citizen.locator("[data-testid=apology-download]").textContent()).toContain(`PXL-${code}-1`);
    expect((await smallTargets(citizen)).filter((t) => t.includes("apology"))).toEqual([]);
    await officer.reload();
    await clean(officer, "05-officer-slip", "[data-testid=ws-apology-slip]");
    expect((await smallTargets(officer)).filter((t) => t.includes("apology"))).toEqual([]);
    for (const [page, selector] of [
      [citizen, "[data-testid=apology-download]"],
      [officer, "[data-testid=ws-apology-slip] [data-testid=apology-download]"],
    ] as const) {
      const text = await downloadedText(page, selector);
      expect(text).toContain("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
      expect(text).toContain(code);
      expect(text).toContain(REASON);
      expect(text).toContain(`Hẹn lại ngày trả kết quả: ${formatDate(newDay)}`);
    }
  });
});

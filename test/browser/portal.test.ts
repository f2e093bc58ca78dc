import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { minimalPdf } from "../helpers/files.js";
import { people } from "../helpers/fixtures.js";
import { Browser } from "../helpers/server.js";
import {
  phone,
  pickCommune,
  run,
  SCREENSHOTS,
  seriousViolations,
  serverAndBrowser,
  settled,
  shot,
  TEST_TIMEOUT,
} from "./browser.js";

const env = serverAndBrowser();
const officers: Record<string, Browser> = {};
const visited: string[] = [];

async function officerAct(login: string, id: string, action: string, reason?: string) {
  if (!officers[login]) {
    officers[login] = new Browser(env.s.baseUrl);
    await officers[login].signIn(login);
  }
  const r = await (officers[login] as Browser).send<{ status: string }>(
    "POST",
    `/api/dossiers/${id}/actions`,
    {
      action,
      ...(reason ? { reason } : {}),
    },
  );
  expect(r.status, `${login} ${action}`).toBe(200);
}

/** Screenshot the step and check it with axe-core: no serious or critical violation. */
async function step(page: Page, name: string, ready: string) {
  await settled(page, ready);
  visited.push(await shot(page, `${engine}-${name}`));
  const bad = await seriousViolations(page);
  expect(
    bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`),
    name,
  ).toEqual([]);
}

async function signIn(page: Page, login: string) {
  await page.waitForSelector("#login");
  await page.fill("#login", login);
  await page.click("button[type=submit]");
}

/**
 * The mother files the same newborn again while the first dossier is being handled: the refusal
 * names the first dossier's code with a link to it, says to wait or withdraw it, never "try again".
 */
async function secondFilingIsRefused(firstId: string) {
  const page = await phone(env.chromium, env.s.now);
  await page.goto(`${env.s.baseUrl}/thu-tuc/1.001193`);
  await page.click("[data-testid=apply]");
  await signIn(page, people.mother.pn);
  // The birth the notice names is in hand: said before anything is typed, no draft to start.
  await page.waitForSelector("[data-testid=linked-duplicate]");
  expect(await page.getAttribute("[data-testid=linked-duplicate]", "data-code")).toBe("DUPLICATE_LIFE_EVENT");
  const notice = (await page.textContent("[data-testid=linked-duplicate]")) ?? "";
  expect(notice).toContain("đang được giải quyết");
  expect(notice).not.toMatch(/thử lại/i);
  expect(await page.locator("[data-testid=apply]").count()).toBe(0);
  const link = page.locator("[data-testid=linked-duplicate] a");
  expect(await link.getAttribute("href")).toBe(`/ho-so/${firstId}`);
  await step(page, "09b-second-filing-refused", "[data-testid=linked-duplicate]");
  await link.click();
  await page.waitForSelector("[data-testid=dossier-status][data-status=submitted]");
  expect(dossierId(page)).toBe(firstId);
  await page.context().close();
}

const dossierId = (page: Page) => new URL(page.url()).pathname.split("/ho-so/")[1] ?? "";

run(`citizen portal in a phone browser (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("birth registration: search, sign in, prefilled parents, type the child, submit, follow, download, verify, rate", async () => {
    const page = await phone(env.chromium, env.s.now);
    await page.goto(`${env.s.baseUrl}/`);
    await step(page, "01-home", "[data-testid=popular-item]");
    // A life event no single procedure's name matches leads to its linked group, and the page does
    // not also say that nothing was found.
    await page.fill("[data-testid=search-input]", "bố mất rồi làm gì");
    await page.waitForSelector("[data-testid=life-event-group][data-group=death]");
    await expect
      .poll(() => page.textContent("[data-testid=search-status]"))
      .toContain("nhóm thủ tục liên thông");
    expect(await page.locator("[data-testid=search-empty]").count()).toBe(0);
    await page.fill("[data-testid=search-input]", "");
    await page.type("[data-testid=search-input]", "lam giay khai sinh", { delay: 20 });
    const first = page
      .locator("[data-testid=search-results][data-query='lam giay khai sinh'] [data-testid=search-result]")
      .first();
    await expect.poll(() => first.getAttribute("data-code")).toBe("1.001193");
    await step(page, "02-search", "[data-testid=search-result]");
    await page.locator("[data-testid=search-result-link]").first().click();
    await step(page, "03-procedure", "[data-testid=procedure]");
    await page.click("[data-testid=apply]");
    await signIn(page, people.mother.pn);
    await step(page, "04-procedure-signed-in", "[data-testid=known-list]");
    await page.click("[data-testid=apply]");
    await page.waitForSelector("[data-testid=draft]");
    const id = dossierId(page);
    // The parents' details are already there, read-only, with their source.
    await expect
      .poll(() => page.textContent("[data-testid='value-mother.fullName']"))
      .toContain(people.mother.name);
    await expect
      .poll(() => page.textContent("[data-testid='value-father.fullName']"))
      .toContain(people.father.name);
    // What the registries decide is not asked (issue 14): the child's ethnicity and nationality from
    // the parents, her relationship from the notice, "parents are married" from the civil-status record.
    expect(await page.textContent("[data-testid='value-child.ethnicity']")).toContain("Kinh");
    expect(await page.textContent("[data-testid='value-requester.relationship']")).toContain("Mẹ");
    expect(await page.locator("[data-testid='value-parents.married']").count()).toBe(1);
    expect(await page.textContent("[data-testid=prefill-banner]")).toMatch(
      /cần \d+ trường; hệ thống đã điền sẵn \d+\./,
    );
    await step(page, "05-known-facts", "[data-testid=prefill-banner]");
    await page.click("[data-testid=step-next]");
    await page.fill("[data-testid='field-child.fullName']", "Nguyễn Ngọc Diệp");
    await page.fill("[data-testid='field-child.homeTown']", "Hải Vân, Đà Nẵng");
    await page.check("[data-testid='field-declaration.sworn']");
    await step(page, "06-typed", "[data-testid=save-status][data-state=saved]");
    await page.click("[data-testid=step-next]");
    // Nothing to upload: the hospital's certificate and the marriage record are data.
    expect(await page.locator("[data-testid^=upload-]").count()).toBe(0);
    await step(page, "07-uploads-none", "[data-testid=uploads-none]");
    await page.click("[data-testid=step-next]");
    await step(page, "08-review", "[data-testid=review]");
    await page.click("[data-testid=submit]");
    await step(page, "09-submitted", "[data-testid=dossier-status][data-status=submitted]");
    const { rows } = await env.s.db.query<{ fields_typed: number; fields_prefilled: number }>(
      "select fields_typed, fields_prefilled from dossiers where id = $1",
      [id],
    );
    // Typed: the child's name and home town, the sworn statement (the rest is the registries').
    expect(rows[0]?.fields_typed).toBe(3);
    await secondFilingIsRefused(id);
    // Officers process it (through the API); the citizen sees each step.
    await officerAct("motcua.20194", id, "receive");
    await officerAct("chuyenvien.20194", id, "forward");
    await officerAct("lanhdao.20194", id, "approve");
    await officerAct("lanhdao.20194", id, "issue_result");
    await page.reload();
    await page.waitForSelector("[data-testid=result-number]");
    // create, submit, receive, forward, approve, issue_result: no fee, so no payment.
    expect(await page.locator("[data-testid=timeline-item]").count()).toBe(6);
    // The citizen reads who acted by role, never an officer's sign-in name.
    expect(await page.textContent("[data-testid=timeline]")).not.toMatch(/lanhdao\.|chuyenvien\.|motcua\./);
    await step(page, "10-result-issued", "[data-testid=result-number]");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("[data-testid=result-download]"),
    ]);
    const pdfPath = path.join(SCREENSHOTS, `${engine}-result.pdf`);
    await download.saveAs(pdfPath);
    await officerAct("motcua.20194", id, "return_result");
    await page.reload();
    await page.waitForSelector("[data-testid=rating-form]");
    await page.check("[data-testid=rating-5]");
    await page.fill("[data-testid=rating-comment]", "Nhanh, không phải khai lại.");
    await page.click("[data-testid=rating-submit]");
    await step(page, "11-rated", "[data-testid=rating-done]");
    // The public verification page: genuine by number and by file; one changed byte fails.
    await page.click("[data-testid=result-verify-link]");
    await page.waitForSelector("[data-testid=verify-result][data-valid=true]");
    await page.setInputFiles("[data-testid=verify-file]", pdfPath);
    await page.waitForSelector("[data-testid=verify-pdf-result][data-valid=true]");
    const altered = fs.readFileSync(pdfPath);
    altered[altered.length - 20] = (altered[altered.length - 20] ?? 0) ^ 1;
    const alteredPath = path.join(SCREENSHOTS, `${engine}-altered.pdf`);
    fs.writeFileSync(alteredPath, altered);
    await page.setInputFiles("[data-testid=verify-file]", alteredPath);
    await step(page, "12-verify-altered", "[data-testid=verify-pdf-result][data-valid=false]");
    await page.context().close();
  });

  it("temporary residence: upload, pay by VietQR through the demo bank, answer a supplement from the phone", async () => {
    const page = await phone(env.chromium, env.s.now);
    await page.goto(`${env.s.baseUrl}/`);
    await page.fill("[data-testid=search-input]", "dang ky tam tru");
    const first = page
      .locator("[data-testid=search-results][data-query='dang ky tam tru'] [data-testid=search-result]")
      .first();
    await expect.poll(() => first.getAttribute("data-code")).toBe("LOCAL.DK-TAM-TRU");
    await page.locator("[data-testid=search-result-link]").first().click();
    await page.click("[data-testid=apply]");
    await signIn(page, people.worker.pn);
    await page.waitForSelector("[data-testid=known-list]");
    await page.click("[data-testid=apply]");
    await page.waitForSelector("[data-testid=draft]");
    const id = dossierId(page);
    await page.click("[data-testid=step-next]");
    await pickCommune(page, "stay.commune", "Hải Vân", "20194");
    await page.fill("[data-testid='field-stay.address']", "Phòng 3, nhà trọ số 12");
    await page.fill("[data-testid='field-stay.until']", "30/06/2027");
    await page.check("[data-testid='field-host.consent']");
    await step(page, "21-tr-typed", "[data-testid=save-status][data-state=saved]");
    await page.click("[data-testid=step-next]");
    const pdf = path.join(SCREENSHOTS, "hop-dong-thue-nha.pdf");
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    fs.writeFileSync(pdf, minimalPdf());
    await page.setInputFiles("[data-testid=upload-lawfulResidenceProof]", pdf);
    await step(page, "22-tr-uploaded", "[data-testid=component-lawfulResidenceProof][data-state=uploaded]");
    await page.click("[data-testid=step-next]");
    await page.click("[data-testid=submit]");
    await page.waitForSelector("[data-testid=payment][data-status=unpaid]");
    await step(page, "23-tr-pay", "[data-testid=vietqr]");
    await page.click("[data-testid=pay-link]");
    await page.click("[data-testid=demo-bank-confirm]");
    await step(page, "24-tr-paid", "[data-testid=payment][data-status=paid]");
    await officerAct("motcua.20194", id, "receive");
    await officerAct(
      "chuyenvien.20194",
      id,
      "request_supplement",
      "Hợp đồng thuê nhà cần có chữ ký của chủ nhà.",
    );
    await page.reload();
    await page.waitForSelector("[data-testid=supplement]");
    expect(await page.textContent("[data-testid=supplement-reason]")).toContain("chữ ký của chủ nhà");
    await step(page, "25-tr-supplement-requested", "[data-testid=supplement]");
    await page.setInputFiles("[data-testid=upload-lawfulResidenceProof]", pdf);
    await page.click("[data-testid=supplement-send]");
    await step(page, "26-tr-supplemented", "[data-testid=dossier-status][data-status=supplemented]");
    await page.context().close();
  });

  it("marriage registration: the browser shows the server's own words; a failed submit moves focus to the error summary", async () => {
    const page = await phone(env.chromium, env.s.now);
    await page.goto(`${env.s.baseUrl}/thu-tuc/LOCAL.KET-HON`);
    await page.click("[data-testid=apply]");
    await signIn(page, people.worker.pn);
    await page.waitForSelector("[data-testid=known-list]");
    await page.click("[data-testid=apply]");
    await page.waitForSelector("[data-testid=draft]");
    await page.click("[data-testid=step-next]");
    // A blank name, and a partner born in 2030 typed as a year only (day and month may be left empty).
    await page.fill("[data-testid='field-partner.fullName']", "   ");
    await page.selectOption("[data-testid='field-partner.sex']", "F");
    await page.fill("[data-testid='field-partner.birthDate-year']", "2030");
    await page.locator("[data-testid='field-partner.birthDate-year']").blur();
    await page.fill("[data-testid='field-partner.ethnicity']", "Kinh");
    // A foreign partner: a passport number instead of a personal number.
    await page.fill("[data-testid='field-partner.nationality']", "Lào");
    await page.fill("[data-testid='field-partner.passportNumber']", "P1234567");
    await page.fill("[data-testid='field-partner.residence']", "Liên Chiểu, Đà Nẵng");
    await page.fill("[data-testid='field-applicant.marriageCount']", "1");
    await page.fill("[data-testid='field-partner.marriageCount']", "1");
    await page.check("[data-testid='field-declaration.sworn']");
    const inline = await page.textContent("[data-testid='error-partner.birthDate']");
    expect(inline).toContain("Ngày, tháng, năm sinh của người kia: không thể là một ngày trong tương lai.");
    // The refused value stays on screen with its message; the rest is saved, and the status says so.
    await step(page, "41-marriage-typed-errors", "[data-testid=save-status][data-state=partial]");
    expect(await page.inputValue("[data-testid='field-partner.birthDate-year']")).toBe("2030");
    await page.click("[data-testid=step-next]");
    await page.click("[data-testid=step-next]");
    await page.waitForSelector("[data-testid=review]");
    // The submit button says how many things are left before the server is asked.
    expect(await page.textContent("[data-testid=submit]")).toBe("Nộp hồ sơ (còn 2 mục chưa xong)");
    await page.click("[data-testid=submit]");
    await page.waitForSelector("[data-testid=submit-error]");
    // Keyboard focus is on the error summary, not on the page body.
    await expect
      .poll(() =>
        page.evaluate(
          () => document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.tagName,
        ),
      )
      .toBe("review-problems");
    expect(await page.textContent("[data-testid=submit-error]")).toBe("Biểu mẫu còn trường chưa hợp lệ.");
    // The summary's words are the server's (FORM_INVALID details) and the same as the field showed.
    expect(await page.textContent("[data-testid='problem-partner.birthDate']")).toBe(
      inline?.replace(/^⚠ /, ""),
    );
    expect(await page.textContent("[data-testid='problem-partner.fullName']")).toBe(
      "Họ, chữ đệm và tên của người kia: bắt buộc.",
    );
    await step(page, "42-marriage-submit-refused", "[data-testid=submit-error]");
    // The next Tab reaches the first problem, a link to its field.
    await page.keyboard.press("Tab");
    expect(
      await page.evaluate(() => document.activeElement?.closest("li")?.getAttribute("data-testid")),
    ).toBe("problem-partner.fullName");
    await page.context().close();
  });

  it("switching to English translates the interface; every page stays accessible", async () => {
    const page = await phone(env.chromium, env.s.now);
    await page.goto(`${env.s.baseUrl}/auth/login?next=/ho-so`);
    await signIn(page, people.worker.pn);
    await page.waitForSelector("[data-testid=dossier-item]");
    await page.click("[data-testid=lang-en]");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    for (const [route, ready, name] of [
      ["/ho-so", "[data-testid=dossier-item]", "31-en-my-dossiers"],
      ["/du-lieu-cua-toi", "[data-testid=access-item]", "32-en-my-data"],
      ["/thong-bao", "[data-testid=notification]", "33-en-notifications"],
      ["/thu-tuc/LOCAL.DK-TAM-TRU", "[data-testid=procedure]", "34-en-procedure"],
      ["/", "[data-testid=search-input]", "35-en-home"],
    ] as const) {
      await page.goto(`${env.s.baseUrl}${route}`);
      await step(page, name, ready);
      // Interface text (headings, buttons, labels, navigation) carries no Vietnamese once switched.
      const chrome = await page.$$eval("h1, h2, button, label, nav a, th", (els) =>
        els
          // A language's own name (the VI button, lang="vi") is meant to stay in that language.
          .filter((e) => e.closest("[lang]")?.getAttribute("lang") === "en")
          // biome-ignore lint/performance/useDomNodeTextContent: only rendered text counts here
          .map((e) => (e as HTMLElement).innerText.trim())
          .filter(Boolean),
      );
      const vietnamese = chrome.filter((t) =>
        /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(t),
      );
      expect(vietnamese, route).toEqual([]);
    }
    await page.context().close();
  });

  it("wrote a screenshot of each step", () => {
    expect(visited.length).toBe(26);
    for (const f of visited) expect(fs.statSync(f).size).toBeGreaterThan(1000);
  });
});

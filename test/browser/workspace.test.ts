import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { minimalPdf } from "../helpers/files.js";
import { people } from "../helpers/fixtures.js";
import { Browser } from "../helpers/server.js";
import {
  context,
  phone,
  pickCommune,
  run,
  SCREENSHOTS,
  seriousViolations,
  serverAndBrowser,
  settled,
  shortTargets,
  shot,
  signIn,
  TEST_TIMEOUT,
} from "./browser.js";

type Box = { x: number; y: number; width: number; height: number };

const MARITAL = "LOCAL.XAC-NHAN-TTHN";
const VALUES = {
  "person.maritalStatus": "married", // what the civil-status registry holds of the couple
  purpose: "Để đăng ký kết hôn",
  copies: 1,
  "declaration.sworn": true,
};

const env = serverAndBrowser();

/** An officer on a laptop-sized screen, signed in through the same identity provider. */
async function officer(login: string, next = "/can-bo"): Promise<Page> {
  const page = await (await context(env.chromium, env.s.now, { width: 1280, height: 900 })).newPage();
  await signIn(page, env.s.baseUrl, login, next);
  return page;
}

async function step(page: Page, name: string, ready: string) {
  await settled(page, ready);
  await shot(page, `${engine}-ws-${name}`);
  const bad = await seriousViolations(page);
  expect(
    bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`),
    name,
  ).toEqual([]);
}

/** A citizen's submitted and paid marital-status dossier, through the API. */
async function citizenDossier(pn: string): Promise<string> {
  const c = new Browser(env.s.baseUrl);
  await c.signIn(pn);
  const created = await c.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: MARITAL });
  await c.send("POST", `/api/dossiers/${created.body.id}/submit`, { values: VALUES });
  const { rows } = await env.s.db.query<{ id: string }>("select id from payments where dossier_id = $1", [
    created.body.id,
  ]);
  await c.fetch(`/demo-bank/pay/${rows[0]?.id}`, { method: "POST" });
  return created.body.id;
}

async function act(page: Page, action: string, reason?: string) {
  if (reason) await page.fill("[data-testid=action-reason]", reason);
  await page.click(`[data-testid=action-${action}]`);
  // A refusal is confirmed once more before it is sent.
  if (action === "refuse" || action === "refuse_receipt")
    await page.click("[data-testid=action-confirm-yes]");
}

run(`officer workspace (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("receiver, specialist and leader of commune A take a dossier from receipt to a verified result", async () => {
    const id = await citizenDossier(people.father.pn);
    const receiver = await officer("motcua.20194");
    await receiver.waitForSelector("[data-testid=queue]");
    await step(receiver, "01-queue", `[data-testid=queue-row][data-id='${id}']`);
    await receiver.click(`[data-testid=queue-row][data-id='${id}'] a`);
    await receiver.waitForSelector("[data-testid=officer-dossier]");
    await act(receiver, "receive");
    await receiver.waitForSelector("[data-testid=action-request_supplement]");
    await receiver.click("[data-testid=assign-me]");
    await receiver.waitForSelector("[data-testid=assignee][data-assignee='motcua.20194']");
    // The log reads in the real sequence, first to last: received, then assigned (same minute).
    await expect
      .poll(() =>
        receiver
          .locator("[data-testid=timeline-item]")
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-type"))),
      )
      .toEqual(["create", "submit", "record_payment", "receive", "assign"]);
    await step(receiver, "02-received", "[data-testid=action-request_supplement]");
    // The queue's badge is the domain's due rule on the instants the API sent: 3 working days left.
    await receiver.goto(`${env.s.baseUrl}/can-bo`);
    await receiver.waitForSelector(`[data-testid=queue-row][data-id='${id}'][data-due=on_time]`);
    await receiver.goto(`${env.s.baseUrl}/can-bo/ho-so/${id}`);
    await receiver.waitForSelector("[data-testid=action-request_supplement]");
    await act(receiver, "request_supplement", "Xin ghi rõ mục đích sử dụng giấy xác nhận.");
    await receiver.waitForSelector("[data-testid=action-request_supplement]", { state: "detached" });
    // The citizen answers the supplement request (through the API).
    const citizen = new Browser(env.s.baseUrl);
    await citizen.signIn(people.father.pn);
    const sup = await citizen.send<{ status: string }>("POST", `/api/dossiers/${id}/actions`, {
      action: "supplement",
      values: { purpose: "Để đăng ký kết hôn với bà Lê Thị Dung tại UBND phường Liên Chiểu" },
    });
    expect(sup.body.status).toBe("supplemented");
    const specialist = await officer("chuyenvien.20194", `/can-bo/ho-so/${id}`);
    await specialist.waitForSelector("[data-testid=action-forward]");
    await act(specialist, "forward");
    await expect
      .poll(async () => (await citizen.send<{ status: string }>("GET", `/api/dossiers/${id}`)).body.status)
      .toBe("in_processing");
    const leader = await officer("lanhdao.20194", `/can-bo/ho-so/${id}`);
    await leader.waitForSelector("[data-testid=action-approve]");
    await act(leader, "approve");
    await leader.waitForSelector("[data-testid=action-issue_result]");
    await act(leader, "issue_result");
    await step(leader, "03-result-issued", "[data-testid=result-number]");
    // The whole log names each actor.
    const view = await citizen.send<{ log: Array<{ type: string; actorId: string }> }>(
      "GET",
      `/api/dossiers/${id}`,
    );
    expect(view.body.log.map((a) => `${a.type}:${a.actorId}`)).toEqual([
      `create:${people.father.pn}`,
      `submit:${people.father.pn}`,
      "record_payment:demo-bank",
      "receive:motcua.20194",
      "assign:motcua.20194",
      "request_supplement:motcua.20194",
      `supplement:${people.father.pn}`,
      "forward:chuyenvien.20194",
      "approve:lanhdao.20194",
      "issue_result:lanhdao.20194",
    ]);
    // The citizen's result verifies on the public page.
    // Opened from the QR link (number and verification code): the full facts.
    const result = await citizen.send<{ verifyUrl: string }>("GET", `/api/dossiers/${id}/result`);
    const pub = await phone(env.chromium, env.s.now);
    await pub.goto(result.body.verifyUrl.replace(/^https?:\/\/[^/]+/, env.s.baseUrl));
    await step(pub, "04-public-verification", "[data-testid=verify-result][data-valid=true]");
    await leader.goto(`${env.s.baseUrl}/can-bo/lanh-dao`);
    // Decided (result issued) within the due instant after one supplement request: on time (KPIS.md).
    await step(leader, "05-leader", "[data-testid=leader-on-time-share][data-share='100']");
    for (const p of [receiver, specialist, leader, pub]) await p.context().close();
  });

  it("the queue on a phone: every control a 44×44 px target, the header a quarter of the screen at most", async () => {
    await citizenDossier(people.neighbour.pn);
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, "motcua.20197", "/can-bo");
    await step(page, "06-queue-phone", "[data-testid=queue-row]");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it("the leader's header on a phone: the role and commune are never drawn over the tabs", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, "lanhdao.20194", "/can-bo/lanh-dao");
    await step(page, "06c-leader-header-phone", "[data-testid=ws-who]");
    const who = await page.locator("[data-testid=ws-who]").boundingBox();
    expect(await page.locator("[data-testid=ws-who]").textContent()).toBe(
      "Lãnh đạo phê duyệt · Phường Hải Vân",
    );
    const tabs = page.locator("[data-testid^=ws-nav-]");
    expect(await tabs.count()).toBeGreaterThanOrEqual(2);
    const overlaps = (a: Box, b: Box) =>
      a.x < b.x + b.width - 0.5 &&
      b.x < a.x + a.width - 0.5 &&
      a.y < b.y + b.height - 0.5 &&
      b.y < a.y + a.height - 0.5;
    for (const tab of await tabs.all()) {
      const box = await tab.boundingBox();
      if (!box || !who) throw new Error("no box");
      expect(
        overlaps(who, box),
        `${await tab.textContent()} ${JSON.stringify(box)} / ${JSON.stringify(who)}`,
      ).toBe(false);
      // Every tab reachable: inside the screen's width or in the row that scrolls sideways.
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
    const header = await page.locator("header.ws-header").boundingBox();
    expect(header?.height ?? 999).toBeLessThanOrEqual(844 / 4);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it("an officer of commune A cannot see or act on commune B's dossiers, in the UI or by editing URLs", async () => {
    const idB = await citizenDossier(people.neighbour.pn);
    const officerA = await officer("motcua.20194");
    await officerA.waitForSelector("[data-testid=queue]");
    expect(await officerA.locator(`[data-testid=queue-row][data-id='${idB}']`).count()).toBe(0);
    await officerA.goto(`${env.s.baseUrl}/can-bo/ho-so/${idB}`);
    await step(officerA, "06-other-commune-hidden", "[data-testid=error], [data-testid=empty]");
    expect(await officerA.locator("[data-testid=action-receive]").count()).toBe(0);
    // The API refuses the same through its own URLs, with the page's session.
    const status = await officerA.evaluate(async (id) => (await fetch(`/api/dossiers/${id}`)).status, idB);
    expect(status).toBe(404);
    await officerA.context().close();
  });

  it("the national viewer opens the list behind a figure, not the queue or the dossiers' content", async () => {
    const viewer = await officer("quocgia");
    // The workspace's home (the queue) sends those who see aggregates only to the leader's view.
    await viewer.waitForSelector("[data-testid=leader-scope]");
    expect(new URL(viewer.url()).pathname).toBe("/can-bo/lanh-dao");
    expect(await viewer.locator("[data-testid=ws-nav-queue]").count()).toBe(0);
    const finished = viewer.locator("[data-testid=leader-today-finished]");
    expect(await finished.getAttribute("href")).toBe("/can-bo/lanh-dao/ho-so?so=finished");
    const shown = Number(await finished.getAttribute("data-value"));
    await step(viewer, "06b-national-figures", "[data-testid=leader-today-finished]");
    await finished.click();
    // The list of the dossiers finished today: as many as the number, codes only (no dossier to open).
    await step(
      viewer,
      "06d-national-drill",
      "[data-testid=leader-drill] :is([data-testid=drill-total], [data-testid=empty])",
    );
    const codes = viewer.locator("[data-testid=drill-dossier-code]");
    expect(await codes.count()).toBe(Math.min(shown, 20));
    expect(await viewer.locator("[data-testid=drill-dossier]").count()).toBe(0);
    await viewer.context().close();
  });

  it("a postal agent files a temporary residence registration for a citizen present, confirmed by a one-time code", async () => {
    const agent = await officer("buudien.20194", "/can-bo/nop-ho");
    await agent.waitForSelector("[data-testid=assist-pn]");
    await agent.fill("[data-testid=assist-pn]", people.worker.pn);
    await agent.selectOption("[data-testid=assist-procedure]", "LOCAL.DK-TAM-TRU");
    await agent.click("[data-testid=assist-create]");
    await agent.click("[data-testid=otp-send]");
    // Wait until the code is sent, then read it from the demo SMS outbox as the citizen's phone would.
    await agent.waitForSelector("[data-testid=otp-sent]");
    const readCode = async () => {
      const { rows } = await env.s.db.query<{ code: string }>(
        "select substring(text_vi from 'mã xác nhận ([0-9]{6})') as code from demo_sms where personal_number = $1 and text_vi like '%mã xác nhận%' order by id desc limit 1",
        [people.worker.pn],
      );
      return rows[0]?.code ?? "";
    };
    // The SMS goes through delivery (the dispatcher runs right after the send).
    await expect.poll(readCode, { timeout: 10_000 }).toMatch(/^\d{6}$/);
    const code = await readCode();
    await agent.fill("[data-testid=otp-code]", code);
    await agent.click("[data-testid=otp-verify]");
    await step(agent, "07-agent-confirmed", "[data-testid=draft]");
    // The agent fills what the registries lack, uploads the tenancy agreement and submits.
    await agent.click("[data-testid=step-next]");
    await pickCommune(agent, "stay.commune", "Hải Vân", "20194");
    await agent.fill("[data-testid='field-stay.address']", "Phòng 7, nhà trọ số 3");
    await agent.fill("[data-testid='field-stay.until']", "31/03/2027");
    await agent.check("[data-testid='field-host.consent']");
    await agent.waitForSelector("[data-testid=save-status][data-state=saved]");
    await agent.click("[data-testid=step-next]");
    const pdf = path.join(SCREENSHOTS, "agent-hop-dong.pdf");
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    fs.writeFileSync(pdf, minimalPdf());
    await agent.setInputFiles("[data-testid=upload-lawfulResidenceProof]", pdf);
    await agent.waitForSelector("[data-testid=component-lawfulResidenceProof][data-state=uploaded]");
    await agent.click("[data-testid=step-next]");
    await agent.click("[data-testid=submit]");
    await step(agent, "07b-agent-submitted", "[data-testid=filing][data-status=submitted]");
    // The receiver on a phone: the uploaded file's "open in a new tab" is a 44 px tap target (it
    // was 127×17 px at 390 px).
    const filed = await env.s.db.query<{ id: string }>(
      "select id from dossiers where applicant_number = $1 and channel = 'online_on_behalf'",
      [people.worker.pn],
    );
    const receiverPhone = await phone(env.chromium, env.s.now);
    await signIn(receiverPhone, env.s.baseUrl, "motcua.20194", `/can-bo/ho-so/${filed.rows[0]?.id}`);
    await settled(receiverPhone, "[data-testid=file-open-new]");
    await shot(receiverPhone, `${engine}-ws-07c-file-on-phone`);
    expect(await receiverPhone.textContent("[data-testid=file-open-new]")).toBe("Mở trong thẻ mới");
    expect(await shortTargets(receiverPhone, "[data-testid=file-open-new]")).toEqual([]);
    await receiverPhone.context().close();
    const { rows } = await env.s.db.query<{ status: string; created_by: string }>(
      "select status, created_by from dossiers where applicant_number = $1 and channel = 'online_on_behalf'",
      [people.worker.pn],
    );
    expect(rows).toEqual([{ status: "submitted", created_by: "buudien.20194" }]);
    // The citizen sees it in their own portal.
    const citizen = await phone(env.chromium, env.s.now);
    await signIn(citizen, env.s.baseUrl, people.worker.pn, "/ho-so");
    await step(citizen, "08-citizen-sees-agent-filing", "[data-testid=dossier-item]");
    // The worker's only dossier: the one the agent filed.
    expect(await citizen.locator("[data-testid=dossier-item]").count()).toBe(1);
    for (const p of [agent, citizen]) await p.context().close();
  });

  it("at the counter the draft speaks to the officer about the citizen, on a phone", async () => {
    const page = await phone(env.chromium, env.s.now);
    // The demo sign-in list on a phone: every account a 44 px target, its role in words; one tap signs in.
    await page.goto(`${env.s.baseUrl}/auth/login?next=${encodeURIComponent("/can-bo/tiep-nhan")}`);
    await step(page, "09a-demo-sign-in-list", "[data-testid=demo-account]");
    await page.click("[data-testid=demo-account][value='motcua.20194']");
    await page.waitForSelector("[data-testid=assist-pn]");
    await page.fill("[data-testid=assist-pn]", people.mother.pn);
    await page.selectOption("[data-testid=assist-procedure]", "LOCAL.DK-TAM-TRU");
    await page.click("[data-testid=assist-create]");
    await step(page, "09-counter-first-step", "[data-testid=prefill-banner]");
    // Never "cho bạn", "khi bạn đăng nhập": the citizen is not the one reading.
    const first = await page.locator("[data-testid=draft]").textContent();
    expect(first).not.toMatch(/(^|[^\p{L}])bạn(?![\p{L}])/iu);
    expect(await page.locator("[data-testid=prefill-banner]").textContent()).toMatch(/của công dân\.$/);
    await page.click("[data-testid=step-next]");
    await settled(page, "[data-testid=draft][data-step=typed]");
    expect(await page.locator("[data-testid=draft]").textContent()).not.toMatch(
      /(^|[^\p{L}])bạn(?![\p{L}])/iu,
    );
    // The review's list of what is missing names the fields as the form does, in the third person:
    // "Kết hôn lần thứ mấy (của người yêu cầu): bắt buộc", not "(của bạn)"; the declaration
    // "Người yêu cầu cam đoan…", not "Tôi cam đoan…".
    await page.goto(`${env.s.baseUrl}/can-bo/tiep-nhan`);
    await page.fill("[data-testid=assist-pn]", people.mother.pn);
    await page.selectOption("[data-testid=assist-procedure]", "LOCAL.KET-HON");
    await page.click("[data-testid=assist-create]");
    await settled(page, "[data-testid=draft][data-step=known]");
    await page.goto(`${page.url().split("?")[0]}?buoc=4`);
    await settled(page, "[data-testid=draft][data-step=review]");
    const review = (await page.locator("[data-testid=draft]").textContent()) ?? "";
    expect(review).toContain("Kết hôn lần thứ mấy (của người yêu cầu)");
    expect(review).toContain("Người yêu cầu cam đoan những nội dung khai trên đây là đúng sự thật");
    expect(review).not.toMatch(/(^|[^\p{L}])(bạn|tôi)(?![\p{L}])/iu);
    await page.context().close();
  });
});

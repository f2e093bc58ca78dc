import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { TEXT_LIMITS } from "../../src/domain/inputs.js";
import { engine } from "../helpers/db.js";
import { BIRTH_VALUES, people } from "../helpers/fixtures.js";
import { decide, signInEach } from "../helpers/journey.js";
import { cleanStep, phone, run, serverAndBrowser, settled, signIn, TEST_TIMEOUT } from "./browser.js";

/**
 * Feedback and complaints ("phản ánh, kiến nghị") in a phone browser (390×844): the citizen files
 * one on her finished dossier (a text over the limit refused by the form itself with the server's
 * own words, an empty one by the server: focus on the message each time; once sent, focus on the
 * new complaint); the one-stop officer finds it with the queue's open-complaints filter (its count,
 * the complaint's due date) and answers it; the citizen reads the answer with the officer's name.
 * axe-core and the project's checks find nothing serious on each new state.
 */
const env = serverAndBrowser();
type Err = { error: { code: string; messageVi: string } };
const clean = (page: Page, name: string, ready: string) =>
  cleanStep(page, `${engine}-complaints-${name}`, ready);
const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.id);

run(`feedback and complaints in a phone browser (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("the citizen files one on her finished dossier; the officer finds it in the open complaints and answers; she sees who answered", async () => {
    // A birth registration decided and its result returned (through the API): finished.
    const officers = await signInEach(env.s.baseUrl, {
      mother: people.mother.pn,
      receiver: "motcua.20194",
      specialist: "chuyenvien.20194",
      leader: "lanhdao.20194",
    });
    const mother = officers("mother");
    const { id } = (await mother.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.001193" }))
      .body;
    const submitted = await mother.send("POST", `/api/dossiers/${id}/submit`, { values: BIRTH_VALUES });
    expect(submitted.status).toBe(200);
    await decide(officers, id);
    // The server's words for a text over the limit, and for none.
    const tooLong = (
      await mother.send<Err>("POST", `/api/dossiers/${id}/complaints`, {
        text: "x".repeat(TEXT_LIMITS.complaintText + 1),
      })
    ).body.error;
    expect(tooLong.code).toBe("COMPLAINT_TOO_LONG");

    // The citizen's dossier page: the form with its counter.
    const citizen = await phone(env.chromium, env.s.now);
    await signIn(citizen, env.s.baseUrl, people.mother.pn, `/ho-so/${id}`);
    await clean(citizen, "01-form", "[data-testid=complaint-form]");
    expect(await citizen.textContent("[data-testid=complaint-count]")).toBe(`0/${TEXT_LIMITS.complaintText}`);
    // The counter follows each key; the polite live region speaks only past a threshold (75 %).
    await citizen.fill("[data-testid=complaint-text]", "Chậm quá.");
    expect(await citizen.textContent("[data-testid=complaint-count]")).toBe(`9/${TEXT_LIMITS.complaintText}`);
    expect(await citizen.textContent("[data-testid=complaint-count-live]")).toBe("");
    expect(await citizen.getAttribute("[data-testid=complaint-count-live]", "aria-live")).toBe("polite");
    await citizen.fill("[data-testid=complaint-text]", "x".repeat(TEXT_LIMITS.complaintText * 0.8));
    const crossed = await citizen.textContent("[data-testid=complaint-count-live]");
    expect(crossed).toBe(
      `Đã nhập ${TEXT_LIMITS.complaintText * 0.75} trên ${TEXT_LIMITS.complaintText} ký tự cho phép.`,
    );
    await citizen.type("[data-testid=complaint-text]", "yy");
    expect(await citizen.textContent("[data-testid=complaint-count-live]")).toBe(crossed);

    // Over the limit: the counter says so, and the form refuses it with the server's words, focus on them.
    await citizen.fill(
      "[data-testid=complaint-text]",
      "Chậm. ".repeat(400).slice(0, TEXT_LIMITS.complaintText + 10),
    );
    expect(await citizen.textContent("[data-testid=complaint-count]")).toBe(
      `${TEXT_LIMITS.complaintText + 9}/${TEXT_LIMITS.complaintText}`,
    );
    expect(await citizen.textContent("[data-testid=complaint-count-live]")).toContain("dài quá");
    await citizen.click("[data-testid=complaint-submit]");
    await citizen.waitForSelector("[data-testid=complaint-error]");
    expect(await citizen.textContent("[data-testid=complaint-error]")).toBe(tooLong.messageVi);
    await expect.poll(() => focusedTestId(citizen)).toBe("complaint-error");
    await clean(citizen, "02-too-long", "[data-testid=complaint-error]");
    const listed = await mother.send<{ items: unknown[] }>("GET", `/api/dossiers/${id}/complaints`);
    expect(listed.body.items).toHaveLength(0);

    // Nothing written: the server refuses it (COMPLAINT_TEXT_REQUIRED), focus on its words.
    await citizen.fill("[data-testid=complaint-text]", "   ");
    await citizen.click("[data-testid=complaint-submit]");
    await expect
      .poll(() => citizen.textContent("[data-testid=complaint-error]"))
      .toBe("Vui lòng nhập nội dung phản ánh, kiến nghị.");
    await expect.poll(() => focusedTestId(citizen)).toBe("complaint-error");

    // Sent: the new complaint is in the list, waiting, and has the focus.
    const TEXT = "Giấy khai sinh điện tử ghi sai quê quán của cháu.";
    await citizen.fill("[data-testid=complaint-text]", TEXT);
    await citizen.click("[data-testid=complaint-submit]");
    await citizen.waitForSelector("[data-testid=complaint-waiting]");
    const complaintId = (
      await mother.send<{ items: Array<{ id: string }> }>("GET", `/api/dossiers/${id}/complaints`)
    ).body.items[0]?.id;
    await expect
      .poll(() => citizen.evaluate(() => document.activeElement?.id))
      .toBe(`complaint-${complaintId}`);
    expect(await citizen.textContent("[data-testid=complaint]")).toContain(TEXT);
    await clean(citizen, "03-sent", "[data-testid=complaint-waiting]");

    // The officer's queue: the open complaints' filter with its count, the complaint's due date.
    const officer = await phone(env.chromium, env.s.now);
    await signIn(officer, env.s.baseUrl, "motcua.20194", "/can-bo");
    await settled(officer, "[data-testid=queue-complaints-open]");
    const open = (
      await officers("receiver").send<{ openComplaints: number }>(
        "GET",
        "/api/officer/dossiers?complaint=open&limit=0",
      )
    ).body.openComplaints;
    expect(open).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => officer.getAttribute("[data-testid=queue-complaints-open]", "data-count"))
      .toBe(String(open));
    await officer.click("[data-testid=queue-complaints-open]");
    await expect.poll(() => new URL(officer.url()).searchParams.get("complaint")).toBe("open");
    await expect.poll(() => officer.getAttribute("[data-testid=queue]", "data-total")).toBe(String(open));
    const row = officer.locator(`[data-testid=queue-row][data-id="${id}"]`);
    await row.waitFor();
    expect(await row.locator("[data-testid=queue-complaint-due]").textContent()).toMatch(
      /^Phản ánh, kiến nghị chờ trả lời, hạn \d{2}\/\d{2}\/\d{4}$/,
    );
    expect(await officer.getAttribute("[data-testid=queue-complaints-open]", "aria-pressed")).toBe("true");
    await clean(officer, "04-queue", `[data-testid=queue-row][data-id="${id}"]`);

    // The dossier: the officer answers.
    await row.locator("[data-testid=queue-link]").click();
    const answer = `[data-testid=answer-${complaintId}-text]`;
    await clean(officer, "05-answer-form", answer);
    await officer.fill(answer, "Đã sửa quê quán; mời bà tải lại giấy khai sinh.");
    await officer.click(`[data-testid=answer-${complaintId}-submit]`);
    await officer.waitForSelector("[data-testid=complaint-answered]");
    await expect
      .poll(() => officer.evaluate(() => document.activeElement?.id))
      .toBe(`complaint-${complaintId}`);
    await clean(officer, "06-answered", "[data-testid=complaint-answered]");

    // The citizen sees the answer, with the officer's name and office, and when.
    const { rows } = await env.s.db.query<{ full_name: string }>(
      "select full_name from officers where username = 'motcua.20194'",
    );
    await citizen.reload();
    await clean(citizen, "07-answer", "[data-testid=complaint-answered]");
    const by = await citizen.textContent("[data-testid=complaint-answered-by]");
    expect(by).toContain(rows[0]?.full_name ?? "?");
    expect(by).toContain("Ủy ban nhân dân phường Hải Vân");
    expect(await citizen.textContent("[data-testid=complaint-answered]")).toContain("Đã sửa quê quán");

    // The leader's drill-down of the complaints handled on time lists this complaint, answered on
    // time today: its filing, due and answer dates, under a heading of complaints.
    const day = new Date(env.s.now().getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    const leader = await phone(env.chromium, env.s.now);
    await signIn(
      leader,
      env.s.baseUrl,
      "lanhdao.20194",
      `/can-bo/bang-so-lieu?so=complaintsOnTimeShare&cap=commune&ma=20194&phan=hit&dtu=${day}&dden=${day}`,
    );
    await clean(leader, "08-drill", "[data-testid=drill-total]");
    expect(await leader.getAttribute("[data-testid=drill]", "data-kind")).toBe("complaints");
    expect(await leader.textContent("[data-testid=drill] h2")).toMatch(
      /^Phản ánh, kiến nghị được trả lời đúng hạn/,
    );
    expect(await leader.textContent("[data-testid=drill-total]")).toBe("1 phản ánh, kiến nghị");
    expect(await leader.textContent("[data-testid=drill-complaint-on-time]")).toBe("Có");
    expect(await leader.textContent("[data-testid=drill-complaint-answered]")).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    await leader.close();
    await citizen.close();
    await officer.close();
  });
});

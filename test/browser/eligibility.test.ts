import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { people } from "../helpers/fixtures.js";
import { Browser } from "../helpers/server.js";
import {
  phone,
  run,
  seriousViolations,
  serverAndBrowser,
  settled,
  shot,
  signIn,
  TEST_TIMEOUT,
} from "./browser.js";

/**
 * Eligibility from the registries on a phone (390×844), Vietnamese first (issue 14 point 3): the
 * mother, recorded as married in the civil-status registry, opens the marriage registration and is
 * told on its page why she cannot file it, before any draft (no "start" button); the officer, who
 * may record her paper dossier at the counter, sees the same on the dossier page. A married man's marital-status confirmation shows "married" from the civil-status
 * register, read-only with its source. A single man naming a married woman as the other party sees
 * the refusal as the one message on the review step (never "complete", the submit button files
 * nothing and takes focus to the reason); a birth date typed as its year only is asked in full on
 * its field, never called wrong. axe-core finds no serious or critical violation on any state.
 */
const env = serverAndBrowser();

/** A citizen on a phone signs in on a procedure's page and starts its draft. */
async function startDraft(pn: string, procedure: string) {
  const page = await phone(env.chromium, env.s.now);
  await signIn(page, env.s.baseUrl, pn, `/thu-tuc/${procedure}`);
  await page.waitForSelector("[data-testid=known-list]");
  await page.click("[data-testid=apply]");
  await page.waitForSelector("[data-testid=draft]");
  return page;
}

/** The worker's marriage registration naming the mother (married in the civil-status registry). */
async function marriageNamingTheMother(birthDate: string): Promise<string> {
  const worker = new Browser(env.s.baseUrl);
  await worker.signIn(people.worker.pn);
  const d = await worker.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "LOCAL.KET-HON" });
  expect(d.status).toBe(201);
  const saved = await worker.send("PUT", `/api/dossiers/${d.body.id}/form`, {
    values: {
      "applicant.marriageCount": 1,
      "partner.fullName": people.mother.name,
      "partner.personalNumber": people.mother.pn,
      "partner.birthDate": birthDate,
      "partner.sex": "F",
      "partner.ethnicity": "Kinh",
      "partner.nationality": "Việt Nam",
      "partner.marriageCount": 1,
      "declaration.sworn": true,
    },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return d.body.id;
}

run(`eligibility in the browser (${engine})`, () => {
  it(
    "a married other party: the refusal is the one message of the review step, the button files nothing",
    async () => {
      const id = await marriageNamingTheMother(people.mother.birth);
      const page = await phone(env.chromium, env.s.now);
      await signIn(page, env.s.baseUrl, people.worker.pn, `/ho-so/${id}?buoc=4`);
      await page.waitForSelector("[data-testid=review]");
      await settled(page, "[data-testid=eligibility][data-refused=true]");
      const issues = page.locator("[data-testid=eligibility-issue]");
      expect(await issues.count()).toBe(1);
      expect(await issues.getAttribute("data-code")).toBe("ALREADY_MARRIED");
      const words = (await issues.textContent()) ?? "";
      // The right reason (the civil-status register, not "another dossier"), no number promised.
      expect(words).toContain(
        "Người kia đang được ghi nhận là đã kết hôn theo Sổ hộ tịch (Cơ sở dữ liệu hộ tịch điện tử).",
      );
      expect(words).toContain("Điều 5 khoản 2 điểm c; Điều 8");
      expect(words).not.toContain(people.mother.name);
      const body = () => page.locator("body").textContent();
      expect(await body()).not.toContain("đầy đủ");
      expect(await page.locator("[data-testid=review-ready]").count()).toBe(0);
      const submit = page.locator("[data-testid=submit]");
      expect(await submit.textContent()).toBe("Chưa thể nộp hồ sơ: xem lý do ở đầu trang");
      expect(await submit.getAttribute("data-refused")).toBe("true");
      await shot(page, `${engine}-eligibility-6-partner-married-review`);
      expect(await seriousViolations(page)).toEqual([]);
      // The tap files nothing: focus goes to the refusal, still the only message.
      await submit.click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
        .toBe("eligibility");
      expect(await page.locator("[data-testid=submit-error]").count()).toBe(0);
      expect(await page.locator("[data-testid=review-problems]").count()).toBe(0);
      expect(await page.locator("[data-testid=eligibility-issue]").count()).toBe(1);
      expect(await body()).not.toContain("Một bên kết hôn đang có hồ sơ");
      const { rows } = await env.s.db.query("select status from dossiers where id = $1", [id]);
      expect(rows).toEqual([{ status: "draft" }]);
      await shot(page, `${engine}-eligibility-7-partner-married-tapped`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    "the other party's birth date typed as its year only is asked in full on its field, never called wrong",
    async () => {
      const id = await marriageNamingTheMother(people.mother.birth.slice(0, 4));
      const page = await phone(env.chromium, env.s.now);
      await signIn(page, env.s.baseUrl, people.worker.pn, `/ho-so/${id}?buoc=2`);
      await settled(page, "[data-testid='error-partner.birthDate']");
      const message = (await page.textContent("[data-testid='error-partner.birthDate']")) ?? "";
      expect(message).toContain("Ngày sinh của người kia chưa đủ: hãy ghi đủ ngày, tháng và năm sinh");
      // The year stays on screen; nothing says the name, number or date do not match.
      expect(await page.inputValue("[data-testid='field-partner.birthDate-year']")).toBe(
        people.mother.birth.slice(0, 4),
      );
      expect(await page.locator("body").textContent()).not.toContain("không khớp");
      expect(await page.locator("[data-testid=eligibility]").count()).toBe(0);
      await shot(page, `${engine}-eligibility-8-partial-birth-date`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    "a married citizen trying to file a new marriage is told why she cannot, before submit",
    async () => {
      // Told on the procedure page itself, before she starts: no "start" button makes a draft.
      const page = await phone(env.chromium, env.s.now);
      await signIn(page, env.s.baseUrl, people.mother.pn, "/thu-tuc/LOCAL.KET-HON");
      await page.waitForSelector("[data-testid=known-list]");
      await settled(page, "[data-testid=eligibility][data-refused=true]");
      const notice = page.locator("[data-testid=eligibility]");
      expect(await notice.locator("h2").textContent()).toBe("Bạn chưa thể nộp hồ sơ này");
      const issue = notice.locator("[data-testid=eligibility-issue]");
      expect(await issue.getAttribute("data-code")).toBe("ALREADY_MARRIED");
      const words = (await issue.textContent()) ?? "";
      expect(words).toContain(
        "Bạn đang được ghi nhận là đã kết hôn theo hồ sơ đăng ký kết hôn số KH-20194-2012-0001 trong Sổ hộ tịch.",
      );
      expect(words).toContain("Điều 5 khoản 2 điểm c");
      // What to do: the divorce or the spouse's death recorded first; a wrong record corrected.
      expect(words).toContain("việc ly hôn hoặc việc người vợ, người chồng đã chết phải được ghi nhận trước");
      expect(await notice.textContent()).toContain("Nếu thông tin này sai");
      expect(await page.locator("[data-testid=apply]").count()).toBe(0);
      await shot(page, `${engine}-eligibility-1-married`);
      expect(await seriousViolations(page)).toEqual([]);
      // The same words in English.
      await page.click("[data-testid=lang-en]");
      await page.waitForFunction(() =>
        document
          .querySelector("[data-testid=eligibility-issue]")
          ?.textContent?.includes("You are recorded as married"),
      );
      expect(await page.locator("[data-testid=eligibility] h2").textContent()).toBe(
        "You cannot file this dossier yet",
      );
      await shot(page, `${engine}-eligibility-2-married-en`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();

      // The officer is told the same, in words for him: a counter draft in her name.
      const receiver = new Browser(env.s.baseUrl);
      await receiver.signIn("motcua.20194");
      const counter = await receiver.send<{ id: string }>("POST", "/api/dossiers", {
        procedureCode: "LOCAL.KET-HON",
        applicantNumber: people.mother.pn,
      });
      expect(counter.status).toBe(201);
      const officer = await phone(env.chromium, env.s.now);
      await signIn(officer, env.s.baseUrl, "motcua.20194", `/can-bo/ho-so/${counter.body.id}`);
      await settled(officer, "[data-testid=eligibility][data-refused=true]");
      expect(await officer.locator("[data-testid=eligibility] h2").textContent()).toBe(
        "Theo cơ sở dữ liệu, hồ sơ này chưa đủ điều kiện",
      );
      expect(await officer.locator("[data-testid=eligibility-issue]").getAttribute("data-code")).toBe(
        "ALREADY_MARRIED",
      );
      // Said to the officer about the applicant, not as if he were the applicant.
      expect(await officer.locator("[data-testid=eligibility-issue]").textContent()).toMatch(
        /^Người yêu cầu đang được ghi nhận là đã kết hôn/,
      );
      await shot(officer, `${engine}-eligibility-3-officer`);
      expect(await seriousViolations(officer)).toEqual([]);
      await officer.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    "a married man asking for a marital-status confirmation sees 'married' from the civil-status register, not a choice",
    async () => {
      const page = await startDraft(people.father.pn, "LOCAL.XAC-NHAN-TTHN");
      await settled(page, "[data-testid='known-person.maritalStatus']");
      const known = page.locator("[data-testid='known-person.maritalStatus']");
      expect(await known.locator("[data-testid='value-person.maritalStatus']").textContent()).toBe(
        "Đang có vợ hoặc chồng",
      );
      expect(await known.locator(".source").textContent()).toContain("Cơ sở dữ liệu hộ tịch điện tử");
      await shot(page, `${engine}-eligibility-4-marital-known`);
      expect(await seriousViolations(page)).toEqual([]);
      // The typed step asks the purpose, never the status the register holds.
      await page.click("[data-testid=step-next]");
      await page.waitForSelector("[data-testid=field-purpose]");
      expect(await page.locator("[data-testid='field-person.maritalStatus']").count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      // The review names where the status came from, as it names every registry value: not a choice.
      for (let i = 0; i < 2; i++) await page.click("[data-testid=step-next]");
      await page.waitForSelector("[data-testid=review]");
      const reviewed = page.locator("[data-testid='review-person.maritalStatus']");
      expect(await reviewed.locator("dd").textContent()).toBe(
        "Đang có vợ hoặc chồngTừ Cơ sở dữ liệu hộ tịch điện tử",
      );
      await shot(page, `${engine}-eligibility-5-marital-review`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

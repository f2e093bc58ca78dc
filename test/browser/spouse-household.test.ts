import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { addSpouseApart, fatherInLaw, husband, wife } from "../helpers/spouse-household.js";
import {
  phone,
  run,
  seriousViolations,
  serverAndBrowser,
  settled,
  signIn,
  smallTargets,
  TEST_TIMEOUT,
  tell,
} from "./browser.js";
import { apiAs, phoneAs } from "./linked-session.js";

/** One request into the household at a time (409 SPOUSE_REQUEST_OPEN): the earlier one withdrawn first. */
async function withdrawOpen(applicant: Awaited<ReturnType<typeof apiAs>>) {
  const mine = await applicant.send<{ items: Array<{ id: string; status: string }> }>(
    "GET",
    "/api/me/dossiers",
  );
  for (const d of mine.body.items.filter((x) => x.status === "submitted"))
    expect(
      (await applicant.send("POST", `/api/dossiers/${d.id}/actions`, { action: "withdraw" })).status,
    ).toBe(200);
}

/**
 * Issue 14 on the phone (390×844, axe): a married woman tells the assistant "chuyen ho khau ve nha
 * chong"; its button opens permanent residence with "my spouse's household" chosen, showing the
 * household's head, address and the commune police that decide; the draft names the head and her
 * relationship ("con dâu"), she submits; her father-in-law, the head, finds the request in his
 * notifications (the bell), whose link opens his home page, and consents there.
 * A second request he refuses in two taps (his reason typed between), and the commune police's
 * officer reads his answer on the dossier's page ("Ý kiến chủ hộ"). The fee is asked only once
 * the head agrees (her payment area says so until then); the timelines name the head as the one
 * who answered ("Chủ hộ Hồ Văn Sơn"), never "Hệ thống".
 */
const env = serverAndBrowser({}, { delivery: "manual" });

run(`permanent residence into the husband's household (${engine})`, () => {
  it(
    "assistant phrase → the form with the spouse's household chosen → submit; the head consents",
    async () => {
      await addSpouseApart(env.s.db);
      const page = await phoneAs(env, wife.pn, "/", "[data-testid=assistant-open]");
      await tell(page, "chuyen ho khau ve nha chong");
      await page.locator("[data-testid=assistant-reply][data-kind=procedure]").waitFor();
      await page.click("[data-testid=assistant-go][data-code='1.004222']");
      await page.waitForURL(/\/thu-tuc\/1\.004222\?household=spouse$/);
      await settled(page, "[data-testid=spouse-household]");
      expect(await page.isChecked("[data-testid=household-spouse] input")).toBe(true);
      expect(await page.textContent("[data-testid=spouse-household-head]")).toBe(fatherInLaw.name);
      expect(await page.textContent("[data-testid=spouse-household-relationship]")).toBe("con dâu");
      expect(await page.textContent("[data-testid=spouse-household-authority]")).toContain("Liên Chiểu");
      expect(await page.textContent("[data-testid=spouse-household-choice]")).toContain(husband.name);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);

      const posted = page.waitForRequest(
        (r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/dossiers",
      );
      await page.click("[data-testid=apply]");
      expect((await posted).postDataJSON()).toMatchObject({ procedureCode: "1.004222", household: "spouse" });
      await page.waitForSelector("[data-testid=draft]");
      await expect
        .poll(() => page.textContent("[data-testid='value-household.headName']"))
        .toContain(fatherInLaw.name);
      expect(await page.textContent("[data-testid='value-household.relationshipToHead']")).toContain(
        "con dâu",
      );
      expect(await page.textContent("[data-testid='value-request']")).toContain(
        "hộ gia đình của vợ hoặc chồng",
      );
      expect(await seriousViolations(page)).toEqual([]);
      await page.click("[data-testid=step-next]");
      await page.check("[data-testid='field-household.headConsent']");
      // Step by step to the review: each tap waits for its step to change (the next step may save first).
      const step = () => page.getAttribute("[data-testid=draft]", "data-step");
      for (let at = await step(); at !== "review"; at = await step()) {
        await page.click("[data-testid=step-next]");
        await expect.poll(step).not.toBe(at);
      }
      await settled(page, "[data-testid=submit]");
      expect(await seriousViolations(page)).toEqual([]);
      await page.click("[data-testid=submit]");
      await page.waitForSelector("[data-testid=dossier-status][data-status=submitted]");
      // She reads whose consent it waits for and since when, not only "waiting for the one-stop officer".
      expect(await page.textContent("[data-testid=head-waiting]")).toMatch(
        new RegExp(`Đang chờ chủ hộ ${fatherInLaw.name} đồng ý \\(từ \\d{2}/\\d{2}/\\d{4}\\)`),
      );
      // Nothing to pay before the head agrees: no QR code, no bank link.
      await settled(page, "[data-testid=payment][data-status=awaiting_consent]");
      expect(await page.textContent("[data-testid=payment-awaiting-consent]")).toContain(
        "sẽ được thu sau khi chủ hộ đồng ý",
      );
      expect(await page.locator("[data-testid=pay-link]").count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      const dossierUrl = page.url();
      await page.context().close();

      // His bell lists the request (its in-app copy); its link opens the requests on his home page.
      for (let i = 0; i < 3; i++) await env.s.drain();
      const bell = await phoneAs(env, fatherInLaw.pn, "/thong-bao", "[data-testid=notification]");
      const asked = bell.locator("[data-testid=notification]", { hasText: wife.name });
      expect(await asked.textContent()).toContain(`${wife.name}, con dâu của bạn, đã nộp hồ sơ`);
      const open = asked.locator("[data-testid=notification-open]");
      expect(await open.textContent()).toBe("Xem đề nghị chờ tôi đồng ý");
      expect(await seriousViolations(bell)).toEqual([]);
      expect(await smallTargets(bell)).toEqual([]);
      await open.click();
      await bell.waitForURL((u) => u.pathname === "/");
      await settled(bell, "[data-testid=head-consent][data-kind=spouse]");
      await bell.context().close();

      // The head (her father-in-law) is asked on his home page and consents in one tap.
      const home = await phoneAs(env, fatherInLaw.pn, "/", "[data-testid=head-consents]");
      expect(await home.textContent("[data-testid=head-consent][data-kind=spouse]")).toContain(
        `${wife.name} đề nghị đăng ký thường trú vào hộ của bạn với quan hệ “con dâu”`,
      );
      expect(await seriousViolations(home)).toEqual([]);
      expect(await smallTargets(home)).toEqual([]);
      await home.click("[data-testid=head-consent-give]");
      await settled(home, "[data-testid=head-consent-given]");
      expect(await home.textContent("[data-testid=head-consent-given]")).toContain(
        "Công an xã, phường tiếp tục",
      );
      expect(await home.locator("[data-testid=head-consent]").count()).toBe(0);
      expect(await seriousViolations(home)).toEqual([]);
      await home.context().close();

      // Consented: she is asked for the fee now, and her timeline names the head who agreed.
      const mine = await phoneAs(env, wife.pn, new URL(dossierUrl).pathname, "[data-testid=timeline]");
      await settled(mine, "[data-testid=payment][data-status=unpaid]");
      expect(await mine.locator("[data-testid=pay-link]").count()).toBe(1);
      expect(await mine.textContent("[data-testid=timeline-item][data-type=head_consent]")).toContain(
        `Chủ hộ ${fatherInLaw.name}`,
      );
      expect(await seriousViolations(mine)).toEqual([]);
      await mine.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    "the head refuses a second request in two taps; the officer's page shows his answer",
    async () => {
      const applicant = await apiAs(env.s, wife.pn);
      await withdrawOpen(applicant);
      const filed = await applicant.send<{ id: string }>("POST", "/api/dossiers", {
        procedureCode: "1.004222",
        household: "spouse",
      });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      const id = filed.body.id;
      const sub = await applicant.send("POST", `/api/dossiers/${id}/submit`, {
        values: { "household.headConsent": true },
      });
      expect(sub.status, JSON.stringify(sub.body)).toBe(200);

      const home = await phoneAs(env, fatherInLaw.pn, "/", "[data-testid=head-consent][data-kind=spouse]");
      await home.click("[data-testid=head-consent][data-kind=spouse] [data-testid=head-refuse]");
      await settled(home, "[data-testid=head-refuse-confirm]");
      // The confirmation takes focus; consenting waits while it is open.
      await expect
        .poll(() => home.evaluate(() => document.activeElement?.getAttribute("data-testid")))
        .toBe("head-refuse-confirm");
      expect(await home.isDisabled("[data-testid=head-consent-give]")).toBe(true);
      expect(await home.textContent("[data-testid=head-refuse-confirm]")).toContain(
        `Bạn không đồng ý cho ${wife.name} đăng ký thường trú`,
      );
      expect(await seriousViolations(home)).toEqual([]);
      expect(await smallTargets(home)).toEqual([]);
      await home.fill("[data-testid=head-refuse-reason]", "Nhà chật, không đủ chỗ ở.");
      await home.click("[data-testid=head-refuse-yes]");
      await settled(home, "[data-testid=head-consent-given]");
      expect(await home.textContent("[data-testid=head-consent-given]")).toContain(
        "Hồ sơ đăng ký thường trú đã kết thúc",
      );
      expect(await home.locator("[data-testid=head-consent]").count()).toBe(0);
      await home.context().close();

      const officer = await phone(env.chromium, env.s.now);
      await signIn(officer, env.s.baseUrl, "motcua.20197", `/can-bo/ho-so/${id}`);
      await settled(officer, "[data-testid=head-decision]");
      expect(await officer.textContent("[data-testid=head-decision] h2")).toBe("Ý kiến chủ hộ");
      expect(await officer.textContent("[data-testid=head-decision-refused]")).toMatch(
        new RegExp(`Chủ hộ ${fatherInLaw.name} không đồng ý ngày \\d{2}/\\d{2}/\\d{4}`),
      );
      expect(await officer.textContent("[data-testid=head-decision-reason]")).toContain(
        "Nhà chật, không đủ chỗ ở.",
      );
      expect(await officer.getAttribute("[data-testid=officer-dossier]", "data-status")).toBe("rejected");
      // The log names the head who refused, not the platform; the fee was never asked.
      const refusedBy = "[data-testid=timeline-item][data-type=refuse_receipt] .tl-meta";
      expect(await officer.textContent(refusedBy)).toContain(`Chủ hộ ${fatherInLaw.name}`);
      expect(await officer.textContent(refusedBy)).not.toContain("Hệ thống");
      expect(await officer.getAttribute("[data-testid=ws-fee]", "data-status")).toBe("closed");
      // The form as filed speaks of the citizen, never to her (review D1): the relationship's
      // source is "…của vợ, chồng người yêu cầu…", and no label or source says "tôi" or "bạn".
      expect(
        await officer.textContent(
          "[data-testid='field-household.relationshipToHead'] [data-testid=provenance]",
        ),
      ).toContain("quan hệ của vợ, chồng người yêu cầu với chủ hộ");
      expect(await officer.textContent("[data-testid=form-data]")).not.toMatch(
        /(^|[^\p{L}])(tôi|bạn)(?![\p{L}])/iu,
      );
      expect(await seriousViolations(officer)).toEqual([]);
      await officer.context().close();

      // The applicant reads the head's answer, not the one-stop officer's or the agency's decision.
      const mine = await phoneAs(env, wife.pn, `/ho-so/${id}`, "[data-testid=dossier-status]");
      const status = await mine.textContent("[data-testid=dossier-status]");
      expect(status).toContain(`Chủ hộ ${fatherInLaw.name} không đồng ý`);
      expect(status).not.toContain("Cán bộ một cửa");
      expect(await mine.textContent("[data-testid=head-refused-reason]")).toContain(
        "“Nhà chật, không đủ chỗ ở”.",
      );
      const mineBy = "[data-testid=timeline-item][data-type=refuse_receipt] .tl-meta";
      expect(await mine.textContent(mineBy)).toContain(`Chủ hộ ${fatherInLaw.name}`);
      expect(await mine.textContent(mineBy)).not.toContain("Hệ thống");
      await settled(mine, "[data-testid=payment-closed]");
      expect(await mine.textContent("[data-testid=payment-closed]")).toContain("không thu lệ phí");
      expect(await seriousViolations(mine)).toEqual([]);
      await mine.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    "a 300-character reason without a space wraps: neither the citizen's nor the officer's page scrolls sideways",
    async () => {
      const applicant = await apiAs(env.s, wife.pn);
      await withdrawOpen(applicant);
      const filed = await applicant.send<{ id: string }>("POST", "/api/dossiers", {
        procedureCode: "1.004222",
        household: "spouse",
      });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      const id = filed.body.id;
      const sub = await applicant.send("POST", `/api/dossiers/${id}/submit`, {
        values: { "household.headConsent": true },
      });
      expect(sub.status, JSON.stringify(sub.body)).toBe(200);
      // The head's home page is open with the request on it when the dossier ends elsewhere.
      const home = await phoneAs(env, fatherInLaw.pn, "/", "[data-testid=head-consent][data-kind=spouse]");
      const head = await apiAs(env.s, fatherInLaw.pn);
      const r = await head.send("POST", `/api/dossiers/${id}/head-refusal`, { reason: "x".repeat(300) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      // Tapping the stale card says why and the list drops it (no card failing again).
      await home.click("[data-testid=head-consent-give]");
      await settled(home, "[data-testid=head-consents] [role=alert]");
      await expect.poll(() => home.locator("[data-testid=head-consent]").count()).toBe(0);
      expect(await seriousViolations(home)).toEqual([]);
      await home.context().close();
      const sideways = (p: Page) =>
        p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      const mine = await phoneAs(env, wife.pn, `/ho-so/${id}`, "[data-testid=timeline]");
      await settled(mine, "[data-testid=notification-statuses]");
      expect(await sideways(mine)).toBeLessThanOrEqual(0);
      await mine.context().close();
      const officer = await phone(env.chromium, env.s.now);
      await signIn(officer, env.s.baseUrl, "motcua.20197", `/can-bo/ho-so/${id}`);
      await settled(officer, "[data-testid=head-decision]");
      expect(await sideways(officer)).toBeLessThanOrEqual(0);
      await officer.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    "an unmarried citizen choosing the spouse's household is told why, in plain words",
    async () => {
      const page = await phoneAs(
        env,
        "049190000201",
        "/thu-tuc/1.004222?household=spouse",
        "[data-testid=spouse-household-refused]",
      );
      expect(await page.textContent("[data-testid=spouse-household-refused]")).toContain(
        "không ghi nhận bạn đang có vợ hoặc chồng",
      );
      expect(await seriousViolations(page)).toEqual([]);
      await page.click("[data-testid=household-own]");
      await expect.poll(() => page.locator("[data-testid=spouse-household-refused]").count()).toBe(0);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

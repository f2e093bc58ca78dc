import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { A, addDeceased, B, deathGroupApplication, people } from "../helpers/fixtures.js";
import type { Browser as Http } from "../helpers/server.js";
import { phone, run, seriousViolations, settled, shot, signIn, TEST_TIMEOUT, UI_TIMEOUT } from "./browser.js";
import { apiAs, morningAfterDeath, phoneAs } from "./linked-session.js";

/**
 * The death group on phones (390×844), issue 12's must-hold: the father links 3 of the 4
 * procedures (the survivor benefit left out); the civil-status officer registers the death; the
 * commune police officer, on the phone, sees the group's other steps read-only and refuses the
 * residence deregistration with a reason (on the death registration's own page, the civil-status
 * agency's, no action button is offered to the police); the social-affairs officer grants the funeral
 * allowance; the death extract stands, the allowance is paid to the father's bank account, and
 * the father's group page explains the refusal in plain words. A second family's transfer is
 * stopped: the applicant's own correction form refuses an account in someone else's name on its
 * field; the officer corrects it; paid.
 */
// The day after the death (as test/linked-death-group.test.ts).
const env = morningAfterDeath(
  // A refused transfer is retried at once (the flagged allowance below).
  { OUTBOX_RETRY_BASE_SECONDS: "0.001", OUTBOX_RETRY_MAX_SECONDS: "0.001" },
);
const grandfather = { pn: "048040000104", name: "Nguyễn Văn Cường", birth: "1940-02-10" };
const greatUncle = { pn: "048041000105", name: "Nguyễn Văn Nghĩa", birth: "1941-05-01" };

type Group = { steps: Array<{ key: string; dossierId: string | null }> };

run(`the death group with a refusal, on phones (${engine})`, () => {
  it(
    "the police refuse on the phone; the extract stands, the allowance is paid, the refusal is explained",
    async () => {
      const { s } = env;
      await addDeceased(s.db, grandfather, {
        household: "HA-1",
        notice: "GBT-TEST-0001",
        commune: A.commune,
      });
      const as = (login: string) => apiAs(s, login);
      const [father, receiver, civil, social] = await Promise.all(
        [people.father.pn, "motcua.20194", "hotich.20194", "xahoi.20194"].map(as),
      );
      const act = (b: Http | undefined, id: string, action: string) =>
        (b as Http).send("POST", `/api/dossiers/${id}/actions`, { action });
      const filed = await (father as Http).send<{ id: string }>(
        "POST",
        "/api/linked-applications",
        deathGroupApplication("0123456789"),
      );
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      const id = filed.body.id;
      const idOf = async (key: string) =>
        (await (father as Http).send<Group>("GET", `/api/linked-applications/${id}`)).body.steps.find(
          (x) => x.key === key,
        )?.dossierId as string;
      const drain = async () => {
        for (let i = 0; i < 6; i++) await s.drain();
      };
      const death = await idOf("death");
      await act(receiver, death, "receive");
      for (const action of ["forward", "approve", "issue_result"]) await act(civil, death, action);
      await drain();
      const dereg = await idOf("deregistration");

      // Started from the death extract, the step was received by the platform: no wait for the
      // one-stop desk, the police officer acts at once.
      const police = await phone(env.chromium, s.now);

      // The group's other steps read-only, then the refusal.
      await signIn(police, s.baseUrl, "congan.20194", `/can-bo/ho-so/${dereg}`);
      await settled(police, "[data-testid=group-context] [data-testid=group-step]");
      const steps = police.locator("[data-testid=group-context] [data-testid=group-step]");
      expect(await steps.count()).toBe(3);
      expect(await police.getAttribute("[data-testid=group-step][data-key=death]", "data-state")).toBe(
        "done",
      );
      expect(await police.textContent("[data-testid=group-step][data-key=funeral]")).toContain(
        "Văn hóa - Xã hội",
      );
      await shot(police, `${engine}-linked-death-1-police`);
      expect(await seriousViolations(police)).toEqual([]);
      await police.click("[data-testid=action-forward]");
      await settled(police, "[data-testid=action-refuse]");
      await police.fill("[data-testid=action-reason]", "Hộ khẩu đã được xóa theo hồ sơ khác.");
      await police.click("[data-testid=action-refuse]");
      // Confirmed once more: a refusal ends the dossier.
      await police.click("[data-testid=action-confirm-yes]");
      await police.locator("[data-testid=officer-dossier][data-status=refused]").waitFor();
      expect(await police.textContent("[data-testid=dossier-status]")).toBe("Không giải quyết");
      // The death registration (civil status) is another agency's dossier: the police officer knows
      // its agency, status and result from the group's context only; opened by its address, the
      // page says why in plain words (403 OTHER_AGENCY), with nothing of the dossier and no button.
      await police.goto(`${s.baseUrl}/can-bo/ho-so/${death}`);
      await settled(police, "[data-testid=error]");
      expect(await police.textContent("[data-testid=error]")).toContain("cơ quan khác");
      expect(await police.locator("[data-testid=officer-dossier]").count()).toBe(0);
      expect(await police.locator("[data-testid=actions] button").count()).toBe(0);
      expect(await seriousViolations(police)).toEqual([]);
      await police.context().close();

      const funeral = await idOf("funeral");
      for (const action of ["forward", "approve", "issue_result"]) await act(social, funeral, action);
      await drain();

      // The father's group page: the extract stands, the refusal explained, the allowance paid.
      const page = await phoneAs(
        env,
        people.father.pn,
        `/lien-thong/${id}`,
        "[data-testid=step-funeral] [data-testid=disbursement]",
      );
      const status = (key: string) => page.textContent(`[data-testid=step-${key}] [data-testid=step-status]`);
      expect(await status("death")).toBe("Đã có kết quả");
      expect(await status("deregistration")).toBe("Bị từ chối");
      const reason = await page.textContent("[data-testid=step-deregistration] [data-testid=step-reason]");
      expect(reason).toContain("Công an xã, phường từ chối");
      expect(reason).toContain("Hộ khẩu đã được xóa theo hồ sơ khác.");
      expect(
        await page.getAttribute("[data-testid=step-funeral] [data-testid=disbursement]", "data-state"),
      ).toBe("paid");
      const paid = await page.textContent("[data-testid=step-funeral] [data-testid=disbursement]");
      expect(paid).toContain("****6789");
      expect(paid).toMatch(/10\.000\.000/);
      expect(paid).toContain("Đã chuyển tiền vào tài khoản");
      expect(await page.locator("[data-testid=step-death] a[href^='/xac-minh/']").count()).toBe(1);
      // The death group's limits are not confirmed by law: its dates are expected dates, never "Hạn".
      expect(await page.textContent("[data-testid=group-due]")).toMatch(/^Dự kiến xong cả nhóm trước: /);
      expect(await page.textContent("[data-testid=limit-unconfirmed]")).toContain(
        "chưa được văn bản pháp luật",
      );
      for (const clock of await page.locator("[data-testid=step-clock]").allTextContents())
        expect(clock).not.toMatch(/Hạn|theo quy định/);
      await shot(page, `${engine}-linked-death-2-citizen`);
      expect(await seriousViolations(page)).toEqual([]);
      // The death step's own dossier page: its due date is expected, never the law's.
      await page.click("[data-testid=step-death] a[href^='/ho-so/']", { timeout: UI_TIMEOUT });
      await settled(page, "[data-testid=clock]");
      const own = await page.textContent("[data-testid=clock]");
      expect(own).toContain("Dự kiến giải quyết xong trước:");
      expect(own).not.toContain("theo quy định");
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    "a transfer to a closed account is flagged; the social-affairs officer corrects the account on the phone; paid",
    async () => {
      const { s } = env;
      await addDeceased(s.db, greatUncle, { household: "HB-1", notice: "GBT-TEST-0002", commune: B.commune });
      const as = (login: string) => apiAs(s, login);
      const [neighbour, receiver, civil, social] = await Promise.all(
        [people.neighbour.pn, "motcua.20197", "hotich.20197", "xahoi.20197"].map(as),
      );
      const act = (b: Http | undefined, id: string, action: string) =>
        (b as Http).send("POST", `/api/dossiers/${id}/actions`, { action });
      const filed = await (neighbour as Http).send<{ id: string }>(
        "POST",
        "/api/linked-applications",
        deathGroupApplication("0123456000"),
      );
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      const id = filed.body.id;
      const idOf = async (key: string) =>
        (await (neighbour as Http).send<Group>("GET", `/api/linked-applications/${id}`)).body.steps.find(
          (x) => x.key === key,
        )?.dossierId as string;
      const drain = async () => {
        for (let i = 0; i < 6; i++) {
          await new Promise((r) => setTimeout(r, 20));
          await s.drain();
        }
      };
      const death = await idOf("death");
      await act(receiver, death, "receive");
      for (const action of ["forward", "approve", "issue_result"]) await act(civil, death, action);
      await drain();
      const funeral = await idOf("funeral");
      for (const action of ["forward", "approve", "issue_result"]) await act(social, funeral, action);
      await drain();

      // The citizen reads why in plain words.
      const page = await phoneAs(
        env,
        people.neighbour.pn,
        `/lien-thong/${id}`,
        "[data-testid=step-funeral] [data-testid=disbursement][data-state=flagged]",
      );
      expect(await page.textContent("[data-testid=step-funeral] [data-testid=disbursement-words]")).toContain(
        "tài khoản đã đóng",
      );
      // She may give another account herself, on the page: an account the bank knows under
      // someone else's name is refused on its field, in plain words, and nothing is sent.
      const form = "[data-testid=step-funeral] [data-testid=account-correction]";
      await settled(page, form);
      expect(await page.textContent(`${form} h3`)).toBe("Nhập lại tài khoản để nhận tiền");
      await page.fill(`${form} [data-testid=acct-bank]`, "Vietcombank");
      await page.fill(`${form} [data-testid=acct-accountNumber]`, "0987654999");
      await page.fill(`${form} [data-testid=acct-holderName]`, people.neighbour.name);
      await page.click(`${form} [data-testid=acct-submit]`);
      await settled(page, `${form} [data-testid=acct-accountNumber-error]`);
      // Focus goes to the field in error (issue 12 low d): corrected where it is said.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
        .toBe("acct-accountNumber");
      expect(await page.textContent(`${form} [data-testid=acct-accountNumber-error]`)).toContain(
        "không đứng tên bạn",
      );
      expect(await page.getAttribute(`${form} [data-testid=acct-accountNumber]`, "aria-invalid")).toBe(
        "true",
      );
      expect(
        await page.getAttribute(`${form} [data-testid=acct-accountNumber]`, "aria-describedby"),
      ).toContain("-error");
      const button = await page.locator(`${form} [data-testid=acct-submit]`).boundingBox();
      expect(button?.height).toBeGreaterThanOrEqual(44);
      await shot(page, `${engine}-linked-death-3-citizen-account`);
      expect(await seriousViolations(page)).toEqual([]);

      // The social-affairs officer, on the phone, gives the account the beneficiary brought.
      const officer = await phoneAs(
        env,
        "xahoi.20197",
        `/can-bo/ho-so/${funeral}`,
        "[data-testid=disbursement-fix]",
      );
      // Told to the officer, about the beneficiary (never "your account").
      const told = await officer.textContent(
        "[data-testid=officer-disbursement] [data-testid=disbursement-words]",
      );
      expect(told).toContain("người thụ hưởng");
      expect(told).not.toMatch(/\bbạn\b/);
      await officer.fill("[data-testid=fix-account]", "0123456789");
      await officer.fill("[data-testid=fix-reason]", "Công dân cung cấp tài khoản khác còn hoạt động.");
      await shot(officer, `${engine}-linked-death-4-fix`);
      expect(await seriousViolations(officer)).toEqual([]);
      // Money moves again only on a second tap, in the page: which account, how much, why.
      await officer.click("[data-testid=fix-submit]");
      await settled(officer, "[data-testid=fix-confirm]");
      const asked = await officer.textContent("[data-testid=fix-confirm]");
      expect(asked).toContain("tài khoản mới 0123456789");
      expect(asked).toContain("Công dân cung cấp tài khoản khác còn hoạt động.");
      expect(await seriousViolations(officer)).toEqual([]);
      await officer.click("[data-testid=fix-confirm-yes]");
      await settled(
        officer,
        "[data-testid=officer-disbursement] [data-testid=disbursement][data-state=pending]",
      );
      expect(await officer.textContent("[data-testid=officer-disbursement]")).toContain("****6789");
      expect(await officer.locator("[data-testid=disbursement-fix]").count()).toBe(0);
      await officer.context().close();
      await drain();

      await page.reload();
      await settled(page, "[data-testid=step-funeral] [data-testid=disbursement][data-state=paid]");
      expect(await page.textContent("[data-testid=step-funeral] [data-testid=disbursement]")).toContain(
        "Đã chuyển tiền vào tài khoản",
      );
      expect(await page.locator(form).count()).toBe(0);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

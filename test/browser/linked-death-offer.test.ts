import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { A, people } from "../helpers/fixtures.js";
import {
  rawWords,
  run,
  seriousViolations,
  settled,
  shot,
  smallTargets,
  TEST_TIMEOUT,
  UI_TIMEOUT,
  watchFor,
} from "./browser.js";
import { grandfather, grandfatherDies } from "./death-notice.js";
import { actAs, apiAs, morningAfterDeath, phoneAs, stepDossier } from "./linked-session.js";

/**
 * Issue 12 point 5 on phones (390×844): a signed death notice arrives for the grandfather of
 * household HA-1; the father (head of household) sees the death group offered on his home page,
 * opens it, finds the form prefilled (the deceased, the date of death, his relationship from the
 * household), confirms and submits once; the mother declines hers and it is gone.
 */
const env = morningAfterDeath();

run(`the death group offered by a death notice, on phones (${engine})`, () => {
  it(
    "the relative opens the prefilled offer and submits once; declining hides it",
    async () => {
      const { s } = env;
      await grandfatherDies(s, "GBT-E2E-0001");

      // The mother declines (before the death is registered, which closes every offer of the
      // notice): the offer is gone, and stays gone.
      const mother = await phoneAs(
        env,
        people.mother.pn,
        "/",
        "[data-testid=linked-offer][data-group=death]",
      );
      // Declining asks first (it is final), and says afterwards that nothing was filed.
      await mother.click("[data-testid=linked-offer][data-group=death] [data-testid=offer-decline]", {
        timeout: UI_TIMEOUT,
      });
      await settled(mother, "[data-testid=offer-decline-confirm]");
      expect(await mother.textContent("[data-testid=offer-decline-confirm]")).toContain("không hiện lại");
      expect(await seriousViolations(mother)).toEqual([]);
      await mother.click("[data-testid=offer-decline-yes]", { timeout: UI_TIMEOUT });
      await settled(mother, "[data-testid=offer-declined]");
      expect(await mother.textContent("[data-testid=offer-declined]")).toContain(
        "Không có hồ sơ nào được nộp",
      );
      expect(await mother.locator("[data-testid=linked-offer]").count()).toBe(0);
      await mother.reload();
      await settled(mother, "main");
      expect(await mother.locator("[data-testid=linked-offer]").count()).toBe(0);
      await mother.context().close();

      const page = await phoneAs(env, people.father.pn, "/", "[data-testid=linked-offer][data-group=death]");
      const text = await page.textContent("[data-testid=linked-offer][data-group=death]");
      expect(text).toContain(grandfather.name);
      expect(text).toContain("04/11/2026");
      expect(text).toContain("Bệnh viện Đà Nẵng");
      expect(await rawWords(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
      await shot(page, `${engine}-death-offer-1-home`);
      expect(await seriousViolations(page)).toEqual([]);
      // The commune addressed is never shown as its bare code, not even before its name arrives.
      const codeSeen = await watchFor(page, "[data-testid=linked-known]", A.commune);
      await page.click("[data-testid=linked-offer][data-group=death] a", { timeout: UI_TIMEOUT });
      await settled(page, "[data-testid=linked-apply]");
      const known = await page.textContent("[data-testid=linked-known]");
      expect(known).toContain(grandfather.name);
      expect(known).toContain(grandfather.pn);
      expect(known).toContain("04/11/2026");
      expect(known).toContain("Con"); // his relationship to the deceased, from the household
      // The commune addressed by its name, never its code.
      await expect.poll(() => page.textContent("[data-testid=linked-known]")).toContain("Phường Hải Vân");
      expect(await codeSeen()).toBe(false);
      // What the procedures after the death registration need is asked here, once, before filing:
      // who the deceased was, how the allowance is paid (the deceased's place in the household is
      // the household registry's, not asked).
      await settled(page, "[data-testid=later-questions]");
      const asked = async () =>
        (await page
          .locator("[data-testid=later-questions] [data-testid^=later-]")
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")))) as string[];
      expect(await asked()).toEqual(
        expect.arrayContaining(["later-deceased.category", "later-payout.method"]),
      );
      expect(await asked()).not.toContain("later-deceased.relationshipToHead");
      expect((await asked()).filter((k) => /deceased\.(fullName|personalNumber|birthDate)$/.test(k))).toEqual(
        [],
      );
      // Every procedure unticked: said at once, in words that fit the boxes shown; nothing is sent,
      // and the message goes when a box is ticked again.
      const boxes = page.locator("[data-testid^=member-]");
      for (const box of await boxes.all()) await box.uncheck();
      await settled(page, "[data-testid=linked-choose-error]");
      expect(await page.textContent("[data-testid=linked-choose-error]")).toBe(
        "Hãy chọn ít nhất một thủ tục làm cùng với đăng ký khai tử.",
      );
      await page.check("[data-testid=sworn]");
      await page.click("[data-testid=linked-submit]");
      expect(await page.locator("[data-testid=linked-problems], .alert-error").count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.uncheck("[data-testid=sworn]");
      for (const box of await boxes.all()) await box.check();
      expect(await page.locator("[data-testid=linked-choose-error]").count()).toBe(0);
      await settled(page, "[data-testid=later-questions]");
      // Nothing answered (issue 14 review): the button counts every item left at once, the three
      // questions and the sworn box; pressing it names all four and focuses the first.
      const button = () => page.textContent("[data-testid=linked-submit]");
      await expect.poll(button, { timeout: UI_TIMEOUT }).toBe("Nộp cả nhóm hồ sơ (còn 4 mục chưa xong)");
      await page.click("[data-testid=linked-submit]");
      await settled(page, "[data-testid=linked-problems]");
      expect(await page.locator("[data-testid=linked-problems] li").count()).toBe(4);
      expect(await page.textContent("[data-testid=linked-problems]")).toContain("Còn 4 mục");
      expect(await page.textContent("[data-testid='problem-declaration.sworn']")).toContain("cam đoan");
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
        .toBe("field-deceased.category");
      expect(await smallTargets(page)).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `${engine}-death-offer-2-four-left`);
      // Submitted before answering: each missing answer named by its label, the focus on the first.
      await page.check("[data-testid=sworn]");
      expect(await button()).toBe("Nộp cả nhóm hồ sơ (còn 3 mục chưa xong)");
      await page.click("[data-testid=linked-submit]");
      await settled(page, "[data-testid=linked-problems]");
      const problems = await page.textContent("[data-testid=linked-problems]");
      expect(problems).toContain("Hỗ trợ chi phí mai táng");
      expect(problems).toContain("cần trả lời");
      const labelOf = (key: string) => page.textContent(`label[for="f-${key.replace(/\./g, "-")}"]`);
      expect(problems).toContain(((await labelOf("deceased.category")) ?? "").replace(/\s*\(.*$/, "").trim());
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
        .toBe("field-deceased.category");
      expect(await page.getAttribute("[data-testid='field-deceased.category']", "aria-invalid")).toBe("true");
      expect(await seriousViolations(page)).toEqual([]);
      await page.selectOption("[data-testid='field-deceased.category']", "elderly");
      await page.selectOption("[data-testid='field-payout.method']", "bank");
      // Paid by transfer: the account is asked next; what was answered stays on screen.
      await settled(page, "[data-testid='field-payout.accountNumber']");
      await page.fill("[data-testid='field-payout.accountNumber']", "0123456789");
      await page.fill("[data-testid='field-payout.bank']", "Ngân hàng thử nghiệm");
      await page.selectOption("[data-testid='field-benefit.kind']", "one_time");
      // His relationship to the deceased is known from the household: not asked for any procedure.
      expect((await asked()).filter((k) => k.endsWith(".relationship"))).toEqual([]);
      await page.check("[data-testid=sworn]");
      await shot(page, `${engine}-death-offer-3-form`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.click("[data-testid=linked-submit]");
      await page.waitForURL(/\/lien-thong\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT });
      await settled(page, "[data-testid=step-death]");
      const father = await apiAs(s, people.father.pn);
      const mine = await father.send<{ items: Array<{ id: string }> }>("GET", "/api/me/linked-applications");
      expect(mine.body.items.map((g) => g.id)).toEqual([page.url().split("/").pop()]);
      const left = await father.send<{ items: unknown[] }>("GET", "/api/me/linked-offers");
      expect(left.body.items).toEqual([]);
      // The death is registered: every later step starts with its answers (none is withdrawn).
      const groupId = page.url().split("/").pop() as string;
      type Group = { steps: Array<{ key: string; state: string; dossierId: string | null }> };
      const steps = async () =>
        (await father.send<Group>("GET", `/api/linked-applications/${groupId}`)).body.steps;
      const death = await stepDossier(father, groupId, "death");
      await actAs(s, "motcua.20194", death, "receive");
      await actAs(s, "chuyenvien.20194", death, "forward");
      await actAs(s, "lanhdao.20194", death, "approve", "issue_result");
      await s.drain();
      await s.drain();
      expect(Object.fromEntries((await steps()).map((x) => [x.key, x.state]))).toEqual({
        death: "done",
        deregistration: "started",
        funeral: "started",
        survivor: "started",
      });
      await page.reload();
      await settled(page, "[data-testid=step-funeral]");
      expect(await page.textContent("main")).not.toContain("Đã rút");
      await shot(page, `${engine}-death-offer-4-steps-started`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

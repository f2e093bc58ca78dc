import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { addSplitParents, registerGroupBirth, splitFather, splitMother } from "../helpers/split-parents.js";
import { run, seriousViolations, serverAndBrowser, settled, smallTargets, TEST_TIMEOUT } from "./browser.js";
import { apiAs, phoneAs } from "./linked-session.js";

/**
 * Issue 12 on the phone (390×844, axe): parents living apart, the mother chooses the father's
 * household (another commune) for the child; the form names each household by its head and
 * address and says who must consent; the group page names the household and the commune whose
 * police handle the residence step, and what it waits for, since when; the mother reminds the
 * father in one tap; the father (the head) consents on his home page, which withdraws the draft
 * the mother had started on its own meanwhile.
 */
const env = serverAndBrowser({}, { delivery: "manual" });

run(`the birth group: the child in the father's household (${engine})`, () => {
  it(
    "the mother chooses the father's household; the group page names it and its commune; the father consents",
    async () => {
      await addSplitParents(env.s.db);
      // The father has a phone on file: a reminder reaches him (else 409 HEAD_UNREACHABLE).
      await env.s.db.query("update persons set phone = $2 where personal_number = $1", [
        splitFather.pn,
        "0912000301",
      ]);
      const page = await phoneAs(env, splitMother.pn, "/lien-thong/nop/birth", "[data-testid=linked-apply]");
      await settled(page, "[data-testid=child-home-choice]");
      const mine = await page.textContent("[data-testid=child-home-mother]");
      const his = await page.textContent("[data-testid=child-home-father]");
      expect(mine).toContain(`Hộ của mẹ: chủ hộ ${splitMother.name}, Số 9, đường Âu Cơ`);
      expect(his).toContain(`Hộ của cha: chủ hộ ${splitFather.name}, Số 9, đường Âu Cơ`);
      expect(his).toContain("Liên Chiểu");
      // The mother's own household is the default.
      expect(await page.isChecked("[data-testid=child-home-mother] input")).toBe(true);
      await page.check("[data-testid=child-home-father] input");
      const consent = await page.textContent("[data-testid=child-home-consent]");
      expect(consent).toContain("Công an Phường Liên Chiểu");
      expect(consent).toContain(`${splitFather.name} (cha của trẻ) sẽ được đề nghị xác nhận`);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);

      await page.fill("[data-testid=child-name]", "Đỗ Minh Quân");
      await page.check("[data-testid=sworn]");
      const posted = page.waitForRequest(
        (r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/linked-applications",
      );
      await page.click("[data-testid=linked-submit]");
      expect((await posted).postDataJSON()).toMatchObject({ childHome: splitFather.hh });
      await page.waitForURL(/\/lien-thong\/[0-9a-f-]{36}$/);
      await settled(page, "[data-testid=group-child-home]");
      expect(await page.textContent("[data-testid=group-child-home]")).toContain(
        `Hộ của cha: chủ hộ ${splitFather.name}`,
      );
      const residence = "[data-testid=step-residence]";
      expect(await page.textContent(`${residence} [data-testid=step-commune]`)).toBe(
        "Nơi giải quyết: Công an Phường Liên Chiểu",
      );
      expect(await page.textContent(`${residence} [data-testid=step-status]`)).toBe("Chờ chủ hộ đồng ý");
      expect(await page.textContent(`${residence} [data-testid=step-awaiting]`)).toContain(
        `cha của trẻ, chủ hộ ${splitFather.name}`,
      );
      // While the father has not answered: since when, in working days, and a reminder in one tap.
      expect(await page.textContent("[data-testid=head-wait-line]")).toBe(
        `Đang chờ chủ hộ ${splitFather.name} đồng ý từ hôm nay`,
      );
      expect(await page.textContent("[data-testid=head-wait-meanwhile]")).toContain("vào hộ của mình");
      expect((await page.locator("[data-testid=head-remind]").boundingBox())?.height).toBeGreaterThanOrEqual(
        44,
      );
      await page.click("[data-testid=head-remind]");
      await settled(page, "[data-testid=head-reminded]");
      expect(await page.textContent("[data-testid=head-reminded]")).toContain("Đã nhắc chủ hộ");
      await settled(page, "[data-testid=head-log]");
      expect(await page.textContent("[data-testid=head-log]")).toContain("Đã nhắc chủ hộ lúc");
      // Reminded: no second tap until the next allowed time, also after a reload (the API's time).
      expect(await page.isDisabled("[data-testid=head-remind]")).toBe(true);
      await page.reload();
      await settled(page, "[data-testid=head-remind-again]");
      expect(await page.textContent("[data-testid=head-remind-again]")).toMatch(
        /^Có thể nhắc lại từ \d\d:\d\d ngày 05\/11\/2026\.$/,
      );
      expect(await page.isDisabled("[data-testid=head-remind]")).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);

      // Before the birth is registered (the child has no personal number yet), filing the step on
      // its own is not offered: the wait's words say it becomes possible once it is.
      expect(await page.locator("[data-testid=head-wait-file-alone]").count()).toBe(0);
      expect(await page.textContent("[data-testid=head-wait-meanwhile]")).toContain(
        "Khi bước “Đăng ký khai sinh” đã có kết quả",
      );
      const groupUrl = page.url();
      const mother = await apiAs(env.s, splitMother.pn);
      await registerGroupBirth(env.s, mother, groupUrl.split("/").at(-1) as string);
      await page.reload();
      // Then, the step on its own goes through the group: the draft carries the child as the
      // group has it (never an empty form), and the wait then names that draft instead of a button.
      await settled(page, "[data-testid=head-wait] [data-testid=head-wait-file-alone]");
      expect(await page.textContent("[data-testid=head-wait-meanwhile]")).toContain("khi hồ sơ đó đã nộp");
      expect(await seriousViolations(page)).toEqual([]);
      await page.click("[data-testid=head-wait] [data-testid=head-wait-file-alone]");
      await page.waitForURL(/\/ho-so\/[0-9a-f-]{36}$/);
      const draftId = new URL(page.url()).pathname.split("/").at(-1) as string;
      const draft = await mother.send<{
        procedure: { code: string };
        fields: Array<{ key: string; value: unknown }>;
      }>("GET", `/api/dossiers/${draftId}`);
      expect(draft.body.fields.find((f) => f.key === "member.fullName")?.value).toBe("Đỗ Minh Quân");
      await page.goto(groupUrl);
      await settled(page, "[data-testid=head-wait] [data-testid=step-alone]");
      expect(await page.textContent("[data-testid=head-wait] [data-testid=step-alone]")).toContain(
        "Đã bắt đầu nộp riêng",
      );
      expect(await page.getAttribute("[data-testid=head-wait] [data-testid=step-alone-open]", "href")).toBe(
        `/ho-so/${draftId}`,
      );
      expect(await page.locator("[data-testid=head-wait-file-alone]").count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
      await page.context().close();

      // The father, head of his household, is asked on his home page and consents in one tap.
      const home = await phoneAs(env, splitFather.pn, "/", "[data-testid=head-consents]");
      expect(await home.textContent("[data-testid=head-consent]")).toContain(
        "Mẹ của Đỗ Minh Quân đề nghị đăng ký thường trú cho con vào hộ của bạn",
      );
      expect(await seriousViolations(home)).toEqual([]);
      // Refusing takes a second tap: the first only asks, and "go back" leaves the request as it was.
      await home.click("[data-testid=head-refuse]");
      await settled(home, "[data-testid=head-refuse-confirm]");
      expect(await home.textContent("[data-testid=head-refuse-confirm]")).toContain(
        "Bước đăng ký thường trú của nhóm hồ sơ sẽ bị hủy",
      );
      expect(await seriousViolations(home)).toEqual([]);
      expect(await smallTargets(home)).toEqual([]);
      await home.click("[data-testid=head-refuse-keep]");
      expect(await home.locator("[data-testid=head-refuse-confirm]").count()).toBe(0);
      expect(await home.locator("[data-testid=head-consent]").count()).toBe(1);
      await home.click("[data-testid=head-consent-give]");
      await settled(home, "[data-testid=head-consent-given]");
      expect(await home.locator("[data-testid=head-consent]").count()).toBe(0);
      await home.context().close();
      // The group's step goes on: the draft the mother started on its own was withdrawn, with why.
      const after = await mother.send<{ status: string }>("GET", `/api/dossiers/${draftId}`);
      expect(after.body.status).toBe("withdrawn");
    },
    TEST_TIMEOUT,
  );
});

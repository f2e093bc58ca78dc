import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { people } from "../helpers/fixtures.js";
import { clockFrom } from "../helpers/server.js";
import { run, seriousViolations, serverAndBrowser, settled, TEST_TIMEOUT } from "./browser.js";
import { actAs, apiAs, phoneAs, stepDossier } from "./linked-session.js";

/**
 * The birth group's combined form and pages on the phone, a fresh reviewer's findings (issue 12):
 * where the child will live is said (the parents' shared home, prefilled, no question); the submit
 * button locks while the filing is in flight (one POST for a double tap); a confirmed step limit
 * reads "Hạn giải quyết", never "Dự kiến"; the officer's clock of a same-day step received at 07:24
 * reads the hours and minutes left today, not "1 working day". Wednesday 2 December 2026, 07:24.
 */
const env = serverAndBrowser(
  {},
  { delivery: "manual", now: clockFrom(new Date("2026-12-02T07:24:00+07:00")) },
);

let filedId = "";

run(`the birth group's form and clocks (${engine})`, () => {
  it(
    "says where the child will live, locks the submit button while filing, one POST for a double tap",
    async () => {
      const page = await phoneAs(
        env,
        people.mother.pn,
        "/lien-thong/nop/birth",
        "[data-testid=linked-apply]",
      );
      // The parents share one home (household HA-1): shown as the prefilled answer, no question.
      await settled(page, "[data-testid=child-home]");
      expect(await page.textContent("[data-testid=child-home]")).toMatch(
        /^Con sẽ thường trú cùng cha mẹ tại: .+/,
      );
      // Not linking the residence step: nothing is said of it.
      await page.uncheck("[data-testid=member-residence]");
      expect(await page.locator("[data-testid=child-home]").count()).toBe(0);
      await page.check("[data-testid=member-residence]");
      expect(await seriousViolations(page)).toEqual([]);

      const posts: string[] = [];
      page.on("request", (r) => {
        if (r.method() === "POST" && new URL(r.url()).pathname === "/api/linked-applications")
          posts.push(r.url());
      });
      // The filing's answer held back 1.5 s: the button is seen locked meanwhile.
      await page.route("**/api/linked-applications", async (route) => {
        await new Promise((r) => setTimeout(r, 1_500));
        await route.continue();
      });
      await page.fill("[data-testid=child-name]", "Nguyễn Gia Huy");
      await page.check("[data-testid=sworn]");
      const button = page.locator("[data-testid=linked-submit]");
      await button.dblclick();
      await expect.poll(() => button.getAttribute("aria-busy")).toBe("true");
      expect(await button.isDisabled()).toBe(true);
      expect((await button.textContent())?.trim()).toBe("Đang nộp…");
      await page.waitForURL(/\/lien-thong\/[0-9a-f-]{36}$/);
      filedId = page.url().split("/").pop() as string;
      expect(posts).toHaveLength(1);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    "a confirmed step limit reads 'Hạn giải quyết'; the officer's same-day clock reads the hours left today",
    async () => {
      const { s } = env;
      const mother = await apiAs(s, people.mother.pn);
      // The group the first test filed (a second one for the same mother and child is refused).
      const id = filedId;
      const page = await phoneAs(env, people.mother.pn, `/lien-thong/${id}`, "[data-testid=step-birth]");
      // Every step of the birth group has a limit the law confirms: a due date, never "expected".
      for (const key of ["birth", "residence", "insurance"]) {
        const clock = await page.textContent(`[data-testid=step-${key}] [data-testid=step-clock]`);
        expect(clock).toMatch(/^Hạn giải quyết: /);
        expect(clock).not.toContain("Dự kiến");
      }
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();

      // The one-stop desk receives the birth step at 07:2x: due 17:00 today.
      const birthId = await stepDossier(mother, id, "birth");
      await actAs(s, "motcua.20194", birthId, "receive");
      const officer = await phoneAs(
        env,
        "hotich.20194",
        `/can-bo/ho-so/${birthId}`,
        "[data-testid=ws-clock-left]",
      );
      expect(await officer.textContent("[data-testid=ws-clock-left]")).toMatch(
        /^[89] giờ \d{1,2} phút, hạn 17:00 hôm nay$/,
      );
      await officer.context().close();
    },
    TEST_TIMEOUT,
  );
});

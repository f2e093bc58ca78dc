import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import * as ui from "./browser.js";
import { actAs, apiAs, birthGroupReceived, phoneAs } from "./linked-session.js";

/**
 * Issue 12 review points 1 and 2 on the civil-status officer's phone (390×844): the birth step's
 * page shows the supplement deadline (vi first); the group panel offers "cần xác minh" with a
 * reason; once marked, the group's due is the 5-working-day one. Axe-clean, 44 px targets.
 */
const env = ui.serverAndBrowser({}, { delivery: "manual" });

ui.run(`"cần xác minh" and the supplement deadline on the officer's page (${engine})`, () => {
  it(
    "shows the deadline, marks verification with a reason, and the group's due moves",
    async () => {
      const { s } = env;
      const { birth } = await birthGroupReceived(s);
      const officer = await phoneAs(
        env,
        "hotich.20194",
        `/can-bo/ho-so/${birth}`,
        "[data-testid=verification-form]",
      );
      expect(await officer.textContent("[data-testid=group-due]")).toContain("09/11/2026");
      expect(await ui.shortTargets(officer, "[data-testid=verification-form] button")).toEqual([]);
      expect(await ui.seriousViolations(officer)).toEqual([]);
      await ui.shot(officer, `${engine}-linked-verification-1`);
      // Without a reason: said in place, nothing sent.
      await officer.click("[data-testid=verification-mark]");
      expect(await officer.textContent("[data-testid=verification-error]")).toContain("lý do");
      await officer.fill(
        "[data-testid=verification-reason]",
        "Giấy chứng sinh ghi tên mẹ khác với dữ liệu dân cư.",
      );
      await officer.click("[data-testid=verification-mark]");
      await ui.settled(officer, "[data-testid=group-verification]");
      expect(await officer.textContent("[data-testid=group-due]")).toContain("11/11/2026");
      expect(await officer.locator("[data-testid=verification-form]").count()).toBe(0);
      // A supplement request: the page shows its deadline (7 working days: Fri 13 Nov, 17:00).
      await actAs(s, "hotich.20194", birth, "forward");
      const asked = await (await apiAs(s, "hotich.20194")).send("POST", `/api/dossiers/${birth}/actions`, {
        action: "request_supplement",
        reason: "Ảnh giấy chứng sinh bị mờ.",
      });
      expect(asked.status).toBe(200);
      // The page reads the dossier's group once, for both the line under the title and the panel.
      const groupReads: string[] = [];
      officer.on("request", (r) => {
        if (r.url().endsWith("/linked-group")) groupReads.push(r.url());
      });
      await officer.reload();
      await ui.settled(officer, "[data-testid=supplement-due]");
      await ui.settled(officer, "[data-testid=dossier-group]");
      await ui.settled(officer, "[data-testid=group-context]");
      expect(groupReads).toEqual([`${s.baseUrl}/api/dossiers/${birth}/linked-group`]);
      const due = (await officer.textContent("[data-testid=supplement-due]")) ?? "";
      expect(due).toContain("Hạn bổ sung giấy tờ");
      expect(due).toContain("13/11/2026");
      expect(await ui.seriousViolations(officer)).toEqual([]);
    },
    ui.TEST_TIMEOUT,
  );
});

import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { people } from "../helpers/fixtures.js";
import * as ui from "./browser.js";
import { grandfatherDies, offerOf } from "./death-notice.js";
import { apiAs, birthGroupReceived, phoneAs } from "./linked-session.js";

/**
 * Issue 12's low points on phones (390×844), Vietnamese first: a birth group marked "cần xác minh"
 * says why its limit is 5 working days to the mother (with the officer's reason), to the
 * civil-status officer and on the leader's list of groups at risk (a); the officers read the step
 * waiting for the citizen's documents in officer-facing words, the mother in hers (c); another
 * household's offer link is "not found", never "closed" (e); "Đóng lời mời" tapped twice sends one
 * request (f). Axe-clean, 44 px targets.
 */
const env = ui.serverAndBrowser({}, { delivery: "manual" });
const REASON = "Giấy chứng sinh ghi tên mẹ khác với dữ liệu dân cư.";

ui.run(`issue 12's low points on the group pages and offers, on phones (${engine})`, () => {
  it(
    "a group needing verification says why to the mother, the officer and the leader; officers' words for a supplement",
    async () => {
      const { s } = env;
      const { groupId, birth } = await birthGroupReceived(s);
      const civil = await apiAs(s, "hotich.20194");
      for (const body of [
        { action: "require_verification", reason: REASON },
        { action: "forward" },
        { action: "request_supplement", reason: "Ảnh giấy chứng sinh bị mờ." },
      ]) {
        const r = await civil.send("POST", `/api/dossiers/${birth}/actions`, body);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      }

      // The mother: why 5 working days, the officer's reason; her step in her words.
      const page = await phoneAs(
        env,
        people.mother.pn,
        `/lien-thong/${groupId}`,
        "[data-testid=group-verification]",
      );
      const why = await page.textContent("[data-testid=group-verification]");
      expect(why).toContain("UBND xã, phường (hộ tịch) cần xác minh thêm hồ sơ của bạn");
      expect(why).toContain("thời hạn giải quyết cả nhóm là 5 ngày làm việc");
      expect(why).toContain(`Lý do: ${REASON}`);
      expect(await page.textContent("[data-testid=step-birth] [data-testid=step-status]")).toBe(
        "Cơ quan cần bạn bổ sung giấy tờ",
      );
      expect(await ui.rawWords(page)).toEqual([]);
      expect(await ui.seriousViolations(page)).toEqual([]);
      await ui.shot(page, `${engine}-linked-lows-1-citizen-verification`);
      await page.click("[data-testid=lang-en]");
      await expect
        .poll(() => page.textContent("[data-testid=group-verification]"))
        .toContain(
          "needs to verify your application further, so the whole group's time limit is 5 working days",
        );
      await page.context().close();

      // The civil-status officer's group panel: the officer's words, the verification said.
      const officer = await phoneAs(
        env,
        "hotich.20194",
        `/can-bo/ho-so/${birth}`,
        "[data-testid=group-context]",
      );
      const panel = (await officer.textContent("[data-testid=group-context]")) ?? "";
      expect(panel).toContain("Đã yêu cầu công dân bổ sung giấy tờ");
      expect(panel).not.toContain("Cơ quan cần bạn");
      expect(
        await officer.textContent("[data-testid=group-context] [data-testid=group-verification-words]"),
      ).toBe("Cần xác minh: thời hạn của cả nhóm là 5 ngày làm việc");
      expect(await ui.seriousViolations(officer)).toEqual([]);
      await officer.context().close();

      // Past the group's due (its clock is not paused by a step's supplement): on the leader's list.
      await s.db.query("update linked_groups set due_at = '2026-11-04T08:00:00+07:00' where id = $1", [
        groupId,
      ]);
      const leader = await phoneAs(
        env,
        "lanhdao.20194",
        "/can-bo/lanh-dao",
        `[data-testid=leader-group][data-group="${groupId}"]`,
      );
      const card = leader.locator("[data-testid=leader-groups] > li", {
        has: leader.locator(`[data-testid=leader-group][data-group="${groupId}"]`),
      });
      expect(await card.locator("[data-testid=group-verification-words]").textContent()).toBe(
        "Cần xác minh: thời hạn của cả nhóm là 5 ngày làm việc",
      );
      expect(await card.textContent()).toContain("Đã quá hạn của cả nhóm");
      expect(await card.textContent()).toContain("Đã yêu cầu công dân bổ sung giấy tờ");
      expect(await ui.seriousViolations(leader)).toEqual([]);
      await ui.shot(leader, `${engine}-linked-lows-2-leader`);
      await leader.click("[data-testid=lang-en]");
      await expect
        .poll(() => card.locator("[data-testid=group-verification-words]").textContent())
        .toBe("Verification required: the group's time limit is 5 working days");
      await leader.context().close();
    },
    ui.TEST_TIMEOUT,
  );

  it(
    "another household's offer link is not found; declining with a double tap sends one request",
    async () => {
      const { s } = env;
      await grandfatherDies(s, "GBT-LOWS-0001");
      const offer = (await offerOf(s, people.mother.pn, "GBT-LOWS-0001")) as string;
      expect(offer).toBeTruthy();

      // The neighbour (another household) opens the mother's link: not found, never "closed".
      const other = await phoneAs(
        env,
        people.neighbour.pn,
        `/lien-thong/nop/death?offer=${offer}`,
        "[data-testid=offer-not-found]",
      );
      const said = (await other.textContent("[data-testid=linked-apply]")) ?? "";
      expect(said).toContain("Không tìm thấy lời mời này.");
      expect(said).not.toContain("đã đóng");
      expect(said).not.toContain("hồ sơ bạn đã nộp");
      expect(await ui.rawWords(other)).toEqual([]);
      expect(await ui.smallTargets(other)).toEqual([]);
      expect(await ui.seriousViolations(other)).toEqual([]);
      await ui.shot(other, `${engine}-linked-lows-3-offer-not-found`);
      await other.click("[data-testid=lang-en]");
      await expect
        .poll(() => other.textContent("[data-testid=offer-not-found]"))
        .toContain("This offer was not found.");
      await other.context().close();

      // The mother declines her offer with a double tap: one request, declined once.
      const page = await phoneAs(env, people.mother.pn, "/", "[data-testid=linked-offer][data-group=death]");
      const declines: string[] = [];
      page.on("request", (r) => {
        if (r.method() === "POST" && r.url().includes("/decline")) declines.push(r.url());
      });
      await page.click("[data-testid=linked-offer][data-group=death] [data-testid=offer-decline]");
      await ui.settled(page, "[data-testid=offer-decline-yes]");
      await page.dblclick("[data-testid=offer-decline-yes]");
      await ui.settled(page, "[data-testid=offer-declined]");
      expect(declines).toHaveLength(1);
      expect(await page.locator("[data-testid=linked-apply] [role=alert], .alert-error").count()).toBe(0);
      expect(await ui.seriousViolations(page)).toEqual([]);
      const state = await s.db.query<{ state: string }>("select state from linked_offers where id = $1", [
        offer,
      ]);
      expect(state.rows.map((r) => r.state)).toEqual(["declined"]);
      await page.context().close();
    },
    ui.TEST_TIMEOUT,
  );
});

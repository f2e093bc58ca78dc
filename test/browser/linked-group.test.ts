import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { BIRTH_GROUP_APPLICATION, BIRTH_VALUES, people } from "../helpers/fixtures.js";
import {
  run,
  seriousViolations,
  serverAndBrowser,
  settled,
  shot,
  TEST_TIMEOUT,
  UI_TIMEOUT,
} from "./browser.js";
import { communeOfficers } from "./commune-officers.js";
import { apiAs, phoneAs, stepDossier } from "./linked-session.js";

/**
 * The birth group on the mother's phone: one application, the birth registered, the child's number
 * arrives, the police refuse the residence step with a reason, social security issues the card;
 * the group page shows each step's agency, status in plain words, clock and result, and explains
 * the refusal. (Filing and officers' work go through the API; the page is what is tested here.)
 */
const env = serverAndBrowser({}, { delivery: "manual" });

run(`the birth group's page (${engine})`, () => {
  it(
    "shows three steps with agencies, plain statuses, clocks, results and the refusal explained",
    async () => {
      const { s } = env;
      const mother = await apiAs(s, people.mother.pn);
      const { finish } = await communeOfficers(s);
      const filed = await mother.send<{ id: string }>(
        "POST",
        "/api/linked-applications",
        BIRTH_GROUP_APPLICATION,
      );
      expect(filed.status).toBe(201);
      const id = filed.body.id;
      const idOf = (key: string) => stepDossier(mother, id, key);

      const page = await phoneAs(env, people.mother.pn, `/lien-thong/${id}`, "[data-testid=step-birth]");
      // The receiver asks a supplement on step 1: the reason, the deadline, the way to supply it,
      // the clock paused; the steps after it say they wait for it.
      const birthId = await idOf("birth");
      const receiver = await apiAs(s, "motcua.20194");
      for (const [action, reason] of [["receive"], ["request_supplement", "Ảnh giấy chứng sinh bị mờ."]])
        expect(
          (await receiver.send("POST", `/api/dossiers/${birthId}/actions`, { action, reason })).status,
        ).toBe(200);
      await page.reload();
      await settled(page, "[data-testid=step-supplement]");
      const asked = await page.textContent("[data-testid=step-birth] [data-testid=step-supplement]");
      expect(asked).toContain("Ảnh giấy chứng sinh bị mờ.");
      expect(asked).toContain("Hạn bổ sung:");
      expect(asked).toContain("Bổ sung ngay trên trang hồ sơ của bước này");
      expect(await page.textContent("[data-testid=step-birth] [data-testid=step-clock]")).toBe(
        "Tạm dừng tính thời hạn trong lúc chờ bổ sung",
      );
      expect(
        await page.textContent("[data-testid=step-residence] [data-testid=waits-for-supplement]"),
      ).toContain("chờ bạn bổ sung giấy tờ");
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `${engine}-linked-1b-supplement`);
      await page.click("[data-testid=supplement-go]", { timeout: UI_TIMEOUT });
      await settled(page, "[data-testid=supplement-due]");
      expect(await page.textContent("[data-testid=supplement-due]")).toContain("Hạn bổ sung:");
      expect(
        (await mother.send("POST", `/api/dossiers/${birthId}/actions`, { action: "supplement" })).status,
      ).toBe(200);
      await page.goto(`${s.baseUrl}/lien-thong/${id}`);
      await settled(page, "[data-testid=step-birth]");
      expect(await page.textContent("[data-testid=step-residence] [data-testid=step-status]")).toBe(
        "Đang chờ bước trước có kết quả",
      );
      await shot(page, `${engine}-linked-1-filed`);

      await finish(birthId);
      await s.drain(); // the child's number reaches the group: the steps start by themselves
      await finish(await idOf("residence"), "Chủ hộ chưa xác nhận đồng ý trên VNeID.");
      // The card is decided by the platform (the birth group's version 2): no officer issues it.

      await page.reload();
      await settled(page, "[data-testid=step-birth]");
      const status = (key: string) => page.textContent(`[data-testid=step-${key}] [data-testid=step-status]`);
      expect(await status("birth")).toBe("Đã có kết quả");
      expect(await status("insurance")).toBe("Đã có kết quả");
      expect(await page.textContent("[data-testid=step-insurance] [data-testid=step-automatic]")).toBe(
        "Xử lý tự động",
      );
      expect(await status("residence")).toBe("Bị từ chối");
      const reason = await page.textContent("[data-testid=step-residence] [data-testid=step-reason]");
      expect(reason).toContain("Công an xã, phường từ chối");
      expect(reason).toContain("Chủ hộ chưa xác nhận");
      expect(reason).toContain("Hãy sửa hoặc bổ sung theo lý do");
      // A refused step has no deadline any more (no "Hạn giải quyết …"); the others keep theirs.
      expect(await page.locator("[data-testid=step-residence] [data-testid=step-clock]").count()).toBe(0);
      expect(await page.textContent("[data-testid=step-birth] [data-testid=step-clock]")).toContain(
        "Hạn giải quyết:",
      );
      expect(await page.textContent("[data-testid=step-birth]")).toContain("UBND xã, phường (hộ tịch)");
      expect(await page.textContent("[data-testid=group-clock]")).toContain("3 ngày làm việc theo quy định");
      await page.click("[data-testid=step-birth] a[href^='/xac-minh/']", { timeout: UI_TIMEOUT });
      await page.waitForURL(/\/xac-minh\//, { timeout: UI_TIMEOUT });
      await page.goBack();
      await settled(page, "[data-testid=step-birth]");
      // Each step's links ("Xem và tải kết quả", "Xem hồ sơ của bước này"…) are 44 px tap targets.
      const heights = await page.$$eval("[data-testid=step-links] a", (links) =>
        links.map((a) => a.getBoundingClientRect().height),
      );
      expect(heights.length).toBeGreaterThan(0);
      expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
      await shot(page, `${engine}-linked-2-partly-done`);
      expect(await seriousViolations(page)).toEqual([]);

      // The way on: the procedure on its own, its draft carrying the child from the birth result
      // (name, new personal number: read-only with that source), the mother's answers kept.
      const insurance = await mother.send<{ fields: Array<{ key: string; value: unknown }> }>(
        "GET",
        `/api/dossiers/${await idOf("insurance")}`,
      );
      const childNumber = String(insurance.body.fields.find((f) => f.key === "child.personalNumber")?.value);
      expect(childNumber).toMatch(/^\d{12}$/);
      const groupUrl = page.url();
      await page.click("[data-testid=step-residence] [data-testid=file-alone]", { timeout: UI_TIMEOUT });
      await page.waitForURL(/\/ho-so\//, { timeout: UI_TIMEOUT });
      const aloneUrl = new URL(page.url()).pathname;
      await settled(page, '[data-testid="value-member.personalNumber"]');
      expect(await page.textContent('[data-testid="value-member.personalNumber"]')).toContain(childNumber);
      expect(await page.textContent('[data-testid="value-member.fullName"]')).toContain(
        BIRTH_VALUES["child.fullName"],
      );
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `${engine}-linked-2b-file-alone`);
      // Back on the group page, the step names the draft it was filed as; a tap opens that draft.
      await page.goto(groupUrl);
      await settled(page, "[data-testid=step-residence] [data-testid=step-alone]");
      expect(await page.textContent("[data-testid=step-residence] [data-testid=step-alone]")).toContain(
        "Đã bắt đầu nộp riêng",
      );
      expect(await page.locator("[data-testid=step-residence] [data-testid=file-alone]").count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.click("[data-testid=step-residence] [data-testid=step-alone-open]", { timeout: UI_TIMEOUT });
      await page.waitForURL((u) => u.pathname === aloneUrl, { timeout: UI_TIMEOUT });

      // A member added by a new group version is labelled by its procedure's name on the form.
      const admin = await apiAs(s, "admin");
      const { rows } = await s.db.query<{ definition: { members: unknown[] } }>(
        "select definition from linked_group_versions where code = 'birth' and status = 'published'",
      );
      const def = rows[0]?.definition as { members: unknown[] };
      const draft = await admin.send<{ version: number }>("POST", "/api/admin/linked-groups", {
        definition: {
          ...def,
          members: [
            ...def.members,
            {
              key: "maritalStatus",
              procedureCode: "LOCAL.XAC-NHAN-TTHN",
              optional: true,
              dependsOn: ["birth"],
              limit: { workingDays: 2, confirmed: false },
              agencyVi: "UBND xã, phường (thử)",
              agencyEn: "Commune People's Committee (test)",
            },
          ],
          choose: { min: 1, max: 4 },
        },
      });
      expect(draft.status).toBe(201);
      await admin.send("POST", `/api/admin/linked-groups/birth/versions/${draft.body.version}/publish`);
      const name = (
        await mother.send<{ definition: { nameVi: string } }>("GET", "/api/procedures/LOCAL.XAC-NHAN-TTHN")
      ).body.definition;
      await page.goto(`${s.baseUrl}/lien-thong/nop/birth`);
      await settled(page, "[data-testid=member-maritalStatus]");
      const label = await page.textContent("label:has([data-testid=member-maritalStatus])");
      expect(label?.trim()).toBe(name.nameVi);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `${engine}-linked-3-new-member`);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

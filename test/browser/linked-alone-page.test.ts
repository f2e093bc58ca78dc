import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { people } from "../helpers/fixtures.js";
import { WHOLE_BIRTH_GROUP } from "../helpers/linked.js";
import { run, seriousViolations, serverAndBrowser, settled, shot, TEST_TIMEOUT } from "./browser.js";
import { communeOfficers } from "./commune-officers.js";
import { apiAs, phoneAs, stepDossier } from "./linked-session.js";

/**
 * Issue 12 (review h12 L1), on the mother's phone: the birth refused in the group, filed on its own
 * and registered there. Its card gives no refusal advice any more (the refusal stays as past
 * history); the residence and insurance cards say the earlier step has its result and offer
 * "Nộp riêng", never "bước trước không có kết quả".
 */
const env = serverAndBrowser({}, { delivery: "manual" });

run(`the group page after the birth registered on its own (${engine})`, () => {
  it(
    "tells the refusal as past and the later steps as fileable, not 'no result'",
    async () => {
      const { s } = env;
      const mother = await apiAs(s, people.mother.pn);
      const { finish } = await communeOfficers(s);
      const filed = await mother.send<{ id: string }>("POST", "/api/linked-applications", WHOLE_BIRTH_GROUP);
      expect(filed.status).toBe(201);
      const id = filed.body.id;
      await finish(await stepDossier(mother, id, "birth"), "Giấy chứng sinh không khớp.");
      for (let i = 0; i < 3; i++) await s.drain();
      const alone = await mother.send<{ id: string }>(
        "POST",
        `/api/linked-applications/${id}/steps/birth/alone`,
      );
      expect(alone.status, JSON.stringify(alone.body)).toBe(201);
      expect((await mother.send("POST", `/api/dossiers/${alone.body.id}/submit`, {})).status).toBe(200);
      await finish(alone.body.id);
      for (let i = 0; i < 3; i++) await s.drain();

      const page = await phoneAs(env, people.mother.pn, `/lien-thong/${id}`, "[data-testid=step-birth]");
      await settled(page, "[data-testid=step-residence] [data-testid=step-reason]");
      const birth = "[data-testid=step-birth]";
      expect(await page.textContent(`${birth} [data-testid=step-status]`)).toBe("Đã có kết quả (nộp riêng)");
      expect(await page.locator(`${birth} [data-testid=step-reason]`).count()).toBe(0);
      const past = await page.textContent(`${birth} [data-testid=step-past-reason]`);
      expect(past).toMatch(/^Trước đó, trong nhóm hồ sơ liên thông: .*Giấy chứng sinh không khớp\.$/);
      for (const key of ["residence", "insurance"]) {
        const card = await page.textContent(`[data-testid=step-${key}]`);
        expect(card).not.toContain("không có kết quả");
        const reason = await page.textContent(`[data-testid=step-${key}] [data-testid=step-reason]`);
        expect(reason).toMatch(/^Lý do: Bước trước “[^”]+” đã có kết quả\./);
        expect(reason).toContain("Bạn nên làm gì: Bạn có thể nộp riêng thủ tục này");
        expect(card).toContain("Nộp riêng thủ tục này");
      }
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `${engine}-linked-alone-registered`);
    },
    TEST_TIMEOUT,
  );
});

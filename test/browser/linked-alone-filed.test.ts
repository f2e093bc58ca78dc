import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import {
  addSplitParents,
  fileIntoFathersHousehold,
  registerGroupBirth,
  splitFather,
  splitMother,
  submitResidenceAlone,
} from "../helpers/split-parents.js";
import { run, seriousViolations, serverAndBrowser, settled, smallTargets, TEST_TIMEOUT } from "./browser.js";
import { apiAs, phoneAs } from "./linked-session.js";

/**
 * Issue 12 on the phone (390×844, axe): the child was to join the father's household, and the
 * mother filed the residence registration on its own and submitted it before he answered. Her
 * group page says his consent is no longer needed, naming her dossier, instead of the wait and the
 * reminder; the residence step links that dossier.
 */
const env = serverAndBrowser({}, { delivery: "manual" });

run(`the birth group: the residence step filed on its own (${engine})`, () => {
  it(
    "the group page says the head's consent is no longer needed, without the wait or the reminder",
    async () => {
      await addSplitParents(env.s.db);
      const mother = await apiAs(env.s, splitMother.pn);
      const id = await fileIntoFathersHousehold(mother, "Đỗ Minh Quân");
      // Filed on its own only once the birth is registered (the child's personal number).
      await registerGroupBirth(env.s, mother, id);
      const filed = await submitResidenceAlone(mother, id);
      const page = await phoneAs(env, splitMother.pn, `/lien-thong/${id}`, "[data-testid=group-child-home]");
      await settled(page, "[data-testid=child-home-filed-alone]");
      const said = await page.textContent("[data-testid=child-home-filed-alone]");
      expect(said).toContain(`hồ sơ ${filed.code}`);
      expect(said).toContain(`không cần chủ hộ ${splitFather.name} đồng ý`);
      for (const gone of ["head-wait", "head-remind", "step-awaiting"])
        expect(await page.locator(`[data-testid=${gone}]`).count(), gone).toBe(0);
      const residence = "[data-testid=step-residence]";
      expect(await page.textContent(`${residence} [data-testid=step-status]`)).toBe("Đã nộp riêng");
      expect(await page.getAttribute(`${residence} [data-testid=step-alone-open]`, "href")).toBe(
        `/ho-so/${filed.id}`,
      );
      expect(await seriousViolations(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

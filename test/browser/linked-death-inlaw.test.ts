import { expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { foldVietnamese } from "../../src/domain/text.js";
import { loadKeys } from "../../src/lib/secrets.js";
import { sendDeathNotice } from "../../src/modules/exchange/index.js";
import { engine } from "../helpers/db.js";
import { A, addHouseholdMember, people } from "../helpers/fixtures.js";
import { clockFrom } from "../helpers/server.js";
import {
  phone,
  run,
  seriousViolations,
  serverAndBrowser,
  settled,
  signIn,
  smallTargets,
  TEST_TIMEOUT,
  UI_TIMEOUT,
} from "./browser.js";

/**
 * A household adult the registries do not relate to the deceased (the mother of household HA-1 is
 * the grandfather's daughter-in-law) is offered the death group: the offer form asks her
 * relationship to the deceased (a select, as the form without an offer does), and she can file.
 */
const env = serverAndBrowser(
  {},
  { now: clockFrom(new Date("2026-11-05T09:00:00+07:00")), delivery: "manual" },
);
const grandfather = { pn: "048040000104", name: "Nguyễn Văn Cường", birth: "1940-02-10" };

run(`the death offer to a daughter-in-law, on phones (${engine})`, () => {
  it(
    "asks her relationship to the deceased, then files",
    async () => {
      const { s } = env;
      await s.db.query(
        `insert into persons (personal_number, province_code, full_name, search_name, birth_date, sex, ethnicity,
           birth_registration_old_province, permanent_commune_code, permanent_address, household_id, relationship_to_head)
         values ($1, '48', $2, $3, $4, 'M', 'Kinh', '048', $5, 'Số 1, đường Nguyễn Tất Thành', 'HA-1', 'bố')`,
        [grandfather.pn, grandfather.name, foldVietnamese(grandfather.name), grandfather.birth, A.commune],
      );
      await addHouseholdMember(s.db, "HA-1", grandfather.pn);
      const keys = await loadKeys(loadConfig({ DATA_DIR: s.tdb.dataDir }));
      await s.db.tx((q) =>
        sendDeathNotice(
          q,
          keys.agencies,
          {
            noticeId: "GBT-E2E-0002",
            communeCode: A.commune,
            personalNumber: grandfather.pn,
            diedAt: "2026-11-04T19:08:00+07:00",
            place: "Bệnh viện Đà Nẵng",
            cause: "Tuổi cao",
          },
          A.province,
          s.now(),
        ),
      );
      await s.drain();

      const page = await phone(env.chromium, s.now);
      await signIn(page, s.baseUrl, people.mother.pn, "/");
      await settled(page, "[data-testid=linked-offer][data-group=death]");
      await page.click("[data-testid=linked-offer][data-group=death] a", { timeout: UI_TIMEOUT });
      await settled(page, "[data-testid=linked-apply]");
      // Not known from the registries: asked, once, as a choice.
      const select = page.locator(
        "[data-testid=linked-missing] select[data-testid='field-requester.relationship']",
      );
      await select.waitFor({ timeout: UI_TIMEOUT });
      expect(await page.textContent("[data-testid=linked-missing]")).toContain("Quan hệ với người đã mất");
      await select.selectOption("relative");
      // Only the residence deregistration linked: it asks nothing more.
      for (const key of ["funeral", "survivor"]) {
        const box = page.locator(`[data-testid=member-${key}]`);
        if ((await box.count()) > 0) await box.uncheck();
      }
      await page.check("[data-testid=sworn]");
      expect(await smallTargets(page)).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await page.click("[data-testid=linked-submit]");
      await page.waitForURL(/\/lien-thong\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT });
      await settled(page, "[data-testid=step-death]");
      const filed = await s.db.query<{ relationship: string }>(
        `select form->>'requester.relationship' as relationship from dossiers
         where applicant_number = $1 and procedure_code = 'LOCAL.KHAI-TU'`,
        [people.mother.pn],
      );
      expect(filed.rows.map((r) => r.relationship)).toEqual(["relative"]);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});

import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { TEST_START } from "../helpers/server.js";
import {
  phone,
  rawWords,
  run,
  seriousViolations,
  serverAndBrowser,
  settled,
  shot,
  signIn,
  smallTargets,
  TEST_TIMEOUT,
  UI_TIMEOUT,
} from "./browser.js";
import { withHistory } from "./history.js";

/**
 * Issue 14 review (390×844): a dossier imported from an old system whose result it issued on
 * paper (GET /api/dossiers/:id/result answers 409 RESULT_ON_PAPER) shows, on the citizen's and the
 * officer's dossier page, an information banner saying where to collect it, in Vietnamese, not an
 * error with a retry, and no download.
 */
const env = serverAndBrowser();
withHistory(env, {
  seed: 1,
  perCommuneMonth: 12,
  communes: [{ code: "20194", provinceCode: "48" }],
  now: TEST_START,
});

const WORDS =
  "Kết quả của hồ sơ này là bản giấy, nhận tại Bộ phận Tiếp nhận và Trả kết quả; hồ sơ không có kết quả điện tử để tải về.";

/** An imported dossier of commune 20194 whose old system returned the result on paper, with its applicant. */
async function paperDossier(): Promise<{ id: string; applicant: string }> {
  const r = await env.s.db.query<{ id: string; applicant: string }>(
    `select d.id, d.applicant_number as applicant
     from dossiers d join dossier_actions a on a.dossier_id = d.id and a.province_code = d.province_code
     where d.created_by_kind = 'import' and d.commune_code = '20194' and a.action = 'issue_result'
       and (a.payload->>'electronic')::boolean is not true
     order by d.code limit 1`,
  );
  const row = r.rows[0];
  if (!row) throw new Error("the seeded history holds no paper result");
  return row;
}

run(`a result on paper: an information banner (${engine})`, () => {
  it(
    "the citizen and the officer read where to collect it; nothing to download or retry",
    async () => {
      const d = await paperDossier();
      for (const who of [
        { login: d.applicant, path: `/ho-so/${d.id}`, panel: "[data-testid=result]", name: "citizen" },
        {
          login: "chuyenvien.20194",
          path: `/can-bo/ho-so/${d.id}`,
          panel: "[data-testid=ws-result]",
          name: "officer",
        },
      ]) {
        const page = await phone(env.chromium, env.s.now);
        await signIn(page, env.s.baseUrl, who.login, who.path);
        await settled(page, who.panel);
        const banner = page.locator(`${who.panel} [data-testid=result-on-paper]`);
        await banner.waitFor({ timeout: UI_TIMEOUT });
        expect(await banner.textContent()).toBe(WORDS);
        // Information, not an error: no alert role, no retry, no download.
        expect(await banner.getAttribute("class")).toContain("banner-info");
        expect(await page.locator(`${who.panel} [role=alert]`).count()).toBe(0);
        expect(await page.locator(`${who.panel} [data-testid=result-download]`).count()).toBe(0);
        expect(await page.locator(`${who.panel} button`).count()).toBe(0);
        expect(await rawWords(page)).toEqual([]);
        expect(await seriousViolations(page)).toEqual([]);
        expect(await smallTargets(page)).toEqual([]);
        await shot(page, `${engine}-result-on-paper-${who.name}`);
        await page.context().close();
      }
    },
    TEST_TIMEOUT,
  );
});

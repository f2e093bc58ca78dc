import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordDemoSpouseApart } from "../src/cli/demo-spouse.js";
import { foldVietnamese } from "../src/domain/text.js";
import { findDemoAccounts } from "../src/modules/registries/index.js";
import { engine } from "./helpers/db.js";
import { A, people } from "./helpers/fixtures.js";
import { startTestServer, type TestServer } from "./helpers/server.js";

/**
 * The demo's married woman living apart from her husband's household (issue 14): a woman living
 * alone and a son of another household, in another commune, recorded as married once; she is
 * listed among the demo accounts while she lives apart.
 */
let s: TestServer;
const son = { pn: "048094000802", name: "Đặng Văn Phúc" };
beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  await s.db.tx(async (q) => {
    await q.query(
      `insert into households (id, province_code, commune_code, address, head_number, member_numbers)
       values ('HA-8', '48', $1, 'Số 8, đường Tôn Đức Thắng', '048066000801', array['048066000801', $2]::bpchar[])`,
      [A.commune, son.pn],
    );
    for (const [pn, name, birth, rel] of [
      ["048066000801", "Đặng Văn Lộc", "1966-01-01", "chủ hộ"],
      [son.pn, son.name, "1994-05-05", "con"],
    ] as const)
      await q.query(
        `insert into persons (personal_number, province_code, full_name, search_name, birth_date, sex, ethnicity,
           birth_registration_old_province, permanent_commune_code, permanent_address, household_id, relationship_to_head)
         values ($1, '48', $2, $3, $4, 'M', 'Kinh', '048', $5, 'Số 8, đường Tôn Đức Thắng', 'HA-8', $6)`,
        [pn, name, foldVietnamese(name), birth, A.commune, rel],
      );
  });
});
afterAll(async () => s?.close());

describe(`demo: a married woman living apart from her husband's household (${engine})`, () => {
  it("records the marriage once; she is a demo account while she lives apart", async () => {
    const married = await recordDemoSpouseApart(s.db, s.now());
    expect(married?.wife.personalNumber).toBe(people.neighbour.pn);
    expect(married?.husband.personalNumber).toBe(son.pn);
    expect(married?.husband.communeCode).not.toBe(married?.wife.communeCode);
    // The head of his household, who consents: printed by the demo start so one may sign in as them.
    expect(married?.head).toEqual({ personalNumber: "048066000801", fullName: "Đặng Văn Lộc" });
    const accounts = await findDemoAccounts(s.db, "48", "2026-11-04");
    expect(accounts.find((a) => a.kind === "spouse_apart")).toMatchObject({
      personalNumber: people.neighbour.pn,
      procedures: ["1.004222"],
    });
    expect(accounts.find((a) => a.kind === "spouse_apart")?.note).toContain(
      "chủ hộ nhà chồng Đặng Văn Lộc (048066000801) đăng nhập để đồng ý",
    );
    expect(await recordDemoSpouseApart(s.db, s.now())).toBeNull();
  });
});

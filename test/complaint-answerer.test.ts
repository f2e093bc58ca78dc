import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dossierAgency } from "../src/domain/agencies.js";
import { answererAt } from "../src/modules/dossiers/index.js";
import { engine } from "./helpers/db.js";
import { MARITAL, people } from "./helpers/fixtures.js";
import { rerunMigration } from "./helpers/migrations.js";
import { Browser, startTestServer, TEST_START, type TestServer } from "./helpers/server.js";

/**
 * Issue 13: an answer to a complaint names who answered as they were then. The officer answers,
 * is renamed and moved to the province's office: the answer still shows his old name and office;
 * his next answer shows the new ones. Migration 366 fills the answers given before it from the
 * officers' rows, by the rule the code applies (the same name and office as `answererAt` for
 * officers of every agency, at a commune, a special zone, a province), and leaves the rows that
 * hold one; run again, it changes nothing.
 */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({}, { now: () => new Date(TEST_START.getTime() + 3 * 86_400_000) });
});
afterAll(async () => {
  await s?.close();
});

type Complaint = { id: string; answeredBy: { name: string; officeVi: string } | null };
type Complaints = { items: Complaint[] };
const signedIn = async (login: string) => {
  const b = new Browser(s.baseUrl);
  await b.signIn(login);
  return b;
};
const MIGRATION = "366_complaint_answerer";
const OFFICER = "motcua.20194";

describe(`the answerer as at the time of the answer (${engine})`, () => {
  let dossier = "";
  let firstAnswer = "";
  let oldName = "";

  it("a rename and a move of the officer leave his answer as given; his next answer names the new ones", async () => {
    const mother = await signedIn(people.mother.pn);
    dossier = (await mother.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: MARITAL.code }))
      .body.id;
    expect(
      (await mother.send("POST", `/api/dossiers/${dossier}/submit`, { values: MARITAL.values })).status,
    ).toBe(200);
    // The one just filed: the list's new id (two filed at one instant are ordered by id).
    const complain = async (text: string) =>
      (
        await mother.send<Complaints>("POST", `/api/dossiers/${dossier}/complaints`, { text })
      ).body.items.find((c) => c.id !== firstAnswer)?.id as string;
    const answer = async (b: Browser, id: string) => {
      const r = await b.send("POST", `/api/dossiers/${dossier}/complaints/${id}/answer`, {
        text: "Đã xử lý.",
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    const shown = async () =>
      new Map(
        (await mother.send<Complaints>("GET", `/api/dossiers/${dossier}/complaints`)).body.items.map((c) => [
          c.id,
          c.answeredBy,
        ]),
      );

    firstAnswer = await complain("Xin cho biết khi nào được tiếp nhận.");
    await answer(await signedIn(OFFICER), firstAnswer);
    const { rows } = await s.db.query<{ full_name: string }>(
      "select full_name from officers where username = $1",
      [OFFICER],
    );
    oldName = rows[0]?.full_name as string;
    const then = { name: oldName, officeVi: "Ủy ban nhân dân phường Hải Vân" };
    expect((await shown()).get(firstAnswer)).toEqual(then);

    // Renamed, and moved from the commune's desk to the province's.
    await s.db.query(
      `update officers set full_name = 'Trần Văn Mới', jurisdiction_level = 'province', jurisdiction_code = '48',
         province_code = '48' where username = $1`,
      [OFFICER],
    );
    expect((await shown()).get(firstAnswer)).toEqual(then);
    const second = await complain("Tôi cần gấp.");
    await answer(await signedIn(OFFICER), second);
    const now = await shown();
    expect(now.get(second)).toEqual({ name: "Trần Văn Mới", officeVi: "Ủy ban nhân dân thành phố Đà Nẵng" });
    expect(now.get(firstAnswer)).toEqual(then);
  });

  it("migration 366 fills the answers given before it as the code names the answerer, once", async () => {
    // Officers of each kind of office (commune, special zone, lower-case commune, province, none).
    await s.db.query(
      `insert into officers (username, full_name, role, jurisdiction_level, jurisdiction_code, province_code, agency)
       values ('ca.t366', 'Công An Một', 'agency_officer', 'commune', '20194', '48', 'cong-an'),
              ('vhxh.t366', 'Văn Hóa Hai', 'agency_officer', 'commune', '20333', '48', 'van-hoa-xa-hoi'),
              ('bhxh.t366', 'Bảo Hiểm Ba', 'agency_officer', 'province', '48', '48', 'bhxh'),
              ('ub.t366', 'Ủy Ban Bốn', 'specialist', 'commune', '06325', null, null),
              ('tinh.t366', 'Tỉnh Năm', 'specialist', 'province', '04', '04', 'ubnd'),
              ('nuoc.t366', 'Cả Nước Sáu', 'specialist', 'country', null, null, null)`,
    );
    const { rows: d } = await s.db.query<{ province_code: string; agency_code: string }>(
      "select province_code, agency_code from dossiers where id = $1",
      [dossier],
    );
    const { province_code: province, agency_code: agencyCode } = d[0] as {
      province_code: string;
      agency_code: string;
    };
    const usernames = [
      "ca.t366",
      "vhxh.t366",
      "bhxh.t366",
      "ub.t366",
      "tinh.t366",
      "nuoc.t366",
      "machine-client",
    ];
    for (const [i, by] of usernames.entries())
      await s.db.query(
        `insert into dossier_complaints (province_code, id, dossier_id, text, created_at, due_at, answer, answered_at, answered_by)
         values ($1, $2, $3, 'Cũ.', now(), now(), 'Đã trả lời.', now(), $4)`,
        [province, `00000000-0000-4000-8366-${String(i).padStart(12, "0")}`, dossier, by],
      );
    // The rows answered through the code hold the answerer already: the migration leaves them.
    expect(await rerunMigration(s.db, MIGRATION)).toEqual([MIGRATION]);
    const { rows } = await s.db.query<{
      id: string;
      answered_by: string;
      answered_by_name: string | null;
      answered_by_office: string | null;
      answered_by_agency: string | null;
      answered_by_unit_code: string | null;
    }>(
      `select id, answered_by, answered_by_name, answered_by_office, answered_by_agency, answered_by_unit_code
       from dossier_complaints where dossier_id = $1`,
      [dossier],
    );
    expect(rows.find((r) => r.id === firstAnswer)).toMatchObject({
      answered_by_name: oldName,
      answered_by_office: "Ủy ban nhân dân phường Hải Vân",
      answered_by_agency: "ubnd",
      answered_by_unit_code: "20194",
    });
    const filled = new Map(
      rows.filter((r) => usernames.includes(r.answered_by)).map((r) => [r.answered_by, r]),
    );
    for (const by of usernames) {
      const want = await answererAt(s.db, by, dossierAgency(agencyCode));
      expect(filled.get(by), by).toMatchObject({
        answered_by_name: want?.name ?? null,
        answered_by_office: want?.officeVi ?? null,
        answered_by_agency: want?.agency ?? null,
        answered_by_unit_code: want?.unitCode ?? null,
      });
    }
    expect(Object.fromEntries([...filled].map(([by, r]) => [by, r.answered_by_office]))).toEqual({
      "ca.t366": "Công an phường Hải Vân",
      "vhxh.t366": "Phòng Văn hóa - Xã hội đặc khu Hoàng Sa",
      "bhxh.t366": "Bảo hiểm xã hội thành phố Đà Nẵng",
      "ub.t366": "Ủy ban nhân dân xã Bắc Sơn",
      "tinh.t366": "Ủy ban nhân dân tỉnh Cao Bằng",
      "nuoc.t366": "Ủy ban nhân dân cấp xã (hộ tịch, Bộ Tư pháp)",
      "machine-client": null,
    });
    // The API shows them; a second run changes nothing.
    const mother = await signedIn(people.mother.pn);
    const listed = (await mother.send<Complaints>("GET", `/api/dossiers/${dossier}/complaints`)).body.items;
    expect(listed.find((c) => c.id.endsWith("8366-000000000000"))?.answeredBy).toEqual({
      name: "Công An Một",
      officeVi: "Công an phường Hải Vân",
    });
    await s.db.query("update officers set full_name = 'Đổi Tên' where username = 'ca.t366'");
    expect(await rerunMigration(s.db, MIGRATION)).toEqual([MIGRATION]);
    const { rows: again } = await s.db.query<{ answered_by_name: string }>(
      "select answered_by_name from dossier_complaints where answered_by = 'ca.t366'",
    );
    expect(again).toEqual([{ answered_by_name: "Công An Một" }]);
  });
});

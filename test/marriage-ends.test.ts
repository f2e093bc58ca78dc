import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldVietnamese } from "../src/domain/text.js";
import { engine } from "./helpers/db.js";
import { A, addHouseholdMember, MARITAL } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * The end of a marriage is in the civil-status register (Luật Hộ tịch 2014, Điều 37–40: a divorce
 * by a court's judgement is noted in the Sổ hộ tịch; Luật Hôn nhân và gia đình 2014, Điều 65: a
 * spouse's death ends the marriage), and one reader decides what the register's marriages make of
 * a person (src/modules/registries/marriages.ts). Every reader agrees: the marriage-registration
 * rule (on the procedure page before any draft, and at submit), the confirmation of marital status (prefilled from the
 * register) and the citizen's own data. A marriage registered is a marriage whether or not the
 * spouse has a personal number (before this, the marriage rule let such a person marry again
 * while the confirmation said "married").
 */
type Party = { pn: string; name: string; birth: string; sex: "M" | "F" };
type Marriage = {
  no: string;
  on: string;
  spouse: string | null;
  end?: { on: string; cause: "divorce" | "spouse_death"; judgement?: string };
};
type Row = {
  who: string;
  person: Party;
  partner: Party;
  marriages: Marriage[];
  status: "married" | "divorced" | "widowed";
  registration: string;
  words: string;
};

const ROWS: Row[] = [
  {
    who: "a wife whose husband has no personal number in the register",
    person: { pn: "048184000811", name: "Kiều Thị Nga", birth: "1984-02-11", sex: "F" },
    partner: { pn: "048090000821", name: "Hà Văn Lực", birth: "1990-01-21", sex: "M" },
    marriages: [{ no: "KH-20194-2008-0011", on: "2008-10-11", spouse: null }],
    status: "married",
    registration: "KH-20194-2008-0011",
    words: "Đang có vợ hoặc chồng (đăng ký kết hôn số KH-20194-2008-0011, ngày 11/10/2008).",
  },
  {
    who: "a man divorced by a court, the divorce noted in the register",
    person: { pn: "048080000812", name: "Đinh Văn Phúc", birth: "1980-03-12", sex: "M" },
    partner: { pn: "048191000822", name: "Tô Thị Mận", birth: "1991-02-22", sex: "F" },
    marriages: [
      {
        no: "KH-20194-2006-0012",
        on: "2006-05-12",
        spouse: "048183000813",
        end: { on: "2019-04-10", cause: "divorce", judgement: "21/2019/QĐST-HNGĐ" },
      },
    ],
    status: "divorced",
    registration: "KH-20194-2006-0012",
    words:
      "Đã ly hôn từ ngày 10/04/2019: Sổ hộ tịch đã ghi việc ly hôn theo bản án, quyết định số 21/2019/QĐST-HNGĐ",
  },
  {
    who: "a widow whose husband's death is noted on the marriage",
    person: { pn: "048175000814", name: "Lương Thị Yến", birth: "1975-04-14", sex: "F" },
    partner: { pn: "048072000823", name: "Cao Văn Định", birth: "1972-03-23", sex: "M" },
    marriages: [
      {
        no: "KH-20194-1998-0014",
        on: "1998-09-14",
        spouse: "048070000815",
        end: { on: "2020-08-08", cause: "spouse_death" },
      },
    ],
    status: "widowed",
    registration: "KH-20194-1998-0014",
    words: "Vợ hoặc chồng đã chết; hôn nhân đã chấm dứt từ ngày 08/08/2020",
  },
  {
    who: "a man divorced, then married again to a wife without a personal number",
    person: { pn: "048078000816", name: "Mạc Văn Quý", birth: "1978-06-16", sex: "M" },
    partner: { pn: "048193000824", name: "Âu Thị Hồng", birth: "1993-04-24", sex: "F" },
    marriages: [
      {
        no: "KH-20194-2003-0016",
        on: "2003-01-16",
        spouse: "048181000817",
        end: { on: "2010-12-01", cause: "divorce", judgement: "05/2010/HNGĐ-ST" },
      },
      { no: "KH-20194-2012-0016", on: "2012-02-16", spouse: null },
    ],
    status: "married",
    registration: "KH-20194-2012-0016",
    words: "Đang có vợ hoặc chồng (đăng ký kết hôn số KH-20194-2012-0016",
  },
];

let s: TestServer;
const resident = async (p: Party) => {
  await s.db.query(
    `insert into persons (personal_number, province_code, full_name, search_name, birth_date, sex, ethnicity,
       birth_registration_old_province, permanent_commune_code, permanent_address, household_id, relationship_to_head)
     values ($1, '48', $2, $3, $4, $5, 'Kinh', '048', $6, 'Số 8, đường Nguyễn Văn Cừ', 'HA-1', 'người thân')`,
    [p.pn, p.name, foldVietnamese(p.name), p.birth, p.sex, A.commune],
  );
  await addHouseholdMember(s.db, "HA-1", p.pn);
};

beforeAll(async () => {
  s = await startTestServer();
  for (const r of ROWS) {
    await resident(r.person);
    await resident(r.partner);
    for (const m of r.marriages)
      await s.db.query(
        `insert into civil_status_records (personal_number, kind, registration_number, registered_on, province_code,
           commune_code, subject_number, spouse_number, ended_on, end_cause, judgement_number)
         values ($1, 'marriage', $2, $3, '48', $4, $1, $5, $6, $7, $8)`,
        [
          r.person.pn,
          m.no,
          m.on,
          A.commune,
          m.spouse,
          m.end?.on ?? null,
          m.end?.cause ?? null,
          m.end?.judgement ?? null,
        ],
      );
  }
}, 120_000);
afterAll(async () => s?.close());

const marriageValues = (p: Party) => ({
  "applicant.marriageCount": 2,
  "partner.fullName": p.name,
  "partner.personalNumber": p.pn,
  "partner.birthDate": p.birth,
  "partner.sex": p.sex,
  "partner.ethnicity": "Kinh",
  "partner.nationality": "Việt Nam",
  "partner.marriageCount": 1,
  "declaration.sworn": true,
});

type Field = { key: string; value: unknown; readOnly?: boolean; provenance: { ref?: string } | null };
type Issue = { code: string; messageVi: string };

describe(`the civil-status register's marriages and their ends, one reader (${engine})`, () => {
  it.each(ROWS)("$who: $status", async (r) => {
    const b = new Browser(s.baseUrl);
    await b.signIn(r.person.pn);
    // The marriage registration: a standing marriage refuses it on the procedure page, before any
    // draft ("start" is refused with the same code); an ended one lets the draft be filed.
    const page = await b.send<{ eligibility: Issue[] }>("GET", "/api/procedures/LOCAL.KET-HON/prefill");
    const started = await b.send<{ id: string; error?: { code: string } }>("POST", "/api/dossiers", {
      procedureCode: "LOCAL.KET-HON",
    });
    if (r.status === "married") {
      expect(page.body.eligibility.map((i) => i.code)).toEqual(["ALREADY_MARRIED"]);
      expect(page.body.eligibility[0]?.messageVi).toContain(`số ${r.registration} trong Sổ hộ tịch`);
      expect([started.status, started.body.error?.code]).toEqual([409, "ALREADY_MARRIED"]);
    } else {
      expect(page.body.eligibility).toEqual([]);
      const d = started.body;
      expect(
        (await b.send("PUT", `/api/dossiers/${d.id}/form`, { values: marriageValues(r.partner) })).status,
      ).toBe(200);
      const issues = (await b.send<{ issues: Issue[] }>("GET", `/api/dossiers/${d.id}/eligibility`)).body
        .issues;
      expect(issues).toEqual([]);
      const submitted = await b.send("POST", `/api/dossiers/${d.id}/submit`, {
        values: marriageValues(r.partner),
      });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    }
    // The confirmation of marital status: the status prefilled, read-only, from the register, also
    // when the newest marriage names no spouse by number (migration 341).
    const c = (
      await b.send<{ id: string; fields: Field[] }>("POST", "/api/dossiers", { procedureCode: MARITAL.code })
    ).body;
    expect(c.fields.find((f) => f.key === "person.maritalStatus")).toMatchObject({
      value: r.status,
      readOnly: true,
      provenance: { ref: r.registration },
    });
    // The citizen's own data says it in plain words.
    const mine = await b.send<{ records: { maritalStatus: { status: string }; civilStatus: unknown[] } }>(
      "GET",
      "/api/me/data",
    );
    expect(mine.body.records.maritalStatus).toMatchObject({ status: r.status });
    expect(mine.body.records.civilStatus).toHaveLength(r.marriages.length);
  });

  it("a divorced man declaring 'never married' on the confirmation is refused, in words naming the divorce", async () => {
    const officer = new Browser(s.baseUrl);
    await officer.signIn("motcua.20194");
    const r = ROWS[1] as Row;
    const d = (
      await officer.send<{ id: string }>("POST", "/api/dossiers", {
        procedureCode: MARITAL.code,
        applicantNumber: r.person.pn,
      })
    ).body;
    const issues = (await officer.send<{ issues: Issue[] }>("GET", `/api/dossiers/${d.id}/eligibility`)).body
      .issues;
    expect(issues).toEqual([]);
    const single = await officer.send<{ error: { code: string } }>("POST", `/api/dossiers/${d.id}/submit`, {
      values: { ...MARITAL.values, "person.maritalStatus": "single" },
    });
    expect(single.status).toBe(400);
    expect(single.body.error.code).toBe("PREFILL_TAMPERED");
  });

  it("the register refuses an end without its cause, or a divorce without the court's judgement number", async () => {
    for (const [cause, judgement] of [
      [null, null],
      ["divorce", null],
      ["spouse_death", "01/2020"],
    ])
      await expect(
        s.db.query(
          `insert into civil_status_records (personal_number, kind, registration_number, registered_on, province_code,
             commune_code, subject_number, ended_on, end_cause, judgement_number)
           values ('048184000811', 'marriage', $1, '2001-01-01', '48', $2, '048184000811', '2002-02-02', $3, $4)`,
          [`KH-X-${cause}-${judgement}`, A.commune, cause, judgement],
        ),
      ).rejects.toThrow(/civil_status_records_end_check/);
  });
});

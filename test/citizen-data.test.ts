import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldVietnamese } from "../src/domain/text.js";
import { STARTER_CATALOGUE } from "../src/modules/catalog/index.js";
import { engine } from "./helpers/db.js";
import { A, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 14 points 2 and 3 through the real API on both engines: a prefill reads and logs only
 * what the procedure binds; a citizen's own views are not reads by someone else; and the
 * registries' facts decide eligibility before submit (GET /api/dossiers/:id/eligibility) and at
 * submit, in plain words with stable codes, for the citizen and for the officer.
 */
type Issue = { code: string; severity: string; field: string; messageVi: string; messageEn: string };
type View = { id: string; status: string; error?: { code: string; details?: Issue[] } };
type Preview = { eligibility: Issue[] };
type Entry = { actorId: string; purpose: string; resource: string; fields: string[]; count: number };

let s: TestServer;
const as: Record<string, Browser> = {};
const b = (who: string) => as[who] as Browser;
const DEAD = { pn: "048093000998", name: "Lý Văn Mất", birth: "1993-03-03" };
beforeAll(async () => {
  s = await startTestServer();
  for (const [who, login] of [
    ["worker", people.worker.pn],
    ["mother", people.mother.pn],
    ["father", people.father.pn],
    ["neighbour", people.neighbour.pn],
    ["receiver", "motcua.20194"],
  ] as const) {
    as[who] = new Browser(s.baseUrl);
    await b(who).signIn(login);
  }
  await s.db.query(
    `insert into persons (personal_number, province_code, full_name, search_name, birth_date, sex, ethnicity,
       birth_registration_old_province, permanent_commune_code, permanent_address, deceased_on)
     values ($1, '48', $2, $3, $4, 'M', 'Kinh', '048', $5, 'Số 2, đường Nguyễn Tất Thành', '2026-10-01')`,
    [DEAD.pn, DEAD.name, foldVietnamese(DEAD.name), DEAD.birth, A.commune],
  );
}, 120_000);
afterAll(async () => s?.close());

const start = async (who: string, procedureCode: string, applicantNumber?: string) =>
  b(who).send<View>("POST", "/api/dossiers", {
    procedureCode,
    ...(applicantNumber ? { applicantNumber } : {}),
  });
const accessList = async (who: string) =>
  (await b(who).send<{ items: Entry[] }>("GET", "/api/me/access-log?limit=100")).body.items;

describe(`read only what is needed (${engine})`, () => {
  it("a temporary-residence prefill records only the fields that procedure binds", async () => {
    const r = await start("worker", "LOCAL.DK-TAM-TRU");
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const { rows } = await s.db.query<{ subject_number: string; fields: string[] }>(
      "select subject_number, fields from access_log where resource = $1 and purpose = 'prefill'",
      [`prefill:${people.worker.pn}`],
    );
    // The CT01 declarant: name, number, date of birth, sex, phone. No religion, no health insurance,
    // no parents, no household, no residence: the form binds none of them.
    expect(rows.map((x) => [x.subject_number, [...x.fields].sort()])).toEqual([
      [people.worker.pn, ["birthDate", "contact", "fullName", "personalNumber", "sex"]],
    ]);
  });

  it("the prefill statement itself returns only the bound categories (no religion, card, parents)", async () => {
    // The registries do hold more about the declarant: a religion, parents, a card.
    await s.db.query(
      "update persons set religion = 'Phật giáo', father_number = $2 where personal_number = $1",
      [people.worker.pn, people.father.pn],
    );
    await s.db.query(
      `insert into health_insurance_cards (card_number, province_code, personal_number, beneficiary_group,
         benefit_level, primary_facility, valid_from, valid_to)
       values ('GD4480920003010', '48', $1, 'GD', 4, 'Trạm y tế Liên Chiểu', '2026-01-01', '2026-12-31')`,
      [people.worker.pn],
    );
    const sent: Array<{ sql: string; params: readonly unknown[] }> = [];
    const stop = s.db.observe((sql, params) => {
      if (sql.includes("registry_prefill")) sent.push({ sql, params });
    });
    try {
      expect((await start("worker", "LOCAL.DK-TAM-TRU")).status).toBe(201);
    } finally {
      stop();
    }
    expect(sent).toHaveLength(1); // one statement per prefill
    const [{ sql, params }] = sent as [{ sql: string; params: readonly unknown[] }];
    // The same statement with the same parameters: what the database handed the application.
    const { rows } = await s.db.query<{ r: Record<string, Record<string, unknown> | null> }>(sql, [
      ...params,
    ]);
    const r = rows[0]?.r ?? {};
    expect(Object.keys(r.applicant ?? {}).sort()).toEqual([
      "birthDate",
      "deceasedOn",
      "email",
      "fullName",
      "householdId",
      "permanentCommuneCode",
      "personalNumber",
      "phone",
      "provinceCode",
      "sex",
      "temporaryCommuneCode",
      "temporaryProvinceCode",
      "updatedAt",
    ]);
    expect(r.applicant?.fullName).toBe(people.worker.name);
    const text = JSON.stringify(r);
    for (const held of ["Phật giáo", people.father.pn, "GD4480920003010", "Trạm y tế", "Kinh"])
      expect(text).not.toContain(held);
    expect(r.healthInsuranceCard).toBeNull();
    // And the access log lists exactly those categories, no routing key among them.
    const log = await s.db.query<{ fields: string[] }>(
      "select fields from access_log where resource = $1 and purpose = 'prefill' order by id desc limit 1",
      [`prefill:${people.worker.pn}`],
    );
    expect([...(log.rows[0]?.fields ?? [])].sort()).toEqual([
      "birthDate",
      "contact",
      "fullName",
      "personalNumber",
      "sex",
    ]);
  });

  it("a birth prefill logs each parent with the parent's bound fields only", async () => {
    const r = await b("mother").send("GET", "/api/procedures/1.001193/prefill");
    expect(r.status).toBe(200);
    const { rows } = await s.db.query<{ subject_number: string; fields: string[] }>(
      "select subject_number, fields from access_log where resource = $1 and purpose = 'prefill' order by 1",
      [`prefill:${people.mother.pn}`],
    );
    const father = rows.find((x) => x.subject_number === people.father.pn);
    expect([...(father?.fields ?? [])].sort()).toEqual([
      "birthDate",
      "ethnicity",
      "fullName",
      "nationality",
      "permanentResidence",
    ]);
    expect(rows.flatMap((x) => x.fields)).not.toContain("religion");
    // The procedure page only shows her what the registries hold: her own record is her own view.
    expect(rows.map((x) => x.subject_number)).not.toContain(people.mother.pn);
  });

  it("a citizen's own views are not reads by someone else; repeated reads are one line", async () => {
    const before = await s.db.query<{ n: number }>(
      "select count(*)::int as n from access_log where subject_number = $1 and actor_id = $1",
      [people.father.pn],
    );
    for (let i = 0; i < 3; i++) expect((await b("father").send("GET", "/api/me/data")).status).toBe(200);
    const after = await s.db.query<{ n: number }>(
      "select count(*)::int as n from access_log where subject_number = $1 and actor_id = $1",
      [people.father.pn],
    );
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    // His views of the household are reads of the others' data: in the mother's list, as one line.
    const views = (await accessList("mother")).filter(
      (e) => e.actorId === people.father.pn && e.purpose === "household-view",
    );
    expect(views.map((e) => e.count)).toEqual([3]);
    // Three previews of the birth form: one line with its count.
    for (let i = 0; i < 2; i++) await b("mother").send("GET", "/api/procedures/1.001193/prefill");
    const prefills = (await accessList("father")).filter(
      (e) => e.purpose === "prefill" && e.resource === `prefill:${people.mother.pn}`,
    );
    expect(prefills.map((e) => e.count)).toEqual([3]);
  });
});

/** Who a partner's number names in the registry: the form types the same name and date of birth. */
const REGISTERED: Record<string, { name: string; birth: string }> = Object.fromEntries(
  [...Object.values(people), DEAD].map((p) => [p.pn, { name: p.name, birth: p.birth }]),
);
const partner = (
  pn: string,
  sex = "M",
  typed = REGISTERED[pn] ?? { name: "Vũ Văn Không", birth: "1994-04-04" },
) => ({
  "partner.personalNumber": pn,
  "partner.sex": sex,
  "partner.nationality": "Việt Nam",
  "partner.fullName": typed.name,
  "partner.birthDate": typed.birth,
});
const MARRIAGE = {
  "applicant.marriageCount": 1,
  "partner.fullName": "Người Kia",
  "partner.ethnicity": "Kinh",
  "partner.marriageCount": 1,
  "declaration.sworn": true,
};
async function eligibility(who: string, id: string): Promise<Issue[]> {
  const r = await b(who).send<{ issues: Issue[] }>("GET", `/api/dossiers/${id}/eligibility`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.issues;
}

describe(`eligibility from the registries (${engine})`, () => {
  it("a married citizen is told on the procedure page why she cannot marry, and 'start' makes no draft", async () => {
    // Before any draft: the procedure page's preview carries the rule's refusal, in plain words.
    const page = await b("mother").send<Preview>("GET", "/api/procedures/LOCAL.KET-HON/prefill");
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    const issues = page.body.eligibility;
    expect(issues.map((i) => [i.code, i.severity, i.field])).toEqual([
      ["ALREADY_MARRIED", "refusal", "form.applicant.personalNumber"],
    ]);
    expect(issues[0]?.messageVi).toContain("Bạn đang được ghi nhận là đã kết hôn");
    expect(issues[0]?.messageVi).toContain("KH-20194-2012-0001");
    expect(issues[0]?.messageEn).toContain("a divorce or the spouse's death must be recorded first");
    // "Start" is refused with the same words and writes nothing (one evaluation: the same rule).
    const drafts = async () =>
      (
        await s.db.query<{ n: number }>(
          "select count(*)::int as n from dossiers where applicant_number = $1 and procedure_code = 'LOCAL.KET-HON'",
          [people.mother.pn],
        )
      ).rows[0]?.n;
    const before = await drafts();
    const r = await start("mother", "LOCAL.KET-HON");
    expect([r.status, r.body.error?.code]).toEqual([409, "ALREADY_MARRIED"]);
    expect(r.body.error?.details?.[0]?.messageVi).toBe(issues[0]?.messageVi);
    expect(await drafts()).toBe(before);
    // A single citizen's page says nothing, and her start makes a draft.
    expect(
      (await b("neighbour").send<Preview>("GET", "/api/procedures/LOCAL.KET-HON/prefill")).body.eligibility,
    ).toEqual([]);
    // A procedure without a rule about the applicant's marriage reads nothing for it.
    expect(
      (await b("mother").send<Preview>("GET", "/api/procedures/LOCAL.DK-TAM-TRU/prefill")).body.eligibility,
    ).toEqual([]);
  });

  it.each([
    // Not told apart from a wrong name or date (PERSON_MISMATCH): no oracle on who exists.
    ["a number the registry does not hold", "048094000997", "M", "PERSON_MISMATCH", 409],
    ["a deceased man", DEAD.pn, "M", "PERSON_DECEASED", 409],
    ["a married man (whose registration is not told)", people.father.pn, "M", "ALREADY_MARRIED", 409],
    // At submit the form's own age check (the birth year in the number) refuses first.
    ["a boy of 11", people.child.pn, "M", "PERSON_UNDER_AGE", 400],
  ])("the other party is %s → %s before submit, refused at submit", async (_n, pn, sex, code, status) => {
    const id = (await start("neighbour", "LOCAL.KET-HON")).body.id;
    const put = await b("neighbour").send("PUT", `/api/dossiers/${id}/form`, { values: partner(pn, sex) });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const issues = await eligibility("neighbour", id);
    expect(issues.map((i) => [i.code, i.field])).toEqual([[code, "form.partner.personalNumber"]]);
    expect(`${issues[0]?.messageVi} ${issues[0]?.messageEn}`).not.toMatch(/KH-20194|Nguyễn Văn An|Châu|Mất/);
    const r = await b("neighbour").send<View>("POST", `/api/dossiers/${id}/submit`, {
      values: { ...MARRIAGE, ...partner(pn, sex) },
    });
    if (status === 409)
      expect([r.status, r.body.error?.code, r.body.error?.details?.[0]?.code]).toEqual([409, code, code]);
    else expect([r.status, r.body.error?.code]).toEqual([400, "FORM_INVALID"]);
    const { rows } = await s.db.query("select status, code from dossiers where id = $1", [id]);
    expect(rows).toEqual([{ status: "draft", code: null }]);
  });

  it("a living, single adult: no issue, the submit goes through, and he sees the check in his list", async () => {
    const id = (await start("neighbour", "LOCAL.KET-HON")).body.id;
    await b("neighbour").send("PUT", `/api/dossiers/${id}/form`, { values: partner(people.worker.pn) });
    expect(await eligibility("neighbour", id)).toEqual([]);
    const r = await b("neighbour").send<View>("POST", `/api/dossiers/${id}/submit`, {
      values: { ...MARRIAGE, ...partner(people.worker.pn) },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const check = (await accessList("worker")).find((e) => e.purpose === "eligibility-check");
    expect(check?.resource).toBe(`dossier:${id}/eligibility`);
    expect([...(check?.fields ?? [])].sort()).toEqual([
      "birthDate",
      "civilStatus",
      "fullName",
      "sex",
      "vitalStatus",
    ]);
  });

  it("a married man's number with another name or date tells nothing of him, and he sees the check", async () => {
    const id = (await start("neighbour", "LOCAL.KET-HON")).body.id;
    const words: string[] = [];
    for (const typed of [
      { name: "Nguyễn Văn Bất Kỳ", birth: people.father.birth },
      { name: people.father.name, birth: "1985-03-03" },
    ]) {
      await b("neighbour").send("PUT", `/api/dossiers/${id}/form`, {
        values: partner(people.father.pn, "M", typed),
      });
      const issues = await eligibility("neighbour", id);
      expect(issues.map((i) => [i.code, i.field])).toEqual([
        ["PERSON_MISMATCH", "form.partner.personalNumber"],
      ]);
      words.push(`${issues[0]?.messageVi}|${issues[0]?.messageEn}`);
    }
    // The same words as for a number nobody holds, and the name typed in other case and without
    // diacritics still matches.
    await b("neighbour").send("PUT", `/api/dossiers/${id}/form`, {
      values: partner("048094000997"),
    });
    const none = await eligibility("neighbour", id);
    expect(new Set([...words, `${none[0]?.messageVi}|${none[0]?.messageEn}`]).size).toBe(1);
    expect(words[0]).toContain(
      "Số định danh, họ tên và ngày sinh của người kia không khớp với Cơ sở dữ liệu quốc gia về dân cư",
    );
    expect(words[0]).not.toMatch(/kết hôn|married|đã chết|deceased/);
    await b("neighbour").send("PUT", `/api/dossiers/${id}/form`, {
      values: partner(people.father.pn, "M", { name: "NGUYEN VAN AN", birth: people.father.birth }),
    });
    expect((await eligibility("neighbour", id)).map((i) => i.code)).toEqual(["ALREADY_MARRIED"]);
    // Every check is in his access list: who checked his number, for which dossier.
    const checks = (await accessList("father")).filter(
      (e) => e.purpose === "eligibility-check" && e.resource === `dossier:${id}/eligibility`,
    );
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.every((e) => e.actorId === people.neighbour.pn)).toBe(true);
    expect(checks.reduce((n, e) => n + e.count, 0)).toBe(3); // two names or dates that did not match, one that did
    // Each row lists exactly the facts looked at: a name that differs is the whole answer (his
    // date of birth, life and marriage are not looked at); a date that differs, name and date.
    expect(checks.map((e) => e.fields.join(",")).sort()).toEqual([
      "fullName",
      "fullName,birthDate",
      "vitalStatus,fullName,birthDate,sex,civilStatus",
    ]);
  });

  it("the officer sees the same refusal on the dossier filed at the counter", async () => {
    const r = await start("receiver", "LOCAL.KET-HON", people.mother.pn);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const issues = await eligibility("receiver", r.body.id);
    expect(issues.map((i) => i.code)).toEqual(["ALREADY_MARRIED"]);
    // Words for the officer, not as if he were the applicant.
    expect(issues[0]?.messageVi).toMatch(/^Người yêu cầu đang được ghi nhận là đã kết hôn/);
    expect(issues[0]?.messageEn).toMatch(/^The applicant is recorded as married/);
    // Another commune's officer may not see the dossier, nor its checks.
    expect((await b("worker").send("GET", `/api/dossiers/${r.body.id}/eligibility`)).status).toBe(404);
  });

  it("an officer opening a death-registration form writes one row per distinct set of facts", async () => {
    const r = await start("receiver", "LOCAL.KHAI-TU", people.father.pn);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const id = r.body.id;
    const rows = async () =>
      (
        await s.db.query<{ purpose: string; resource: string; fields: string[] }>(
          "select purpose, resource, fields from access_log where subject_number = $1 and actor_id = 'motcua.20194' and resource like $2 order by id",
          [people.father.pn, `dossier:${id}%`],
        )
      ).rows;
    const before = (await rows()).length;
    // One open of the form: the dossier and its eligibility findings, as the page asks for them.
    expect((await b("receiver").send("GET", `/api/dossiers/${id}`)).status).toBe(200);
    await eligibility("receiver", id);
    const opened = (await rows()).slice(before);
    expect(opened.map((x) => [x.purpose, x.resource])).toEqual([
      ["dossier-processing", `dossier:${id}`],
      ["eligibility-check", `dossier:${id}/eligibility`],
    ]);
    // His list shows the open once: one line for the dossier, one for the check.
    const mine = (await accessList("father")).filter((e) => e.resource.startsWith(`dossier:${id}`));
    expect(mine.filter((e) => e.purpose === "dossier-processing").map((e) => e.count)).toEqual([2]); // the start, the open
    expect(mine.filter((e) => e.purpose === "eligibility-check").map((e) => e.count)).toEqual([1]);
  });

  it("a deceased person cannot be an applicant: explained at the counter, with a code", async () => {
    const r = await start("receiver", "LOCAL.DK-TAM-TRU", DEAD.pn);
    expect([r.status, r.body.error?.code]).toEqual([409, "APPLICANT_DECEASED"]);
    expect(r.body.error?.details?.[0]?.messageVi).toContain("người đã chết không thể là người yêu cầu");
  });
});

describe(`a rule about the applicant that only warns (${engine})`, () => {
  it("is shown on the procedure page and 'start' still makes the draft", async () => {
    // A new version of the marriage registration whose applicant rule is a warning (run last: it
    // replaces the published version for the rest of this file).
    const def = JSON.parse(JSON.stringify(STARTER_CATALOGUE.find((p) => p.code === "LOCAL.KET-HON")));
    def.eligibility = def.eligibility.map((r: { person: unknown }) =>
      r.person === "applicant" ? { ...r, severity: "warning" } : r,
    );
    const admin = new Browser(s.baseUrl);
    await admin.signIn("admin");
    const created = await admin.send<{ version: number }>("POST", "/api/admin/procedures", {
      definition: def,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const v = created.body.version;
    expect(
      (await admin.send("POST", `/api/admin/procedures/LOCAL.KET-HON/versions/${v}/publish`, {})).status,
    ).toBe(200);
    const page = await b("mother").send<Preview>("GET", "/api/procedures/LOCAL.KET-HON/prefill");
    expect(page.body.eligibility.map((i) => [i.code, i.severity])).toEqual([["ALREADY_MARRIED", "warning"]]);
    const r = await start("mother", "LOCAL.KET-HON");
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  });
});

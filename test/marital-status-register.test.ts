import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { A, MARITAL, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 14 review, defect 1: a married man was certified "never married". The confirmation of
 * marital status (starter version 2) takes the status from the civil-status registry when it holds
 * a marriage (read-only, with its provenance) and its eligibility rule refuses a declaration that
 * contradicts the register, to the citizen and to the officer (Decree 123/2015/NĐ-CP, Art. 21-22).
 */
type Field = {
  key: string;
  value: unknown;
  readOnly?: boolean;
  provenance: { registry: string; ref?: string } | null;
};
type View = {
  id: string;
  status: string;
  procedureVersion?: number;
  procedure?: { version: number };
  fields: Field[];
};
type Issue = { code: string; field: string; messageVi: string };
type Err = { error: { code: string; details?: Array<{ field: string; code?: string; messageVi: string }> } };

let s: TestServer;
const as = async (login: string) => {
  const b = new Browser(s.baseUrl);
  await b.signIn(login);
  return b;
};
beforeAll(async () => {
  s = await startTestServer();
}, 120_000);
afterAll(async () => s?.close());

const status = (v: View) => v.fields.find((f) => f.key === "person.maritalStatus");
const SINGLE = { ...MARITAL.values, "person.maritalStatus": "single" };
const { "person.maritalStatus": _declared, ...rest } = MARITAL.values;

describe(`marital status from the civil-status registry (${engine})`, () => {
  it("the catalogue publishes the confirmation as version 3, saying the status comes from the register; older ones are retired", async () => {
    const { rows } = await s.db.query<{ version: number; status: string }>(
      "select version, status from procedure_versions where code = $1 order by version",
      [MARITAL.code],
    );
    expect(rows.at(-1)).toEqual({ version: 3, status: "published" });
    expect(rows.filter((r) => r.status === "published")).toHaveLength(1);
    const { rows: defs } = await s.db.query<{ definition: { summaryVi: string; summaryEn: string } }>(
      "select definition from procedure_versions where code = $1 and status = 'published'",
      [MARITAL.code],
    );
    const summary = defs[0]?.definition;
    expect(summary?.summaryVi).toContain("tình trạng hôn nhân lấy từ Sổ hộ tịch");
    expect(`${summary?.summaryVi} ${summary?.summaryEn}`).not.toMatch(/bạn chọn|you choose/i);
  });

  it("a married man: 'married' prefilled read-only from the register, 'single' refused, the result says married", async () => {
    const father = await as(people.father.pn);
    const d = (await father.send<View>("POST", "/api/dossiers", { procedureCode: MARITAL.code })).body;
    expect(status(d)).toMatchObject({
      value: "married",
      readOnly: true,
      provenance: { registry: "civil_status", ref: "KH-20194-2012-0001" },
    });
    const single = await father.send<Err>("POST", `/api/dossiers/${d.id}/submit`, { values: SINGLE });
    expect(single.status).toBe(400);
    expect(single.body.error.code).toBe("PREFILL_TAMPERED");
    const ok = await father.send<View>("POST", `/api/dossiers/${d.id}/submit`, { values: rest });
    expect(ok.status).toBe(200);
    const { rows } = await s.db.query<{ form: Record<string, unknown> }>(
      "select form from dossiers where id = $1",
      [d.id],
    );
    expect(rows[0]?.form["person.maritalStatus"]).toBe("married");
  });

  it("married after the draft was saved as 'single': refused at submit in plain words; an officer sees it on a filed one", async () => {
    // The neighbour's confirmation is filed as "single" while the register holds no marriage of hers.
    const neighbour = await as(people.neighbour.pn);
    const filed = (await neighbour.send<View>("POST", "/api/dossiers", { procedureCode: MARITAL.code })).body;
    expect(
      (await neighbour.send("POST", `/api/dossiers/${filed.id}/submit`, { values: SINGLE })).status,
    ).toBe(200);
    const worker = await as(people.worker.pn);
    const d = (await worker.send<View>("POST", "/api/dossiers", { procedureCode: MARITAL.code })).body;
    expect(status(d)?.readOnly ?? false).toBe(false); // the register holds no marriage of his: he chooses
    expect((await worker.send("PUT", `/api/dossiers/${d.id}/form`, { values: SINGLE })).status).toBe(200);
    expect(
      (await worker.send<{ issues: Issue[] }>("GET", `/api/dossiers/${d.id}/eligibility`)).body.issues,
    ).toEqual([]);
    // Then his marriage is registered (here, to the neighbour).
    for (const filedUnder of [people.worker.pn, people.neighbour.pn])
      await s.db.query(
        `insert into civil_status_records (personal_number, kind, registration_number, registered_on, province_code, commune_code, subject_number, spouse_number)
         values ($3, 'marriage', 'KH-20197-2026-0009', '2026-11-02', '48', $4, $1, $2)`,
        [people.worker.pn, people.neighbour.pn, filedUnder, A.commune],
      );
    const mine = (await worker.send<{ issues: Issue[] }>("GET", `/api/dossiers/${d.id}/eligibility`)).body
      .issues;
    expect(mine.map((i) => [i.code, i.field])).toEqual([
      ["MARITAL_STATUS_CONTRADICTS", "form.person.maritalStatus"],
    ]);
    expect(mine[0]?.messageVi).toContain(
      "Bạn được Cơ sở dữ liệu hộ tịch điện tử ghi nhận là đang có vợ hoặc chồng",
    );
    expect(mine[0]?.messageVi).toContain("KH-20197-2026-0009");
    const refused = await worker.send<Err>("POST", `/api/dossiers/${d.id}/submit`, {
      values: SINGLE,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("MARITAL_STATUS_CONTRADICTS");
    expect(refused.body.error.details?.[0]?.messageVi).toContain(
      'không thể khai "Chưa đăng ký kết hôn với ai"',
    );
    // The officer handling the neighbour's filed confirmation is told before signing.
    const officer = await as("motcua.20197");
    const seen = await officer.send<{ issues: Issue[] }>("GET", `/api/dossiers/${filed.id}/eligibility`);
    expect(seen.status).toBe(200);
    expect(seen.body.issues.map((i) => i.code)).toEqual(["MARITAL_STATUS_CONTRADICTS"]);
    expect(seen.body.issues[0]?.messageVi).toMatch(
      /^Người yêu cầu được Cơ sở dữ liệu hộ tịch điện tử ghi nhận là đang có vợ/,
    );
  });
});

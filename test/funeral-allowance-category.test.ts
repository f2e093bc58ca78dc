import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { minimalPdf } from "./helpers/files.js";
import { A } from "./helpers/fixtures.js";
import { GRANDFATHER, startDeathGroupServer } from "./helpers/journey.js";
import type { Browser, TestServer } from "./helpers/server.js";

/**
 * Issue 14 review point B: the funeral allowance asked the citizen what the allowances registry
 * holds. The deceased's category is prefilled from the registry when they drew a monthly social
 * allowance (Decree 20/2021/NĐ-CP, Art. 11), logged in the access list as "allowances"; "a monthly
 * social-assistance beneficiary" chosen for a deceased the registry records no allowance of is
 * warned about, to the citizen and to the officer, without blocking the submit.
 */
type Field = {
  key: string;
  value: unknown;
  readOnly?: boolean;
  provenance: { registry: string; ref?: string } | null;
};
type Issue = { code: string; severity: string; field: string; messageVi: string; messageEn: string };
const CODE = "LOCAL.MAI-TANG-PHI";

let s: TestServer;
const as: Record<string, Browser> = {};
beforeAll(async () => {
  const started = await startDeathGroupServer();
  s = started.s;
  Object.assign(as, started.as);
}, 120_000);
afterAll(async () => s?.close());
const b = (who: string) => as[who] as Browser;
const category = (fields: Field[]) => fields.find((f) => f.key === "deceased.category");

describe(`the funeral allowance's category from the allowances registry (${engine})`, () => {
  it("is published as version 3", async () => {
    const { rows } = await s.db.query<{ version: number }>(
      "select version from procedure_versions where code = $1 and status = 'published'",
      [CODE],
    );
    expect(rows.map((r) => r.version)).toEqual([3]);
  });

  it("no allowance recorded: nothing prefilled; 'monthly beneficiary' chosen is a warning to the citizen and the officer", async () => {
    const d = await b("father").send<{ id: string; fields: Field[] }>("POST", "/api/dossiers", {
      procedureCode: CODE,
    });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    expect(category(d.body.fields)?.value ?? null).toBeNull();
    expect(category(d.body.fields)?.readOnly ?? false).toBe(false);
    const values = {
      "deceased.category": "social_assistance",
      "payout.method": "cash",
      "declaration.sworn": true,
    };
    expect((await b("father").send("PUT", `/api/dossiers/${d.body.id}/form`, { values })).status).toBe(200);
    const mine = (
      await b("father").send<{ issues: Issue[] }>("GET", `/api/dossiers/${d.body.id}/eligibility`)
    ).body.issues;
    expect(mine.map((i) => [i.code, i.severity, i.field])).toEqual([
      ["MONTHLY_ALLOWANCE_NOT_RECORDED", "warning", "form.deceased.category"],
    ]);
    expect(mine[0]?.messageVi).toContain("không ghi nhận người mất đang hưởng trợ cấp xã hội hằng tháng");
    expect(mine[0]?.messageVi).toContain("Nghị định 20/2021/NĐ-CP, Điều 11");
    expect(mine[0]?.messageEn).toContain(
      "does not record the deceased as drawing a monthly social allowance",
    );
    // Another category: nothing to say.
    const other = { ...values, "deceased.category": "elderly" };
    expect((await b("father").send("PUT", `/api/dossiers/${d.body.id}/form`, { values: other })).status).toBe(
      200,
    );
    expect(
      (await b("father").send<{ issues: Issue[] }>("GET", `/api/dossiers/${d.body.id}/eligibility`)).body
        .issues,
    ).toEqual([]);
    // A warning never blocks: filed as a monthly beneficiary (the paper extract uploaded), the
    // officer sees the same warning.
    const up = await b("father").fetch(`/api/dossiers/${d.body.id}/components/deathExtract`, {
      method: "PUT",
      headers: {
        "content-type": "application/pdf",
        "x-filename": "trich-luc-khai-tu.pdf",
        "x-csrf-token": await b("father").csrf(),
      },
      body: new Uint8Array(minimalPdf()),
    });
    expect(up.status).toBe(201);
    const filed = await b("father").send("POST", `/api/dossiers/${d.body.id}/submit`, { values });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    const seen = await b("receiver").send<{ issues: Issue[] }>(
      "GET",
      `/api/dossiers/${d.body.id}/eligibility`,
    );
    expect(seen.status).toBe(200);
    expect(seen.body.issues.map((i) => [i.code, i.severity])).toEqual([
      ["MONTHLY_ALLOWANCE_NOT_RECORDED", "warning"],
    ]);
    expect(seen.body.issues[0]?.messageEn).toContain("the officer will check it");
    // The officer's check read the deceased's allowances, and says so in their access list.
    const { rows } = await s.db.query<{ fields: string[] }>(
      "select fields from access_log where subject_number = $1 and purpose = 'eligibility-check' and actor_kind <> 'citizen'",
      [GRANDFATHER.pn],
    );
    expect(rows.some((r) => r.fields.includes("allowances"))).toBe(true);
  });

  it("a monthly beneficiary when he died: 'monthly social-assistance beneficiary' prefilled from the registry, logged as 'allowances'", async () => {
    await s.db.query(
      `insert into allowances (personal_number, id, province_code, commune_code, kind, monthly_amount, since, until)
       values ($1, 'TC-TEST-0001', '48', $2, 'elderly_80', 500000, '2020-03-01', null)`,
      [GRANDFATHER.pn, A.commune],
    );
    const before = await s.db.query<{ n: number }>(
      "select count(*)::int as n from access_log where subject_number = $1",
      [GRANDFATHER.pn],
    );
    const r = await b("father").send<{ fields: Field[] }>("GET", `/api/procedures/${CODE}/prefill`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(category(r.body.fields)).toMatchObject({
      value: "social_assistance",
      provenance: { registry: "allowances", ref: "TC-TEST-0001" },
    });
    const { rows } = await s.db.query<{ fields: string[]; purpose: string }>(
      "select fields, purpose from access_log where subject_number = $1 order by id offset $2",
      [GRANDFATHER.pn, before.rows[0]?.n ?? 0],
    );
    expect(rows.map((x) => x.purpose)).toEqual(["prefill"]);
    expect(rows[0]?.fields).toContain("allowances");
  });
});

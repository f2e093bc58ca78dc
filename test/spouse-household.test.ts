import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { B, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";
import { addSpouseApart, fatherInLaw, husband, wife } from "./helpers/spouse-household.js";

/**
 * Issue 14, "chuyển hộ khẩu về nhà chồng": a married woman registers her permanent residence into
 * her husband's household (Law on Residence 2020, Art. 20(2)(a)), headed by his father, in another
 * commune. The dossier is filed at that commune's police with the head and the relationship
 * ("con dâu") prefilled; its fee is asked only once the head consents (Art. 21), so it is received
 * and approved after the consent (the fee: test/spouse-head-fee.test.ts); approved, the
 * registry moves her into the household. The husband's and the head's reads are in their access
 * lists. An unmarried citizen and one already living there are told so in both languages.
 */
type Err = { error: { code: string; messageVi: string; messageEn: string } };
type Field = { key: string; value: unknown; readOnly?: boolean; provenance?: { registry: string } | null };
type View = { id: string; agencyCode: string; communeCode: string; status: string; fields: Field[] };

let s: TestServer;
const as: Record<string, Browser> = {};
const b = (login: string) => as[login] as Browser;
beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  await addSpouseApart(s.db);
  for (const login of [
    wife.pn,
    fatherInLaw.pn,
    husband.pn,
    people.neighbour.pn,
    people.mother.pn,
    "motcua.20197",
    "chuyenvien.20197",
    "lanhdao.20197",
  ]) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
});
afterAll(async () => s?.close());

const field = (d: View, key: string) => d.fields.find((f) => f.key === key);
const readsBy = async (subject: string, actor: string) =>
  (
    await s.db.query<{ fields: string[] }>(
      "select fields from access_log where subject_number = $1 and actor_id = $2 and purpose = 'prefill'",
      [subject, actor],
    )
  ).rows.flatMap((r) => r.fields);

describe(`a married woman registers into her husband's household (${engine})`, () => {
  it("her spouse's household is shown by its head, address and commune; the reads are logged", async () => {
    const r = await b(wife.pn).send<Record<string, unknown>>("GET", "/api/me/spouse-household");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      spouseName: husband.name,
      headName: fatherInLaw.name,
      headNumber: fatherInLaw.pn,
      communeCode: B.commune,
      relationship: "con dâu",
      spouseIsHead: false,
    });
    expect(String(r.body.communeName)).toContain("Liên Chiểu");
    expect(await readsBy(husband.pn, wife.pn)).toEqual(expect.arrayContaining(["fullName", "household"]));
    expect(await readsBy(fatherInLaw.pn, wife.pn)).toContain("fullName");
  });

  it("unmarried, or already in the spouse's household: told in both languages, nothing created", async () => {
    const single = await b(people.neighbour.pn).send<Err>("POST", "/api/dossiers", {
      procedureCode: "1.004222",
      household: "spouse",
    });
    expect(single.status).toBe(422);
    expect(single.body.error.code).toBe("SPOUSE_NOT_MARRIED");
    expect(single.body.error.messageVi).toContain("không ghi nhận bạn đang có vợ hoặc chồng");
    expect(single.body.error.messageEn).toContain("records no living spouse");
    const there = await b(people.mother.pn).send<Err>("GET", "/api/me/spouse-household");
    expect(there.status).toBe(409);
    expect(there.body.error.code).toBe("SPOUSE_HOUSEHOLD_ALREADY");
    const { rows } = await s.db.query("select 1 from dossiers where applicant_number = any($1::bpchar[])", [
      [people.neighbour.pn, people.mother.pn],
    ]);
    expect(rows).toEqual([]);
  });

  let id = "";
  it("the dossier is filed at the husband's commune police, head and relationship prefilled", async () => {
    const r = await b(wife.pn).send<View>("POST", "/api/dossiers", {
      procedureCode: "1.004222",
      household: "spouse",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    id = r.body.id;
    expect(r.body.agencyCode).toBe(`CA.${B.commune}.H48`);
    expect(r.body.communeCode).toBe(B.commune);
    expect(field(r.body, "authority.commune")?.value).toBe(B.commune);
    expect(field(r.body, "household.headNumber")?.value).toBe(fatherInLaw.pn);
    expect(field(r.body, "household.headName")?.value).toBe(fatherInLaw.name);
    expect(field(r.body, "household.relationshipToHead")).toMatchObject({ value: "con dâu", readOnly: true });
    expect(field(r.body, "request")).toMatchObject({ value: "join_spouse_household", readOnly: true });
    const sub = await b(wife.pn).send<View>("POST", `/api/dossiers/${id}/submit`, {
      values: { "household.headConsent": true },
    });
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    expect(sub.body.status).toBe("submitted");
  });

  it("the officer sees the head has not consented; the fee, and so the receipt, wait for it", async () => {
    const e = await b("lanhdao.20197").send<{ issues: Array<{ code: string; messageVi: string }> }>(
      "GET",
      `/api/dossiers/${id}/eligibility`,
    );
    expect(e.body.issues.map((i) => i.code)).toContain("HEAD_CONSENT_WAITING");
    const fee = await b("motcua.20197").send<{ status: string }>("GET", `/api/dossiers/${id}/payment`);
    expect(fee.body.status).toBe("awaiting_consent");
    const r = await b("motcua.20197").send<Err>("POST", `/api/dossiers/${id}/actions`, {
      action: "receive",
    });
    expect(r.status).toBe(402);
    expect(r.body.error.code).toBe("PAYMENT_REQUIRED");
  });

  it("only the head consents (audited); then approved, the registry moves her into the household", async () => {
    const notHead = await b(husband.pn).send<Err>("POST", `/api/dossiers/${id}/head-consent`);
    expect(notHead.status).toBe(404);
    expect(notHead.body.error.code).toBe("HEAD_CONSENT_NOT_HEAD");
    const asked = await b(fatherInLaw.pn).send<{ items: Array<Record<string, unknown>> }>(
      "GET",
      "/api/me/household-consents",
    );
    expect(asked.body.items).toEqual([
      expect.objectContaining({
        kind: "spouse",
        dossierId: id,
        applicantName: wife.name,
        relationship: "con dâu",
      }),
    ]);
    const ok = await b(fatherInLaw.pn).send("POST", `/api/dossiers/${id}/head-consent`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const audit = await s.db.query("select 1 from audit_log where action = 'dossier.head_consent'");
    expect(audit.rows.length).toBe(1);
    const e = await b("lanhdao.20197").send<{ issues: Array<{ code: string }> }>(
      "GET",
      `/api/dossiers/${id}/eligibility`,
    );
    expect(e.body.issues.map((i) => i.code)).not.toContain("HEAD_CONSENT_WAITING");
    // The fee (20,000 VND, half online) is asked now, and paid at the demo bank.
    const pay = await b(wife.pn).send<{ amount: number; demoBankUrl: string }>(
      "GET",
      `/api/dossiers/${id}/payment`,
    );
    expect(pay.body.amount).toBe(10_000);
    expect((await b(wife.pn).fetch(pay.body.demoBankUrl, { method: "POST" })).status).toBe(303);
    for (const [who, action] of [
      ["motcua.20197", "receive"],
      ["chuyenvien.20197", "forward"],
      ["lanhdao.20197", "approve"],
      ["lanhdao.20197", "issue_result"],
    ] as const) {
      const r = await b(who).send("POST", `/api/dossiers/${id}/actions`, { action });
      expect(r.status, `${who} ${action} ${JSON.stringify(r.body)}`).toBe(200);
    }
    for (let i = 0; i < 3; i++) await s.drain();
    const { rows } = await s.db.query<{ hh: string; rel: string; commune: string }>(
      `select household_id as hh, relationship_to_head as rel, permanent_commune_code as commune
       from persons where personal_number = $1`,
      [wife.pn],
    );
    expect(rows[0]).toEqual({ hh: husband.hh, rel: "con dâu", commune: B.commune });
    const members = await s.db.query<{ m: string[] }>(
      "select member_numbers as m from households where id = $1",
      [husband.hh],
    );
    expect(members.rows[0]?.m.map((x) => x.trim())).toContain(wife.pn);
    // The next permanent residence prefill knows it: she is in the spouse's household already.
    const again = await b(wife.pn).send<Err>("GET", "/api/me/spouse-household");
    expect(again.body.error.code).toBe("SPOUSE_HOUSEHOLD_ALREADY");
  });

  it("the spouse's request typed into a draft started otherwise is refused in both languages", async () => {
    const d = await b(husband.pn).send<View>("POST", "/api/dossiers", { procedureCode: "1.004222" });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    const r = await b(husband.pn).send<
      Err & { error: { details: Array<{ field: string; messageVi: string }> } }
    >("POST", `/api/dossiers/${d.body.id}/submit`, {
      values: { request: "join_spouse_household", "household.headConsent": true },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("VALIDATION_FAILED");
    expect(r.body.error.details[0]).toMatchObject({ field: "form.request" });
    expect(r.body.error.details[0]?.messageVi).toContain("bắt đầu hồ sơ mới");
  });
});

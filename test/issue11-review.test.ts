import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { A, BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * What a new user found reviewing issue 11, each as the user meets it: a failed e-mail tells the
 * citizen why in plain words (the technical error is for officers); a refused action on a dossier
 * is filed under the dossier's province; a correction's value is checked when filed, the draft
 * that filed it shows the registry's new value once accepted, and the decision is an in-app
 * notification too; the child's health-insurance form takes the child's nationality and
 * birth-registration commune from the registry.
 */
type Field = { key: string; value: unknown; readOnly?: boolean; provenance: { registry: string } | null };
type View = { id: string; code: string | null; status: string; fields: Field[] };
type Err = {
  error: {
    code: string;
    messageVi: string;
    messageEn: string;
    details?: Array<{ field: string; code?: string; messageVi: string; messageEn: string }>;
  };
};

let s: TestServer;
let mother: Browser;
let receiver: Browser;
let police: Browser;

beforeAll(async () => {
  // An SMTP server nobody listens on: every e-mail fails ("connect ECONNREFUSED 127.0.0.1:9").
  s = await startTestServer(
    { SMTP_URL: "smtp://127.0.0.1:9", OUTBOX_MAX_ATTEMPTS: "1" },
    { delivery: "manual" },
  );
  const signIn = async (login: string) => {
    const b = new Browser(s.baseUrl);
    await b.signIn(login);
    return b;
  };
  mother = await signIn(people.mother.pn);
  receiver = await signIn("motcua.20194");
  police = await signIn("congan.20194");
  expect(
    (await mother.send("PUT", "/api/me/contact", { phone: "0905123456", email: "binh.tran@example.vn" }))
      .status,
  ).toBe(200);
}, 120_000);
afterAll(async () => s?.close());

async function drainAll() {
  for (let i = 0; i < 4; i++) await s.drain();
}
const fieldsOf = (v: View) => Object.fromEntries(v.fields.map((f) => [f.key, f]));

describe(`issue 11 review (${engine})`, () => {
  let birth = "";

  it("a failed e-mail: the citizen reads plain words by a stable code; the officer reads the technical error", async () => {
    const d = await mother.send<View>("POST", "/api/dossiers", { procedureCode: "1.001193" });
    birth = d.body.id;
    const r = await mother.send<View>("POST", `/api/dossiers/${birth}/submit`, { values: BIRTH_VALUES });
    expect(r.status).toBe(200);
    await drainAll();
    type Notes = {
      items: Array<{
        channel: string;
        status: string;
        failureCode: string | null;
        failureVi: string | null;
        failureEn: string | null;
        error: string | null;
      }>;
    };
    const own = await mother.send<Notes>("GET", `/api/dossiers/${birth}/notifications`);
    const mail = own.body.items.find((n) => n.channel === "email");
    expect(mail).toMatchObject({
      status: "failed",
      failureCode: "SEND_FAILED",
      failureVi: "Chưa gửi được thư điện tử; hệ thống sẽ thử lại.",
      failureEn: "The e-mail could not be sent yet; the system will try again.",
      error: null,
    });
    expect(JSON.stringify(own.body)).not.toContain("ECONNREFUSED");
    const officer = await receiver.send<Notes>("GET", `/api/dossiers/${birth}/notifications`);
    expect(officer.body.items.find((n) => n.channel === "email")?.error).toContain("ECONNREFUSED");
  });

  it("a refused action on a dossier is filed under the dossier's province, not '00'", async () => {
    const d = await mother.send<View>("POST", "/api/dossiers", { procedureCode: "LOCAL.XAC-NHAN-TTHN" });
    expect(d.status).toBe(201);
    const refused = await mother.send<Err>("POST", `/api/dossiers/${d.body.id}/submit`, { values: {} });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const again = await mother.send<Err>("POST", `/api/dossiers/${birth}/submit`, { values: BIRTH_VALUES });
    expect(again.status).toBe(409);
    const { rows } = await s.db.query<{ province: string; resource: string }>(
      `select province_code as province, resource from audit_log
       where action = 'dossier.submit' and outcome = 'denied' order by at, id`,
    );
    expect(rows).toEqual([
      { province: "48", resource: `dossier:${d.body.id}` },
      { province: "48", resource: `dossier:${birth}` },
    ]);
    // A refused start names the chosen commune's province too.
    const start = await receiver.send<Err>("POST", "/api/dossiers", {
      procedureCode: "LOCAL.XAC-NHAN-TTHN",
      applicantNumber: "048199999999",
    });
    expect(start.status).toBe(404);
    const created = await s.db.query<{ province: string }>(
      `select province_code as province from audit_log where action = 'dossier.create' and outcome = 'denied'`,
    );
    expect(created.rows).toEqual([{ province: "48" }]);
  });

  let draft = "";
  it("a claimed value the field's rules refuse is refused when filed (422, both languages, a stable code)", async () => {
    const d = await mother.send<View>("POST", "/api/dossiers", { procedureCode: "LOCAL.XAC-NHAN-TTHN" });
    draft = d.body.id;
    expect(fieldsOf(d.body)["person.ethnicity"]).toMatchObject({ value: "Kinh" });
    const bad = await mother.send<Err>("POST", `/api/dossiers/${draft}/corrections`, {
      fieldKey: "person.birthDate",
      claimedValue: "31/02/1984",
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("CORRECTION_VALUE_INVALID");
    expect(bad.body.error.details?.[0]).toMatchObject({
      field: "body.claimedValue",
      code: "CORRECTION_VALUE_INVALID",
    });
    expect(bad.body.error.details?.[0]?.messageVi).toMatch(/^Ngày, tháng, năm sinh: không phải ngày hợp lệ/);
    expect(bad.body.error.details?.[0]?.messageEn).toMatch(/^Date of birth: is not a valid date/);
    const count = await s.db.query("select 1 from correction_requests where dossier_id = $1", [draft]);
    expect(count.rows).toHaveLength(0);
    // A real day typed dd/mm/yyyy is kept as the registry holds dates.
    const good = await mother.send<{ id: number }>("POST", `/api/dossiers/${draft}/corrections`, {
      fieldKey: "person.birthDate",
      claimedValue: "15/02/1988",
    });
    expect(good.status).toBe(201);
    const kept = await s.db.query<{ claimed: string }>(
      "select claimed_value as claimed from correction_requests where dossier_id = $1",
      [draft],
    );
    expect(kept.rows).toEqual([{ claimed: "1988-02-15" }]);
  });

  it("accepted: the draft that filed it shows the new value, and the decision is an in-app notification naming the field", async () => {
    const r = await mother.send<{ id: number }>("POST", `/api/dossiers/${draft}/corrections`, {
      fieldKey: "person.ethnicity",
      claimedValue: "Tày",
      note: "Giấy khai sinh ghi dân tộc Tày.",
    });
    expect(r.status).toBe(201);
    await drainAll();
    type Cases = { items: Array<{ provinceCode: string; id: number; fieldKey: string }> };
    const q = await police.send<Cases>("GET", "/api/workspace/corrections");
    const c = q.body.items.find((x) => x.fieldKey === "person.ethnicity");
    if (!c) throw new Error("no case");
    const decided = await police.send(
      "POST",
      `/api/workspace/corrections/${c.provinceCode}/${c.id}/decision`,
      {
        outcome: "accepted",
      },
    );
    expect(decided.status).toBe(200);
    await drainAll();
    const view = await mother.send<View>("GET", `/api/dossiers/${draft}`);
    expect(view.body.status).toBe("draft");
    expect(fieldsOf(view.body)["person.ethnicity"]).toMatchObject({ value: "Tày" });
    const notes = await mother.send<{
      items: Array<{ id: string; dossierId: string; textVi: string; textEn: string }>;
    }>("GET", "/api/me/notifications");
    const n = notes.body.items.find((x) => x.dossierId === draft && /dân tộc/.test(x.textVi));
    expect(n?.textVi).toMatch(/Đề nghị chỉnh sửa dân tộc .*đã được chấp nhận: “Kinh” → “Tày”/);
    expect(n?.textEn).toMatch(/ethnicity .*was accepted: “Kinh” → “Tày”/);
    const read = await mother.send<{ unread: number }>("POST", "/api/me/notifications/read", {
      ids: [n?.id],
    });
    expect(read.status).toBe(200);
  });

  it("the child's health-insurance form takes the child's nationality and birth-registration commune from the registry", async () => {
    await s.db.query("update persons set birth_registration_commune = $2 where personal_number = $1", [
      people.child.pn,
      A.commune,
    ]);
    await s.db.query(
      `insert into birth_notices (personal_number, id, province_code, commune_code, mother_number, father_number,
         child_sex, birth_at, facility, registered, child_number)
       values ($1, 'GCS-2015-0009', '48', $2, $1, $3, 'M', '2015-09-01T08:00:00+07:00', 'Bệnh viện', true, $4)`,
      [people.mother.pn, A.commune, people.father.pn, people.child.pn],
    );
    const d = await mother.send<View & { fields: Array<Field & { readOnly: boolean }> }>(
      "POST",
      "/api/dossiers",
      {
        procedureCode: "LOCAL.BHYT-TE",
      },
    );
    expect(d.status).toBe(201);
    const f = fieldsOf(d.body);
    expect(f["child.personalNumber"]).toMatchObject({ value: people.child.pn, readOnly: true });
    expect(f["child.nationality"]).toMatchObject({ value: "VN", readOnly: true });
    expect(f["child.nationality"]?.provenance?.registry).toBe("population");
    expect(f["child.birthRegistrationCommune"]).toMatchObject({ value: A.commune, readOnly: true });
  });
});

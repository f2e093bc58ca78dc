import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Corrections reach the owner (issue 11 point 3), through real HTTP: the mother disputes two
 * values prefilled from the population registry on her submitted birth registration; the requests
 * travel signed to the commune police of Hải Vân (where she lives), whose officers (accounts of
 * the police, src/domain/agencies.ts) accept one (the registry changes with a history row, she is notified, the open
 * dossier's officer sees old → new) and reject the other with a reason she reads. Officers of
 * another commune neither see nor decide them.
 */
type ErrorBody = { error?: { code: string; messageVi: string; messageEn: string } };
type Case = {
  provinceCode: string;
  id: number;
  ownerAgency: string;
  ownerUnit: string;
  officeVi: string;
  fieldKey: string;
  labelVi: string;
  currentValue: string | null;
  proposedValue: string;
  note: string | null;
  status: string;
  reason: string | null;
  appliedValue: string | null;
} & ErrorBody;
type CaseList = { items: Case[]; total: number } & ErrorBody;

let s: TestServer;
let mother: Browser;
let receiverA: Browser;
let specialistA: Browser;
let specialistB: Browser;
let id = "";

beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  const signIn = async (login: string) => {
    const b = new Browser(s.baseUrl);
    await b.signIn(login);
    return b;
  };
  mother = await signIn(people.mother.pn);
  receiverA = await signIn("motcua.20194");
  specialistA = await signIn("congan.20194");
  specialistB = await signIn("congan.20197");
}, 120_000);
afterAll(async () => s?.close());

/** Delivers until nothing is left (request → case; decision → request, notify.citizen → notify.send). */
async function drainAll() {
  for (let i = 0; i < 4; i++) await s.drain();
}

const queue = (b: Browser, status = "open") =>
  b.send<CaseList>("GET", `/api/workspace/corrections?status=${status}`);

describe(`corrections reach the registry's owner (${engine})`, () => {
  let ethnicity: Case;
  let name: Case;

  it("the mother submits her birth registration and files two corrections; each is relayed signed to the commune police", async () => {
    const started = await mother.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.001193" });
    expect(started.status).toBe(201);
    id = started.body.id;
    const submitted = await mother.send<{ status: string }>("POST", `/api/dossiers/${id}/submit`, {
      values: BIRTH_VALUES,
    });
    expect(submitted.body.status).toBe("submitted");
    for (const [fieldKey, claimedValue, note] of [
      ["mother.ethnicity", "Tày", "Tôi là người Tày, giấy khai sinh ghi dân tộc Tày."],
      ["mother.fullName", "Trần Thị Bính", "Tên tôi có dấu sắc."],
    ] as const) {
      const r = await mother.send<{ id: number }>("POST", `/api/dossiers/${id}/corrections`, {
        fieldKey,
        claimedValue,
        note,
      });
      expect(r.status).toBe(201);
    }
    // Nothing reaches the owner before delivery: the citizen reads "sent", not yet received.
    expect((await queue(specialistA)).body.total).toBe(0);
    type View = { correctionRequests: Array<{ status: string; receivedAt: string | null }> };
    const received = async () =>
      (await mother.send<View>("GET", `/api/dossiers/${id}`)).body.correctionRequests.map((c) => [
        c.status,
        c.receivedAt !== null,
      ]);
    expect(await received()).toEqual([
      ["open", false],
      ["open", false],
    ]);
    await drainAll();
    // Once the owner's queue holds them, the citizen reads "received".
    expect(await received()).toEqual([
      ["open", true],
      ["open", true],
    ]);
    const { rows } = await s.db.query<{ sender: string; receiver: string; outcome: string }>(
      "select sender, receiver, outcome from message_log where type = 'registry.correction_requested@1' order by id",
    );
    expect(rows).toEqual([
      { sender: "mot-lan", receiver: "cong-an", outcome: "accepted" },
      { sender: "mot-lan", receiver: "cong-an", outcome: "accepted" },
    ]);
  });

  it("the commune's specialist sees both in the queue with the evidence, oldest first", async () => {
    const r = await queue(specialistA);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(2);
    [ethnicity, name] = r.body.items as [Case, Case];
    expect(ethnicity).toMatchObject({
      ownerAgency: "cong-an",
      ownerUnit: "20194",
      fieldKey: "mother.ethnicity",
      labelVi: "dân tộc",
      currentValue: "Kinh",
      proposedValue: "Tày",
      note: "Tôi là người Tày, giấy khai sinh ghi dân tộc Tày.",
      status: "open",
    });
    expect(ethnicity.officeVi).toMatch(/^Công an phường Hải Vân/);
    expect(name).toMatchObject({ fieldKey: "mother.fullName", currentValue: people.mother.name });
    const page = await specialistA.send<CaseList>("GET", "/api/workspace/corrections?limit=1&offset=1");
    expect(page.body.items.map((c) => c.fieldKey)).toEqual(["mother.fullName"]);
  });

  it("another commune's officer neither sees nor decides them; a citizen and the administrator are refused", async () => {
    expect((await queue(specialistB)).body).toEqual({ items: [], total: 0 });
    const r = await specialistB.send<Case>(
      "POST",
      `/api/workspace/corrections/${ethnicity.provinceCode}/${ethnicity.id}/decision`,
      { outcome: "accepted" },
    );
    expect(r.status).toBe(404);
    // The one-stop receiver of the same commune does not decide for the police either.
    const receiver = await receiverA.send<Case>(
      "POST",
      `/api/workspace/corrections/${ethnicity.provinceCode}/${ethnicity.id}/decision`,
      { outcome: "accepted" },
    );
    expect(receiver.status).toBe(404);
    // Nor do the commune's officers of another agency, or the specialist attached to no agency.
    for (const login of ["hotich.20194", "chuyenvien.20194"]) {
      const other = new Browser(s.baseUrl);
      await other.signIn(login);
      expect((await queue(other)).body).toEqual({ items: [], total: 0 });
    }
    expect((await mother.send<CaseList>("GET", "/api/workspace/corrections")).status).toBe(403);
    const admin = new Browser(s.baseUrl);
    await admin.signIn("admin");
    expect((await admin.send<CaseList>("GET", "/api/workspace/corrections")).status).toBe(403);
  });

  it("a rejection without a reason is refused with a stable code in both languages", async () => {
    const url = `/api/workspace/corrections/${name.provinceCode}/${name.id}/decision`;
    for (const body of [{ outcome: "rejected" }, { outcome: "rejected", reason: "   " }]) {
      const r = await specialistA.send<Case>("POST", url, body);
      expect(r.status).toBe(400);
      expect(r.body.error?.code).toBe("CORRECTION_REASON_REQUIRED");
      expect(r.body.error?.messageVi).toMatch(/lý do/);
      expect(r.body.error?.messageEn).toMatch(/reason/);
    }
    const { rows } = await s.db.query(
      "select 1 from audit_log where action = 'registry.correction.reject' and outcome = 'denied'",
    );
    expect(rows.length).toBe(2);
  });

  it("rejected with a reason: the registry keeps its value and the mother reads the reason", async () => {
    const reason =
      "Tên trong sổ hộ tịch gốc là Trần Thị Bình; đề nghị mang bản chính giấy khai sinh đến đối chiếu.";
    const r = await specialistA.send<Case>(
      "POST",
      `/api/workspace/corrections/${name.provinceCode}/${name.id}/decision`,
      { outcome: "rejected", reason },
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "rejected", reason });
    await drainAll();
    const view = await mother.send<{
      correctionRequests: Array<{ fieldKey: string; status: string; decisionReason: string | null }>;
    }>("GET", `/api/dossiers/${id}`);
    expect(view.body.correctionRequests.find((c) => c.fieldKey === "mother.fullName")).toMatchObject({
      status: "rejected",
      decisionReason: reason,
    });
    const { rows } = await s.db.query("select full_name from persons where personal_number = $1", [
      people.mother.pn,
    ]);
    expect(rows).toEqual([{ full_name: people.mother.name }]);
  });

  it("accepted: the registry value changes with its history, the mother is notified, the dossier's officer sees old → new", async () => {
    const url = `/api/workspace/corrections/${ethnicity.provinceCode}/${ethnicity.id}/decision`;
    const r = await specialistA.send<Case>("POST", url, { outcome: "accepted" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "accepted", appliedValue: "Tày" });
    const again = await specialistA.send<Case>("POST", url, { outcome: "rejected", reason: "Nhầm lẫn." });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe("CORRECTION_DECIDED");

    const person = await s.db.query("select ethnicity from persons where personal_number = $1", [
      people.mother.pn,
    ]);
    expect(person.rows).toEqual([{ ethnicity: "Tày" }]);
    const history = await s.db.query(
      `select attribute, old_value, new_value, decided_by, correction_id from registry_corrections
       where personal_number = $1`,
      [people.mother.pn],
    );
    expect(history.rows).toEqual([
      {
        attribute: "ethnicity",
        old_value: "Kinh",
        new_value: "Tày",
        decided_by: "congan.20194",
        correction_id: expect.stringMatching(/^48:\d+$/),
      },
    ]);
    const audited = await s.db.query(
      "select 1 from audit_log where action = 'registry.correction.accept' and outcome = 'allowed'",
    );
    expect(audited.rows.length).toBe(1);

    await drainAll();
    const decided = await s.db.query<{ sender: string; receiver: string; outcome: string }>(
      "select sender, receiver, outcome from message_log where type = 'registry.correction_decided@1' order by id",
    );
    expect(decided.rows).toEqual([
      { sender: "cong-an", receiver: "mot-lan", outcome: "accepted" },
      { sender: "cong-an", receiver: "mot-lan", outcome: "accepted" },
    ]);

    // The mother's SMS names the field in plain words, in Vietnamese and English.
    const notes = await mother.send<{ items: Array<{ event: string; textVi: string; textEn: string }> }>(
      "GET",
      `/api/dossiers/${id}/notifications`,
    );
    const accepted = notes.body.items.find((n) => n.event === "correction_accepted");
    expect(accepted?.textVi).toMatch(/dân tộc.*“Kinh” → “Tày”/);
    expect(accepted?.textEn).toMatch(/ethnicity/);
    const rejected = notes.body.items.find((n) => n.event === "correction_rejected");
    expect(rejected?.textVi).toMatch(/họ, chữ đệm và tên.*Lý do: Tên trong sổ hộ tịch gốc/);

    // The open dossier that reused "Kinh": its officer sees the alert, old → new.
    const alerts = await receiverA.send<{
      items: Array<{ fieldKey: string; labelVi: string; oldValue: string; newValue: string }>;
    }>("GET", `/api/dossiers/${id}/registry-alerts`);
    expect(alerts.status).toBe(200);
    // The child's ethnicity was taken from the parents' (both "Kinh"): it is alerted too.
    expect(alerts.body.items).toEqual([
      expect.objectContaining({ fieldKey: "child.ethnicity", oldValue: "Kinh", newValue: "Tày" }),
      expect.objectContaining({
        fieldKey: "mother.ethnicity",
        labelVi: "dân tộc",
        oldValue: "Kinh",
        newValue: "Tày",
      }),
    ]);
    expect((await specialistB.send("GET", `/api/dossiers/${id}/registry-alerts`)).status).toBe(404);

    const view = await mother.send<{
      correctionRequests: Array<{ fieldKey: string; status: string; appliedValue: string | null }>;
    }>("GET", `/api/dossiers/${id}`);
    expect(view.body.correctionRequests.find((c) => c.fieldKey === "mother.ethnicity")).toMatchObject({
      status: "accepted",
      appliedValue: "Tày",
    });
    // Decided cases leave the open queue and are listed by their status.
    expect((await queue(specialistA)).body.total).toBe(0);
    expect((await queue(specialistA, "accepted")).body.items.map((c) => c.fieldKey)).toEqual([
      "mother.ethnicity",
    ]);
  });
});

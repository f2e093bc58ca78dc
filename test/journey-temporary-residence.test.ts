import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { minimalPdf } from "./helpers/files.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

type View = {
  id: string;
  code: string | null;
  status: string;
  fields: Array<{ key: string; value: unknown; readOnly: boolean }>;
  components: Array<{ key: string; state: string }>;
  reuse: { fieldsTotal: number; fieldsPrefilled: number; fieldsTyped: number; componentsReplaced: number };
  feeAmount: number;
  dueAt: string | null;
  clock: { state: string; pausedNow: boolean } | null;
  log: Array<{ type: string; role: string; actorId: string; reason: string | null }>;
  error?: { code: string; details?: Array<{ field: string }> };
};

const CODE = "LOCAL.DK-TAM-TRU";
let s: TestServer;
let worker: Browser;
let receiver: Browser;
let specialist: Browser;
let leader: Browser;
beforeAll(async () => {
  s = await startTestServer();
  worker = new Browser(s.baseUrl);
  await worker.signIn(people.worker.pn);
  receiver = new Browser(s.baseUrl);
  await receiver.signIn("motcua.20194");
  specialist = new Browser(s.baseUrl);
  await specialist.signIn("chuyenvien.20194");
  leader = new Browser(s.baseUrl);
  await leader.signIn("lanhdao.20194");
});
afterAll(async () => s?.close());

const send = (
  b: Browser,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => b.send<View>(method, path, body, headers);

async function upload(b: Browser, id: string, bytes: Buffer, name: string) {
  return b.fetch(`/api/dossiers/${id}/components/lawfulResidenceProof`, {
    method: "PUT",
    headers: {
      "content-type": "application/pdf",
      "x-filename": encodeURIComponent(name),
      "x-csrf-token": await b.csrf(),
    },
    body: new Uint8Array(bytes),
  });
}

const TYPED = {
  "stay.commune": "20194",
  "stay.address": "Phòng 3, nhà trọ số 12, đường Hoàng Văn Thái",
  "stay.until": "2027-06-30",
  "host.fullName": "Nguyễn Văn An",
  "host.personalNumber": people.father.pn,
  "host.relationship": "Người thuê trọ",
  "host.consent": true,
};

describe(`temporary residence registration, with a supplement answered from the phone (${engine})`, () => {
  let id = "";

  it("the worker starts it for commune A; name, birth date, number and phone come from the registry", async () => {
    const r = await send(worker, "POST", "/api/dossiers", { procedureCode: CODE, communeCode: "20194" });
    expect(r.status).toBe(201);
    id = r.body.id;
    const f = Object.fromEntries(r.body.fields.map((x) => [x.key, x]));
    expect(f["applicant.fullName"]).toMatchObject({ value: people.worker.name, readOnly: true });
    expect(f["applicant.personalNumber"]).toMatchObject({ value: people.worker.pn, readOnly: true });
    expect(f["applicant.birthDate"]).toMatchObject({ value: people.worker.birth, readOnly: true });
    expect(f["applicant.phone"]).toMatchObject({ value: "0905123456", readOnly: true });
    expect(f["stay.address"]?.readOnly).toBe(false);
  });

  it("submitting without the proof of lawful residence is refused, naming the component", async () => {
    const r = await send(worker, "POST", `/api/dossiers/${id}/submit`, { values: TYPED });
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe("COMPONENT_MISSING");
    expect(r.body.error?.details?.map((d) => d.field)).toEqual(["components.lawfulResidenceProof"]);
    const { rows } = await s.db.query("select code from dossiers where id = $1", [id]);
    expect(rows[0]).toEqual({ code: null });
  });

  it("the worker uploads the tenancy agreement and submits; the fee carries the online discount", async () => {
    expect((await upload(worker, id, minimalPdf(), "hop-dong-thue-nha.pdf")).status).toBe(201);
    const r = await send(
      worker,
      "POST",
      `/api/dossiers/${id}/submit`,
      { values: TYPED },
      { "idempotency-key": "tam-tru-0001" },
    );
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("submitted");
    expect(r.body.code).toMatch(/^CA\.20194\.H48-\d{6}-0001$/);
    expect(r.body.components.find((c) => c.key === "lawfulResidenceProof")?.state).toBe("uploaded");
    const { rows } = await s.db.query<{ amount: number; discount: number }>(
      `select (definition->'fee'->>'amount')::int as amount, (definition->'fee'->>'onlineDiscountPercent')::int as discount
       from procedure_versions where code = $1 and version = 1`,
      [CODE],
    );
    const fee = rows[0] ?? { amount: 0, discount: 0 };
    expect(r.body.feeAmount).toBe(Math.round((fee.amount * (100 - fee.discount)) / 100));
    // Typed: the 7 values above; prefilled: name, birth date, sex, number, phone (e-mail is empty).
    expect(r.body.reuse).toMatchObject({ fieldsTyped: 7, fieldsPrefilled: 5, componentsReplaced: 1 });
  });

  it("the fee is requested as a VietQR code; the dossier waits until the demo bank confirms payment", async () => {
    const pay = await worker.send<{
      status: string;
      amount: number;
      vietqr: { payload: string } | null;
      demoBankUrl: string;
    }>("GET", `/api/dossiers/${id}/payment`);
    expect(pay.body.status).toBe("unpaid");
    expect(pay.body.vietqr?.payload).toMatch(/^000201/); // EMVCo payload
    const early = await send(receiver, "POST", `/api/dossiers/${id}/actions`, { action: "receive" });
    expect(early.status).toBe(402);
    expect(early.body.error?.code).toBe("PAYMENT_REQUIRED");
    const bank = await worker.fetch(pay.body.demoBankUrl, { method: "POST" });
    expect(bank.status).toBe(303);
    const paid = await worker.send<{ status: string; receiptUrl: string }>(
      "GET",
      `/api/dossiers/${id}/payment`,
    );
    expect(paid.body.status).toBe("paid");
    const receipt = await worker.fetch(paid.body.receiptUrl);
    expect(receipt.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await receipt.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  it("the commune officer receives it; the due date is 3 working days later", async () => {
    const r = await send(receiver, "POST", `/api/dossiers/${id}/actions`, { action: "receive" });
    expect(r.body.status).toBe("received");
    // Received on Wednesday 4 November 2026 (the test clock): Thursday, Friday, Monday; 17:00 in Vietnam.
    expect(r.body.dueAt).toBe("2026-11-09T10:00:00.000Z");
  });

  it("the specialist asks for a signed copy; the worker answers from the phone with a new file", async () => {
    const req = await send(specialist, "POST", `/api/dossiers/${id}/actions`, {
      action: "request_supplement",
      reason: "Hợp đồng thuê nhà cần có chữ ký của chủ nhà.",
    });
    expect(req.body.status).toBe("supplement_requested");
    const signed = Buffer.concat([minimalPdf(), Buffer.from("% signed by the owner\n")]);
    expect((await upload(worker, id, signed, "hop-dong-co-chu-ky.pdf")).status).toBe(201);
    const sup = await send(worker, "POST", `/api/dossiers/${id}/actions`, { action: "supplement" });
    expect(sup.body.status).toBe("supplemented");
    const { rows } = await s.db.query<{ n: number }>(
      "select count(*)::int as n from dossier_files where dossier_id = $1",
      [id],
    );
    expect(rows[0]?.n).toBe(2);
  });

  it("approved and issued; the log, status and the outbox are exactly as expected", async () => {
    await send(specialist, "POST", `/api/dossiers/${id}/actions`, { action: "forward" });
    expect(
      (await send(leader, "POST", `/api/dossiers/${id}/actions`, { action: "approve" })).body.status,
    ).toBe("approved");
    const issued = await send(leader, "POST", `/api/dossiers/${id}/actions`, { action: "issue_result" });
    expect(issued.body.status).toBe("result_issued");
    expect(issued.body.log.map((a) => `${a.type}:${a.role}`)).toEqual([
      "create:citizen",
      "submit:citizen",
      "record_payment:system",
      "receive:receiver",
      "request_supplement:specialist",
      "supplement:citizen",
      "forward:specialist",
      "approve:approver",
      "issue_result:approver",
    ]);
    expect(issued.body.clock?.state).toBe("on_time");
    const topics = await s.db.query<{ topic: string }>(
      "select topic from outbox where key = $1 order by id",
      [id],
    );
    expect(topics.rows.map((r) => r.topic)).toEqual([
      "dossier.create",
      "dossier.upload",
      "dossier.submit",
      "dossier.record_payment",
      "dossier.receive",
      "dossier.request_supplement",
      "dossier.upload",
      "dossier.supplement",
      "dossier.forward",
      "dossier.approve",
      // The issuing police's signed message to the residence registry, in the same transaction.
      "residence.registered@3",
      "dossier.issue_result",
    ]);
  });

  it("delivered: the residence registry holds the new temporary residence, with provenance", async () => {
    await s.drain();
    const p = await s.db.query(
      `select temporary_commune_code as commune, temporary_address as address from persons
       where personal_number = $1`,
      [people.worker.pn],
    );
    expect(p.rows).toEqual([{ commune: TYPED["stay.commune"], address: TYPED["stay.address"] }]);
    const code = (await send(worker, "GET", `/api/dossiers/${id}`)).body.code;
    const rec = await s.db.query(
      `select kind, event, until::text as until, dossier_code as code from residence_records
       where personal_number = $1`,
      [people.worker.pn],
    );
    expect(rec.rows).toEqual([{ kind: "temporary", event: "registered", until: TYPED["stay.until"], code }]);
  });

  it("the worker sees it in their own list", async () => {
    const mine = (await (await worker.fetch("/api/me/dossiers")).json()) as {
      items: Array<{ id: string; status: string }>;
    };
    expect(mine.items).toContainEqual(expect.objectContaining({ id, status: "result_issued" }));
  });
});

import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readKeyFile } from "../src/lib/secrets.js";
import { sign } from "../src/modules/payments/index.js";
import { engine } from "./helpers/db.js";
import { MARITAL, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

// References that tie money to dossiers: the transfer content carries the whole dossier code and
// the bank's report of it finds the dossier; a closed dossier is never charged by the demo bank;
// one refund bank reference records one refund.
type Payment = {
  status: string;
  owed: number;
  transfers: Array<{ bankRef: string; refundRef: string | null }>;
  vietqr: { content: string; payload: string } | null;
};
type Err = { error: { code: string; messageVi: string; messageEn: string } };

let s: TestServer;
let citizen: Browser;
let receiver: Browser;
beforeAll(async () => {
  s = await startTestServer();
  citizen = new Browser(s.baseUrl);
  await citizen.signIn(people.neighbour.pn);
  receiver = new Browser(s.baseUrl);
  await receiver.signIn("motcua.20197");
});
afterAll(async () => s?.close());

const bankKey = () => readKeyFile(path.join(s.tdb.dataDir, "keys.json")).bankCallback ?? "";

async function callback(body: Record<string, unknown>) {
  const text = JSON.stringify(body);
  const res = await fetch(`${s.baseUrl}/api/payments/demo-bank/callback`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-bank-signature": sign(bankKey(), text) },
    body: text,
  });
  return { status: res.status, body: (await res.json()) as { outcome?: string } };
}

async function submitted() {
  const d = await citizen.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: MARITAL.code });
  const r = await citizen.send<{ code: string }>("POST", `/api/dossiers/${d.body.id}/submit`, {
    values: MARITAL.values,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const { rows } = await s.db.query<{ id: string }>("select id from payments where dossier_id = $1", [
    d.body.id,
  ]);
  return { id: d.body.id, code: r.body.code, paymentId: rows[0]?.id ?? "" };
}
const payment = async (id: string) =>
  (await citizen.send<Payment>("GET", `/api/dossiers/${id}/payment`)).body;
const transfersOf = async (paymentId: string) =>
  (
    await s.db.query<{ n: number }>("select count(*)::int as n from bank_transfers where payment_id = $1", [
      paymentId,
    ])
  ).rows[0]?.n;

describe(`the transfer content (${engine})`, () => {
  it("carries the whole dossier code, and the bank's report of it pays that dossier", async () => {
    const a = await submitted();
    const b = await submitted();
    const pa = await payment(a.id);
    expect(pa.vietqr?.content).toBe(a.code);
    expect(pa.vietqr?.payload).toContain(a.code);
    expect((await payment(b.id)).vietqr?.content).toBe(b.code);
    // The bank reports the content lower-cased and without punctuation: it still finds dossier b.
    const reported = b.code.toLowerCase().replace(/[.-]/g, " ");
    expect(await callback({ content: reported, amount: 7_500, bankRef: "CT-0001" })).toEqual({
      status: 200,
      body: { ok: true, outcome: "accepted" },
    });
    expect((await payment(b.id)).status).toBe("paid");
    expect((await payment(a.id)).status).toBe("unpaid");
    const unknown = await callback({
      content: "UB.99999.H48-261201-0001",
      amount: 7_500,
      bankRef: "CT-0002",
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain("unknown_payment");
  });
});

describe(`the demo bank and a closed dossier (${engine})`, () => {
  it("withdrawn: the bank's page says it cannot be paid, and confirming transfers nothing", async () => {
    const d = await submitted();
    const w = await citizen.send("POST", `/api/dossiers/${d.id}/actions`, { action: "withdraw" });
    expect(w.status).toBe(200);
    const pageRes = await fetch(`${s.baseUrl}/demo-bank/pay/${d.paymentId}`);
    const html = await pageRes.text();
    expect(pageRes.status).toBe(200);
    expect(html).toContain(
      "Hồ sơ đã rút, bị từ chối hoặc không được tiếp nhận: không thể thanh toán lệ phí.",
    );
    expect(html).toContain("The dossier was withdrawn, refused or rejected: its fee cannot be paid.");
    expect(html).not.toContain("demo-bank-confirm");
    for (const _ of [1, 2]) {
      const post = await fetch(`${s.baseUrl}/demo-bank/pay/${d.paymentId}`, {
        method: "POST",
        redirect: "manual",
      });
      expect(post.status).toBe(409);
      expect(await post.text()).toContain("không thể thanh toán lệ phí");
    }
    expect(await transfersOf(d.paymentId)).toBe(0);
    expect(await payment(d.id)).toMatchObject({ status: "closed", owed: 0, transfers: [] });
  });

  it("an open dossier is still paid through the demo bank", async () => {
    const d = await submitted();
    const html = await (await fetch(`${s.baseUrl}/demo-bank/pay/${d.paymentId}`)).text();
    expect(html).toContain("demo-bank-confirm");
    const post = await fetch(`${s.baseUrl}/demo-bank/pay/${d.paymentId}`, {
      method: "POST",
      redirect: "manual",
    });
    expect(post.status).toBe(303);
    expect((await payment(d.id)).status).toBe("paid");
  });
});

describe(`a refund's bank reference (${engine})`, () => {
  it("records one refund: the same reference for another refund is refused with 409 REFUND_REF_TAKEN", async () => {
    const ids: string[] = [];
    for (const ref of ["OVR-0001", "OVR-0002"]) {
      const d = await submitted();
      expect((await callback({ paymentId: d.paymentId, amount: 9_000, bankRef: ref })).body.outcome).toBe(
        "accepted",
      );
      const { rows } = await s.db.query<{ id: string }>("select id from bank_transfers where bank_ref = $1", [
        ref,
      ]);
      ids.push(rows[0]?.id ?? "");
    }
    const first = await receiver.send("POST", `/api/officer/refunds/${ids[0]}`, { refundRef: "RF-1" });
    expect(first.status).toBe(200);
    const second = await receiver.send<Err>("POST", `/api/officer/refunds/${ids[1]}`, { refundRef: "RF-1" });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      code: "REFUND_REF_TAKEN",
      messageVi: "Mã giao dịch hoàn trả này đã được ghi cho một khoản hoàn trả khác.",
      messageEn: "This refund bank reference is already recorded for another refund.",
    });
    const { rows } = await s.db.query<{ refund_ref: string | null }>(
      "select refund_ref from bank_transfers where id = $1",
      [ids[1]],
    );
    expect(rows[0]?.refund_ref).toBeNull();
    expect(
      (await receiver.send("POST", `/api/officer/refunds/${ids[1]}`, { refundRef: "RF-2" })).status,
    ).toBe(200);
  });

  it("the database refuses a reused reference too (two officers at once)", async () => {
    await expect(
      s.db.query(
        `update bank_transfers set refund_ref = 'RF-1', refunded_at = now(), refunded_by = 'x'
          where province_code = '48' and bank_ref = 'OVR-0002'`,
      ),
    ).rejects.toThrow(/bank_transfers_refund_ref_key|duplicate|unique/);
  });
});

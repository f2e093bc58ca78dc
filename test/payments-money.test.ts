// Over 400 lines: every money story (paid, part-paid, overpaid, closed, refunded, tariffs) on one server start and one refund queue.
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readKeyFile } from "../src/lib/secrets.js";
import { sign } from "../src/modules/payments/index.js";
import { engine } from "./helpers/db.js";
import { PDF } from "./helpers/files.js";
import { MARITAL, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

// Issue 9, point 10: money is never lost or hidden. Every genuine (signed) bank transfer is
// recorded, whatever the dossier's state; what is too much, twice, or late is queued for refund
// and visible to the officer; fees that depend on pages and copies come from the tariff. All
// amounts in đồng. Confirmation of marital status: 15,000 at the counter, 50% off online = 7,500.
const COPY = "LOCAL.CHUNG-THUC-BAN-SAO";
type Transfer = {
  bankRef: string;
  amount: number;
  applied: number;
  refundAmount: number;
  refundReason: string | null;
  refundedAt: string | null;
  refundRef: string | null;
};
type Payment = {
  amount: number;
  status: string;
  received: number;
  owed: number;
  refundDue: number;
  transfers: Transfer[];
  vietqr: { amount: number; payload: string } | null;
  demoBankUrl: string | null;
  receiptUrl: string | null;
};
type View = {
  id: string;
  code: string;
  status: string;
  feeAmount: number;
  log: Array<{ type: string; payload: Record<string, unknown> }>;
  error?: { code: string; details: Array<{ field: string; messageVi: string; messageEn: string }> };
};
type Queue = {
  items: Array<{ bankRef: string; refundAmount: number; refundReason: string; dossierCode: string }>;
  total: number;
  totalDue: number;
  error?: { code: string };
};

let s: TestServer;
let citizen: Browser; // Lê Thị Dung, commune B (Liên Chiểu, 20197)
let receiver: Browser; // the one-stop receiver of B
let specialist: Browser;
let otherReceiver: Browser; // commune A
beforeAll(async () => {
  s = await startTestServer();
  citizen = new Browser(s.baseUrl);
  await citizen.signIn(people.neighbour.pn);
  receiver = new Browser(s.baseUrl);
  await receiver.signIn("motcua.20197");
  specialist = new Browser(s.baseUrl);
  await specialist.signIn("chuyenvien.20197");
  otherReceiver = new Browser(s.baseUrl);
  await otherReceiver.signIn("motcua.20194");
});
afterAll(async () => s?.close());

const bankKey = () => readKeyFile(path.join(s.tdb.dataDir, "keys.json")).bankCallback ?? "";

/** A genuine bank callback: the body signed with the bank's key. */
async function transfer(paymentId: string, amount: number, bankRef: string) {
  const body = JSON.stringify({ paymentId, amount, bankRef });
  const res = await fetch(`${s.baseUrl}/api/payments/demo-bank/callback`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-bank-signature": sign(bankKey(), body) },
    body,
  });
  return { status: res.status, body: (await res.json()) as { outcome?: string; error?: { code: string } } };
}

async function submitted(
  procedureCode: string = MARITAL.code,
  values: Record<string, unknown> = MARITAL.values,
) {
  const d = await citizen.send<View>("POST", "/api/dossiers", { procedureCode });
  if (procedureCode === COPY) {
    const up = await citizen.fetch(`/api/dossiers/${d.body.id}/components/originalScan`, {
      method: "PUT",
      headers: { "content-type": "application/pdf", "x-csrf-token": await citizen.csrf() },
      body: new Uint8Array(PDF),
    });
    expect(up.status).toBe(201);
  }
  const r = await citizen.send<View>("POST", `/api/dossiers/${d.body.id}/submit`, { values });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const { rows } = await s.db.query<{ id: string }>("select id from payments where dossier_id = $1", [
    d.body.id,
  ]);
  return { id: d.body.id, code: r.body.code, fee: r.body.feeAmount, paymentId: rows[0]?.id ?? "" };
}

const payment = async (b: Browser, id: string) =>
  (await b.send<Payment>("GET", `/api/dossiers/${id}/payment`)).body;
const view = async (b: Browser, id: string) => (await b.send<View>("GET", `/api/dossiers/${id}`)).body;
const logTypes = async (id: string) =>
  (await view(citizen, id)).log.map((a) => a.type).filter((t) => t.startsWith("record_"));
const split = (t: Transfer) => [t.bankRef, t.amount, t.applied, t.refundAmount, t.refundReason];

describe(`a fee paid in parts, overpaid, paid twice (${engine})`, () => {
  let d: Awaited<ReturnType<typeof submitted>>;
  beforeAll(async () => {
    d = await submitted();
  });

  it("the fee is 7,500 đồng and the VietQR code asks for 7,500", async () => {
    expect(d.fee).toBe(7_500);
    const p = await payment(citizen, d.id);
    expect(p).toMatchObject({ status: "unpaid", amount: 7_500, received: 0, owed: 7_500, refundDue: 0 });
    expect(p.vietqr?.amount).toBe(7_500);
    expect(p.vietqr?.payload).toContain("54047500"); // EMVCo tag 54 (amount), length 04, "7500"
  });

  it("5,000 đồng: recorded as a part; 2,500 still owed, and the code now asks for 2,500", async () => {
    expect(await transfer(d.paymentId, 5_000, "VCB-0001")).toEqual({
      status: 200,
      body: { ok: true, outcome: "partial" },
    });
    const p = await payment(citizen, d.id);
    expect(p).toMatchObject({ status: "unpaid", received: 5_000, owed: 2_500, refundDue: 0 });
    expect(p.vietqr?.amount).toBe(2_500);
    expect(await logTypes(d.id)).toEqual(["record_transfer"]);
  });

  it("another 5,000: the fee is paid (2,500 applied) and 2,500 is owed back as overpaid", async () => {
    expect((await transfer(d.paymentId, 5_000, "VCB-0002")).body.outcome).toBe("accepted");
    const p = await payment(citizen, d.id);
    expect(p).toMatchObject({ status: "paid", received: 7_500, owed: 0, refundDue: 2_500, vietqr: null });
    expect(p.transfers.map(split)).toEqual([
      ["VCB-0001", 5_000, 5_000, 0, null],
      ["VCB-0002", 5_000, 2_500, 2_500, "overpaid"],
    ]);
    expect(await logTypes(d.id)).toEqual(["record_transfer", "record_payment"]);
  });

  it("the bank repeats its callback for VCB-0002: nothing changes", async () => {
    expect((await transfer(d.paymentId, 5_000, "VCB-0002")).body.outcome).toBe("replay");
    expect((await payment(citizen, d.id)).transfers).toHaveLength(2);
    expect(await logTypes(d.id)).toEqual(["record_transfer", "record_payment"]);
  });

  it("a transaction id already recorded with another amount is refused and logged, not recorded", async () => {
    const r = await transfer(d.paymentId, 9_999, "VCB-0001");
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe("PAYMENT_REJECTED");
    const { rows } = await s.db.query<{ outcome: string }>(
      "select outcome from payment_callbacks order by id desc limit 1",
    );
    expect(rows[0]?.outcome).toBe("transfer_conflict");
    expect((await payment(citizen, d.id)).received).toBe(7_500);
  });

  it("a second full payment (a new transaction) is recorded and all of it owed back", async () => {
    expect((await transfer(d.paymentId, 7_500, "VCB-0003")).body.outcome).toBe("refund_due");
    const p = await payment(citizen, d.id);
    expect(p).toMatchObject({ status: "paid", received: 7_500, refundDue: 10_000 });
    expect(p.transfers.map(split).at(-1)).toEqual(["VCB-0003", 7_500, 0, 7_500, "already_paid"]);
  });

  it("the officer's dossier view shows the same: 10,000 owed back over two transfers", async () => {
    const p = await payment(receiver, d.id);
    expect(p.refundDue).toBe(10_000);
    expect(p.transfers.filter((t) => t.refundAmount > 0).map((t) => [t.bankRef, t.refundAmount])).toEqual([
      ["VCB-0002", 2_500],
      ["VCB-0003", 7_500],
    ]);
  });

  it("the receipt names both transactions that paid the fee, and the fee of 7,500 đồng", async () => {
    const p = await payment(citizen, d.id);
    const res = await citizen.fetch(p.receiptUrl ?? "");
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const doc = await getDocument({ data: new Uint8Array(await res.arrayBuffer()) }).promise;
    const page = await doc.getPage(1);
    const text = (await page.getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join(" ");
    expect(text).toContain("VCB-0001, VCB-0002");
    expect(text).toContain("7.500 đồng");
  });

  it("the citizen is told, with exact amounts", async () => {
    await s.drain(); // the submission's notice is written when its message is delivered
    const n = await citizen.send<{ items: Array<{ textVi: string; dossierId: string }> }>(
      "GET",
      "/api/me/notifications",
    );
    const mine = n.body.items.filter((i) => i.dossierId === d.id).map((i) => i.textVi);
    const named = `hồ sơ “Cấp giấy xác nhận tình trạng hôn nhân” (mã ${d.code})`;
    expect(mine).toEqual([
      `Đã nhận thêm 7.500 đồng cho ${named} đã nộp đủ phí; số tiền này sẽ được hoàn trả.`,
      `Đã nhận thanh toán phí cho ${named}. Số tiền nộp thừa 2.500 đồng sẽ được hoàn trả.`,
      `Đã nhận 5.000 đồng cho ${named}; còn thiếu 2.500 đồng.`,
      `Hồ sơ “Cấp giấy xác nhận tình trạng hôn nhân” (mã ${d.code}) đã được nộp. Cơ quan giải quyết sẽ kiểm tra và tiếp nhận.`,
    ]);
  });
});

describe(`money after the dossier closed (${engine})`, () => {
  it("withdrawn: the QR code is gone; a genuine late transfer of 7,500 is recorded and owed back", async () => {
    const d = await submitted();
    expect(
      (await citizen.send<View>("POST", `/api/dossiers/${d.id}/actions`, { action: "withdraw" })).status,
    ).toBe(200);
    const closed = await payment(citizen, d.id);
    expect(closed).toMatchObject({ status: "closed", owed: 0, vietqr: null, demoBankUrl: null });
    expect(await transfer(d.paymentId, 7_500, "LATE-0001")).toEqual({
      status: 200,
      body: { ok: true, outcome: "refund_due" },
    });
    const p = await payment(citizen, d.id);
    expect(p).toMatchObject({ status: "closed", received: 0, refundDue: 7_500, vietqr: null });
    expect(p.transfers.map(split)).toEqual([["LATE-0001", 7_500, 0, 7_500, "dossier_closed"]]);
    const v = await view(citizen, d.id);
    expect(v.status).toBe("withdrawn");
    expect(v.log.at(-1)).toMatchObject({
      type: "record_transfer",
      payload: { amount: 7_500, refund: 7_500 },
    });
  });

  it("rejected at the counter before payment: the same", async () => {
    const d = await submitted();
    const r = await receiver.send<View>("POST", `/api/dossiers/${d.id}/actions`, {
      action: "refuse_receipt",
      reason: "Hồ sơ không thuộc thẩm quyền.",
    });
    expect(r.status).toBe(200);
    expect((await payment(citizen, d.id)).vietqr).toBeNull();
    expect((await transfer(d.paymentId, 7_500, "LATE-0002")).body.outcome).toBe("refund_due");
    expect((await payment(receiver, d.id)).refundDue).toBe(7_500);
  });
});

describe(`concurrent transfers add up exactly (${engine})`, () => {
  it("two transfers of 5,000 at once: one pays the fee, 2,500 owed back, one record_payment", async () => {
    const d = await submitted();
    const outcomes = await Promise.all([
      transfer(d.paymentId, 5_000, "PAR-0001"),
      transfer(d.paymentId, 5_000, "PAR-0002"),
    ]);
    expect(outcomes.map((o) => o.body.outcome).sort()).toEqual(["accepted", "partial"]);
    expect(await payment(citizen, d.id)).toMatchObject({ status: "paid", received: 7_500, refundDue: 2_500 });
    expect((await logTypes(d.id)).sort()).toEqual(["record_payment", "record_transfer"]);
  });

  it("the same callback five times at once is recorded once", async () => {
    const d = await submitted();
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map(() => transfer(d.paymentId, 7_500, "DUP-0001")));
    expect(outcomes.map((o) => o.status)).toEqual([200, 200, 200, 200, 200]);
    expect(outcomes.map((o) => o.body.outcome).sort()).toEqual([
      "accepted",
      "replay",
      "replay",
      "replay",
      "replay",
    ]);
    expect((await payment(citizen, d.id)).transfers).toHaveLength(1);
    expect(await logTypes(d.id)).toEqual(["record_payment"]);
  });
});

describe(`the refund queue (${engine})`, () => {
  const feeReadsByReceiver = async () =>
    (
      await s.db.query<{ n: number }>(
        `select count(*)::int as n from access_log
         where subject_number = $1 and actor_id = 'motcua.20197' and resource like 'dossier:%/payment'`,
        [people.neighbour.pn],
      )
    ).rows[0]?.n ?? 0;

  it("the receiver lists what is owed back in the commune, oldest first, with the total", async () => {
    const readsBefore = await feeReadsByReceiver();
    const q = await receiver.send<Queue>("GET", "/api/officer/refunds");
    expect(q.status).toBe(200);
    // Of the two simultaneous transfers of 5,000, whichever came second overpaid.
    const items = q.body.items.map((i) => [
      i.bankRef.replace(/^PAR-000[12]$/, "PAR-*"),
      i.refundAmount,
      i.refundReason,
    ]);
    expect(items).toEqual([
      ["VCB-0002", 2_500, "overpaid"],
      ["VCB-0003", 7_500, "already_paid"],
      ["LATE-0001", 7_500, "dossier_closed"],
      ["LATE-0002", 7_500, "dossier_closed"],
      ["PAR-*", 2_500, "overpaid"],
    ]);
    expect(q.body.total).toBe(5);
    expect(q.body.totalDue).toBe(27_500);
    // Each payer shown is a read of their fee, in their access list: one per dossier listed (4).
    expect((await feeReadsByReceiver()) - readsBefore).toBe(4);
  });

  it("another commune's receiver sees none of it; a specialist may not list it", async () => {
    expect((await otherReceiver.send<Queue>("GET", "/api/officer/refunds")).body).toMatchObject({
      total: 0,
      totalDue: 0,
    });
    expect((await specialist.send<Queue>("GET", "/api/officer/refunds")).status).toBe(403);
    expect((await citizen.send<Queue>("GET", "/api/officer/refunds")).status).toBe(403);
  });

  it("the receiver records a refund; it leaves the queue once; the citizen sees it refunded", async () => {
    const { rows } = await s.db.query<{ id: string; dossier_id: string }>(
      "select id, dossier_id from bank_transfers where bank_ref = 'LATE-0001'",
    );
    const t = rows[0];
    const done = await receiver.send<{ ok: boolean }>("POST", `/api/officer/refunds/${t?.id}`, {
      refundRef: "HT-LATE-0001",
    });
    expect(done).toEqual({ status: 200, body: { ok: true } });
    const again = await receiver.send<{ error: { code: string } }>("POST", `/api/officer/refunds/${t?.id}`, {
      refundRef: "HT-LATE-0001",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("REFUND_NOT_DUE");
    expect((await receiver.send<Queue>("GET", "/api/officer/refunds")).body).toMatchObject({
      total: 4,
      totalDue: 20_000,
    });
    const refunded = await receiver.send<Queue>("GET", "/api/officer/refunds?status=done");
    expect(refunded.body.items.map((i) => i.bankRef)).toEqual(["LATE-0001"]);
    const p = await payment(citizen, t?.dossier_id ?? "");
    expect(p.refundDue).toBe(0);
    expect(p.transfers[0]).toMatchObject({ refundRef: "HT-LATE-0001" });
    expect(
      (await otherReceiver.send("POST", `/api/officer/refunds/${t?.id}`, { refundRef: "X-1" })).status,
    ).toBe(404);
  });
});

describe(`fees by pages and copies, from the tariff (${engine})`, () => {
  const copy = (pages: number, copies: number) => ({
    "document.title": "Bằng tốt nghiệp",
    "document.pages": pages,
    copies,
  });

  it.each([
    [1, 1, 2_000],
    [3, 2, 10_000],
    [250, 2, 400_000],
  ])("certified copy of %i page(s) × %i: %i đồng, and the QR asks for it", async (pages, copies, fee) => {
    const d = await submitted(COPY, copy(pages, copies));
    expect(d.fee).toBe(fee);
    const p = await payment(citizen, d.id);
    expect([p.amount, p.owed, p.vietqr?.amount]).toEqual([fee, fee, fee]);
  });

  it("1.5 copies is refused with a bilingual message; nothing is submitted", async () => {
    const d = await citizen.send<View>("POST", "/api/dossiers", { procedureCode: COPY });
    const r = await citizen.send<View>("POST", `/api/dossiers/${d.body.id}/submit`, { values: copy(3, 1.5) });
    expect(r.status).toBe(400);
    expect(r.body.error?.details).toEqual([
      {
        field: "form.copies",
        messageVi:
          "Số bản sao cần chứng thực: phải là số nguyên, không có phần lẻ (ví dụ 2, không phải 1,5).",
        messageEn: "Number of certified copies: must be a whole number (e.g. 2, not 1.5).",
      },
    ]);
    expect((await view(citizen, d.body.id)).status).toBe("draft");
  });
});

describe(`a part of the fee paid, then the dossier closes (${engine})`, () => {
  it("withdrawn after 5,000 of 7,500: the 5,000 is owed back and in the refund queue", async () => {
    const d = await submitted();
    expect(await transfer(d.paymentId, 5_000, "PART-0001")).toEqual({
      status: 200,
      body: { ok: true, outcome: "partial" },
    });
    const before = (await receiver.send<Queue>("GET", "/api/officer/refunds")).body;
    const w = await citizen.send<View>("POST", `/api/dossiers/${d.id}/actions`, { action: "withdraw" });
    expect(w.status).toBe(200);
    expect(w.body.log.at(-1)).toMatchObject({ type: "withdraw", payload: { refundDue: 5_000 } });
    const p = await payment(citizen, d.id);
    expect(p).toMatchObject({ status: "closed", received: 0, owed: 0, refundDue: 5_000, vietqr: null });
    expect(p.transfers.map(split)).toEqual([["PART-0001", 5_000, 0, 5_000, "dossier_closed"]]);
    const after = (await receiver.send<Queue>("GET", "/api/officer/refunds")).body;
    expect(after.totalDue - before.totalDue).toBe(5_000);
    expect(after.items.find((i) => i.bankRef === "PART-0001")).toMatchObject({
      refundAmount: 5_000,
      refundReason: "dossier_closed",
      dossierCode: d.code,
    });
  });

  it("refused at receipt with nothing paid: nothing is owed back, the log says nothing of money", async () => {
    const d = await submitted();
    const r = await receiver.send<View>("POST", `/api/dossiers/${d.id}/actions`, {
      action: "refuse_receipt",
      reason: "Hồ sơ không thuộc thẩm quyền.",
    });
    expect(r.status).toBe(200);
    expect(r.body.log.at(-1)?.payload ?? {}).not.toHaveProperty("refundDue");
    expect(await payment(citizen, d.id)).toMatchObject({ status: "closed", received: 0, refundDue: 0 });
  });
});

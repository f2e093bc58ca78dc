import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readKeyFile } from "../src/lib/secrets.js";
import { sign } from "../src/modules/payments/index.js";
import { engine } from "./helpers/db.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";
import {
  addSpouseApart,
  fatherInLaw,
  openLegacyPaymentRequest,
  submitSpouseRequest,
  wife,
} from "./helpers/spouse-household.js";

/**
 * Review of issue 14: a spouse's request into a household (1.004222, join_spouse_household) is
 * not asked for its fee before the household's head consents (Law on Residence 2020, Art. 21).
 * Submitted, it has no payment request (the fee reads `awaiting_consent`, the bank finds nothing
 * to pay, no fee receipt; the officer cannot receive the dossier: processing waits for the fee); the head's
 * consent, in the dossier's log as the head's, opens the request for the fee fixed at submission
 * and tells the applicant; a refusal leaves nothing asked nor charged. A dossier filed before that
 * rule, paid and then refused by the head, has its fee owed back. The leader's page counts no
 * head-refused dossier as finished, on time or late (the KPIs' rule).
 */
type Err = { error: { code: string } };
type Payment = {
  amount: number;
  status: string;
  owed: number;
  refundDue: number;
  transfers: Array<{ refundAmount: number; refundReason: string | null }>;
  vietqr: { amount: number } | null;
  demoBankUrl: string | null;
  receiptUrl: string | null;
};
type Log = { type: string; role: string; actorId: string; payload: Record<string, unknown> };
type View = {
  id: string;
  code: string;
  status: string;
  feeAmount: number;
  decidedAt: string | null;
  log: Log[];
};
type Overview = {
  today: { finished: number };
  onTimeShareThisMonth: { finished: number; onTime: number; share: number | null };
};

let s: TestServer;
const as: Record<string, Browser> = {};
const b = (login: string) => as[login] as Browser;
beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  await addSpouseApart(s.db);
  for (const login of [wife.pn, fatherInLaw.pn, "motcua.20197", "chuyenvien.20197", "lanhdao.20197"]) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
});
afterAll(async () => s?.close());

const file = () => submitSpouseRequest<View>(b(wife.pn));
const act = async (who: string, id: string, action: string) => {
  const r = await b(who).send("POST", `/api/dossiers/${id}/actions`, { action });
  expect(r.status, `${who} ${action} ${JSON.stringify(r.body)}`).toBe(200);
};
const fee = async (who: string, id: string) =>
  (await b(who).send<Payment>("GET", `/api/dossiers/${id}/payment`)).body;
const requests = async (id: string) =>
  (await s.db.query<{ amount: number }>("select amount from payments where dossier_id = $1", [id])).rows;
const view = async (who: string, id: string) => (await b(who).send<View>("GET", `/api/dossiers/${id}`)).body;
const payAtBank = async (id: string) => {
  const p = await fee(wife.pn, id);
  expect(p.status).toBe("unpaid");
  expect((await b(wife.pn).fetch(p.demoBankUrl ?? "", { method: "POST" })).status).toBe(303);
};
/** A genuine (signed) transfer naming the dossier by its transfer content, as a citizen's bank would. */
const transfer = async (code: string, amount: number, bankRef: string) => {
  const body = JSON.stringify({ content: code, amount, bankRef });
  const key = readKeyFile(path.join(s.tdb.dataDir, "keys.json")).bankCallback ?? "";
  const r = await fetch(`${s.baseUrl}/api/payments/demo-bank/callback`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-bank-signature": sign(key, body) },
    body,
  });
  return {
    status: r.status,
    body: (await r.json()) as { error?: { details?: Array<{ messageEn: string }> } },
  };
};
const overview = async () => (await b("lanhdao.20197").send<Overview>("GET", "/api/leader/overview")).body;
const listed = async (figure: string) =>
  (
    await b("lanhdao.20197").send<{ items: Array<{ id: string }> }>(
      "GET",
      `/api/leader/overview/dossiers?figure=${figure}&limit=200`,
    )
  ).body.items.map((i) => i.id);

describe(`a spouse's request: the fee waits for the head's consent (${engine})`, () => {
  let before: Overview;
  it("before the consent: no payment request, nothing to pay (citizen, officer, bank), no receipt", async () => {
    before = await overview();
    const d = await file();
    expect(d.feeAmount).toBe(10_000);
    expect(await requests(d.id)).toEqual([]);
    const mine = await fee(wife.pn, d.id);
    expect(mine).toMatchObject({
      amount: 10_000,
      status: "awaiting_consent",
      owed: 0,
      vietqr: null,
      demoBankUrl: null,
    });
    expect((await fee("motcua.20197", d.id)).status).toBe("awaiting_consent");
    expect((await b(wife.pn).send("GET", `/api/dossiers/${d.id}/payment/receipt`)).status).toBe(404);
    // A transfer naming the dossier finds no payment request: refused, nothing recorded.
    const t = await transfer(d.code, 10_000, "EARLY0001");
    expect(t.status).toBe(400);
    expect(t.body.error?.details?.[0]?.messageEn).toContain("unknown_payment");
    expect((await s.db.query("select 1 from bank_transfers where dossier_id = $1", [d.id])).rows).toEqual([]);
    // Processing waits for the fee, so for the consent.
    const r = await b("motcua.20197").send<Err>("POST", `/api/dossiers/${d.id}/actions`, {
      action: "receive",
    });
    expect(r.status).toBe(402);
    expect(r.body.error.code).toBe("PAYMENT_REQUIRED");

    // The head consents: the request opens for the fee fixed at submission; the applicant is told.
    expect((await b(fatherInLaw.pn).send("POST", `/api/dossiers/${d.id}/head-consent`)).status).toBe(200);
    expect(await requests(d.id)).toEqual([{ amount: 10_000 }]);
    expect(await fee(wife.pn, d.id)).toMatchObject({
      status: "unpaid",
      owed: 10_000,
      vietqr: { amount: 10_000 },
    });
    const consent = (await view(wife.pn, d.id)).log.at(-1) as Log;
    expect(consent).toMatchObject({
      type: "head_consent",
      role: "system",
      actorId: "head-of-household",
      payload: { headConsent: { by: fatherInLaw.pn }, headName: fatherInLaw.name, feeDue: 10_000 },
    });
    const notes = await b(wife.pn).send<{
      items: Array<{ dossierId: string; textVi: string; textEn: string }>;
    }>("GET", "/api/me/notifications");
    const told = notes.body.items.find((n) => n.dossierId === d.id && n.textVi.includes("đã đồng ý"));
    expect(told?.textVi).toContain(`Chủ hộ ${fatherInLaw.name} đã đồng ý`);
    expect(told?.textVi).toContain("Mời bạn nộp lệ phí 10.000");
    expect(told?.textEn).toContain("Please pay the fee of 10,000 VND");

    // Paid online, then processed: finished on time, counted by the leader's page.
    await payAtBank(d.id);
    expect((await fee(wife.pn, d.id)).receiptUrl).toBeTruthy();
    for (const [who, action] of [
      ["motcua.20197", "receive"],
      ["chuyenvien.20197", "forward"],
      ["lanhdao.20197", "approve"],
      ["lanhdao.20197", "issue_result"],
    ] as const)
      await act(who, d.id, action);
    const after = await overview();
    expect(after.today.finished).toBe(before.today.finished + 1);
    expect(after.onTimeShareThisMonth.finished).toBe(before.onTimeShareThisMonth.finished + 1);
    expect(after.onTimeShareThisMonth.onTime).toBe(before.onTimeShareThisMonth.onTime + 1);
    before = after;
  });

  it("the head refuses before consenting: no payment request was ever opened, nothing charged", async () => {
    const d = await file();
    const r = await b(fatherInLaw.pn).send("POST", `/api/dossiers/${d.id}/head-refusal`, {
      reason: "Không.",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await requests(d.id)).toEqual([]);
    expect(await fee(wife.pn, d.id)).toMatchObject({
      status: "closed",
      owed: 0,
      refundDue: 0,
      transfers: [],
      vietqr: null,
      demoBankUrl: null,
      receiptUrl: null,
    });
    expect((await fee("motcua.20197", d.id)).status).toBe("closed");
    expect((await b(wife.pn).send("GET", `/api/dossiers/${d.id}/payment/receipt`)).status).toBe(404);
    expect((await transfer(d.code, 10_000, "LATE0001")).status).toBe(400);
    expect(await overview()).toEqual(before);
  });

  it("filed before the rule, paid, then refused by the head: the fee is owed back; the leader's page does not count it", async () => {
    const d = await file();
    await openLegacyPaymentRequest(s.db, d.id);
    await payAtBank(d.id);
    await act("motcua.20197", d.id, "receive");
    await act("chuyenvien.20197", d.id, "forward");
    // Approved only once the head consents.
    const approve = await b("lanhdao.20197").send<Err>("POST", `/api/dossiers/${d.id}/actions`, {
      action: "approve",
    });
    expect(approve.status).toBe(409);
    expect(approve.body.error.code).toBe("HEAD_CONSENT_WAITING");
    const r = await b(fatherInLaw.pn).send("POST", `/api/dossiers/${d.id}/head-refusal`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const v = await view("chuyenvien.20197", d.id);
    expect(v.status).toBe("refused");
    expect(v.log.at(-1)).toMatchObject({
      type: "refuse",
      actorId: "head-of-household",
      payload: { headName: fatherInLaw.name, refundDue: 10_000 },
    });
    expect(await fee(wife.pn, d.id)).toMatchObject({
      status: "paid",
      refundDue: 10_000,
      transfers: [{ refundAmount: 10_000, refundReason: "dossier_closed" }],
    });
    const queue = await b("motcua.20197").send<{ items: Array<{ dossierId: string; refundAmount: number }> }>(
      "GET",
      "/api/officer/refunds",
    );
    expect(queue.body.items.filter((i) => i.dossierId === d.id).map((i) => i.refundAmount)).toEqual([10_000]);
    // Received and decided in the projection, yet no decision of the agency: as in the KPIs, not
    // received, finished, on time or late.
    const { rows } = await s.db.query<{ decided: Date | null }>(
      "select decided_at as decided from dossiers where id = $1",
      [d.id],
    );
    expect(rows[0]?.decided).not.toBeNull();
    expect(await overview()).toEqual(before);
    for (const figure of ["received", "finished", "finishedThisMonth", "onTimeThisMonth"])
      expect(await listed(figure)).not.toContain(d.id);
  });
});

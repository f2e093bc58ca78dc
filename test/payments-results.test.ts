import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readKeyFile } from "../src/lib/secrets.js";
import { sign } from "../src/modules/payments/index.js";
import { engine } from "./helpers/db.js";
import { MARITAL, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

type View = { id: string; code: string; status: string; error?: { code: string } };
type Payment = { status: string; amount: number; owed: number; received: number; demoBankUrl: string | null };

let s: TestServer;
const bankKey = () => readKeyFile(path.join(s.tdb.dataDir, "keys.json")).bankCallback ?? "";
let citizen: Browser;
let receiver: Browser;
let leader: Browser;
let id = "";
let paymentId = "";
beforeAll(async () => {
  s = await startTestServer();
  citizen = new Browser(s.baseUrl);
  await citizen.signIn(people.father.pn);
  receiver = new Browser(s.baseUrl);
  await receiver.signIn("motcua.20194");
  leader = new Browser(s.baseUrl);
  await leader.signIn("lanhdao.20194");
  const created = await citizen.send<View>("POST", "/api/dossiers", { procedureCode: MARITAL.code });
  id = created.body.id;
  await citizen.send<View>("POST", `/api/dossiers/${id}/submit`, { values: MARITAL.values });
  const { rows } = await s.db.query<{ id: string }>("select id from payments where dossier_id = $1", [id]);
  paymentId = rows[0]?.id ?? "";
});
afterAll(async () => s?.close());

async function callback(body: Record<string, unknown>, signature: string) {
  const raw = JSON.stringify(body);
  return fetch(`${s.baseUrl}/api/payments/demo-bank/callback`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-bank-signature": signature },
    body: raw,
  });
}

async function state() {
  const p = await s.db.query<{ status: string }>("select status from payments where id = $1", [paymentId]);
  const a = await s.db.query<{ n: number }>(
    "select count(*)::int as n from dossier_actions where dossier_id = $1 and action = 'record_payment'",
    [id],
  );
  return { status: p.rows[0]?.status, recorded: a.rows[0]?.n };
}

async function lastOutcome() {
  const { rows } = await s.db.query<{ outcome: string }>(
    "select outcome from payment_callbacks order by id desc limit 1",
  );
  return rows[0]?.outcome;
}

describe(`fees: forged bank callbacks change nothing and are logged (${engine})`, () => {
  it("the fee owed carries the online discount: 15,000 đồng less 50% = 7,500", async () => {
    const p = await citizen.send<Payment>("GET", `/api/dossiers/${id}/payment`);
    expect(p.body).toMatchObject({ status: "unpaid", amount: 7_500, owed: 7_500, received: 0 });
  });

  it.each([
    [
      "a bad signature",
      async (body: Record<string, unknown>) => callback(body, "00".repeat(32)),
      "bad_signature",
    ],
    [
      "a body signed with another key",
      async (body: Record<string, unknown>) => callback(body, sign("not-the-bank", JSON.stringify(body))),
      "bad_signature",
    ],
    [
      "an amount of 0 đồng, signed",
      async (body: Record<string, unknown>) => {
        const odd = { ...body, amount: 0 };
        return callback(odd, sign(bankKey(), JSON.stringify(odd)));
      },
      "bad_request",
    ],
    [
      "a fraction of a đồng, signed",
      async (body: Record<string, unknown>) => {
        const odd = { ...body, amount: 7_500.5 };
        return callback(odd, sign(bankKey(), JSON.stringify(odd)));
      },
      "bad_request",
    ],
  ])("%s → refused, unpaid, logged", async (_name, send, outcome) => {
    const { rows } = await s.db.query<{ amount: number }>("select amount from payments where id = $1", [
      paymentId,
    ]);
    const res = await send({ paymentId, amount: rows[0]?.amount, bankRef: "FORGED-1" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("PAYMENT_REJECTED");
    expect(await state()).toEqual({ status: "unpaid", recorded: 0 });
    expect(await lastOutcome()).toBe(outcome);
  });

  it("a genuine confirmation is recorded once; its replay changes nothing and is logged", async () => {
    const { rows } = await s.db.query<{ amount: number }>("select amount from payments where id = $1", [
      paymentId,
    ]);
    const body = { paymentId, amount: rows[0]?.amount, bankRef: "BANK-REF-0001" };
    const signature = sign(bankKey(), JSON.stringify(body));
    expect((await callback(body, signature)).status).toBe(200);
    expect(await state()).toEqual({ status: "paid", recorded: 1 });
    const replay = await callback(body, signature);
    expect(replay.status).toBe(200);
    expect(await state()).toEqual({ status: "paid", recorded: 1 });
    expect(await lastOutcome()).toBe("replay");
  });
});

describe(`electronic result: download, verify, tamper, rate (${engine})`, () => {
  let pdf: Buffer;
  let number = "";
  let token = "";

  it("the officers process it and the leader issues a signed PDF result", async () => {
    for (const [who, action] of [
      [receiver, "receive"],
      [receiver, "forward"],
      [leader, "approve"],
      [leader, "issue_result"],
    ] as const) {
      const r = await who.send<View>("POST", `/api/dossiers/${id}/actions`, { action });
      expect(r.status).toBe(200);
    }
    const meta = await citizen.send<{ number: string; downloadUrl: string; verifyUrl: string }>(
      "GET",
      `/api/dossiers/${id}/result`,
    );
    number = meta.body.number;
    expect(number).toMatch(/^KQ-UB\.20194\.H48-/);
    // The QR link carries the number and its verification code (16 base64url characters).
    expect(meta.body.verifyUrl).toMatch(
      new RegExp(
        `^${s.baseUrl}/xac-minh/${encodeURIComponent(number).replace(/\./g, "\\.")}\\?t=[A-Za-z0-9_-]{16}$`,
      ),
    );
    token = new URL(meta.body.verifyUrl).searchParams.get("t") ?? "";
    const res = await citizen.fetch(meta.body.downloadUrl);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("anyone can verify it by number: the bare number says genuine and the type; with the QR code, the masked holder too", async () => {
    type Checked = {
      valid: boolean;
      nameVi?: string;
      holderName?: string;
      issuer?: string;
      reasonEn?: string;
    };
    const check = async (query: string) =>
      (await (
        await fetch(`${s.baseUrl}/api/results/${encodeURIComponent(number)}${query}`)
      ).json()) as Checked;
    const wrong = token.startsWith("A") ? `B${token.slice(1)}` : `A${token.slice(1)}`;
    const cases: Array<[string, string, Record<string, unknown>, string[]]> = [
      [
        "the bare number",
        "",
        { valid: true, nameVi: expect.any(String) },
        ["holderName", "issuer", "issuedAt", "sha256"],
      ],
      [
        "number and QR code",
        `?t=${token}`,
        { valid: true, holderName: "N*** V** A*", issuer: expect.any(String) },
        [],
      ],
      [
        "a code of another number",
        `?t=${wrong}`,
        { valid: false, reasonEn: "The verification code does not match this document number." },
        ["holderName"],
      ],
    ];
    for (const [, query, shown, hidden] of cases) {
      const body = await check(query);
      expect(body).toMatchObject(shown);
      for (const k of hidden) expect(body).not.toHaveProperty(k);
    }
    const byFile = await fetch(`${s.baseUrl}/api/results/verify`, {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: new Uint8Array(pdf),
    });
    expect(((await byFile.json()) as { valid: boolean; number: string }).valid).toBe(true);
  });

  it("a PDF altered by one byte fails verification with a clear message", async () => {
    const altered = Buffer.from(pdf);
    const i = Math.floor(altered.length / 2);
    altered[i] = (altered[i] ?? 0) ^ 0x01;
    const res = await fetch(`${s.baseUrl}/api/results/verify`, {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: new Uint8Array(altered),
    });
    const body = (await res.json()) as { valid: boolean; reasonVi: string; reasonEn: string };
    expect(body.valid).toBe(false);
    expect(body.reasonVi).toContain("sửa đổi");
    expect(body.reasonEn).toContain("altered");
  });

  it("another citizen cannot download it", async () => {
    const other = new Browser(s.baseUrl);
    await other.signIn(people.neighbour.pn);
    expect((await other.fetch(`/api/dossiers/${id}/result.pdf`)).status).toBe(404);
  });

  it("after the result is returned the citizen rates the service once", async () => {
    const early = await citizen.send<View>("POST", `/api/dossiers/${id}/rating`, { score: 5 });
    expect(early.status).toBe(409);
    await receiver.send<View>("POST", `/api/dossiers/${id}/actions`, { action: "return_result" });
    const rated = await citizen.send<View>("POST", `/api/dossiers/${id}/rating`, {
      score: 5,
      comment: "Nhanh, không phải đi lại.",
    });
    expect(rated.status).toBe(201);
    expect((await citizen.send<View>("POST", `/api/dossiers/${id}/rating`, { score: 1 })).status).toBe(409);
    const bad = await citizen.send<View>("POST", `/api/dossiers/${id}/rating`, { score: 6 });
    expect(bad.status).toBe(400);
  });

  it("the citizen was notified of each step, in the app and through the outbox, the procedure named", async () => {
    // The code and the due date follow from the test clock (received Wednesday 2026-11-04).
    const code = "UB.20194.H48-261104-0001";
    const named = `“Cấp giấy xác nhận tình trạng hôn nhân” (mã ${code})`;
    const expected = [
      `Hồ sơ ${named} đã được nộp. Cơ quan giải quyết sẽ kiểm tra và tiếp nhận.`,
      `Đã nhận thanh toán phí cho hồ sơ ${named}.`,
      `Hồ sơ ${named} đã được tiếp nhận. Hẹn trả kết quả trước 17 giờ 00 phút, ngày 09/11/2026.`,
      `Hồ sơ ${named} đã được phê duyệt.`,
      `Đã có kết quả điện tử của hồ sơ ${named}.`,
      `Kết quả hồ sơ ${named} đã được trả.`,
    ];
    // Every notice, the submission's included, is a `notify.citizen` message of the dossier's key,
    // in the order the actions happened.
    await s.drain();
    const { rows } = await s.db.query<{ text: string }>(
      "select payload->>'textVi' as text from outbox where topic = 'notify.citizen' and key = $1 order by id",
      [`notify:${id}`],
    );
    expect(rows.map((r) => r.text)).toEqual(expected);
    const n = await citizen.send<{ items: Array<{ textVi: string }> }>("GET", "/api/me/notifications");
    expect(n.body.items.map((x) => x.textVi).sort()).toEqual([...expected].sort());
  });
});

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { minimalPdf } from "./helpers/files.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Every document the platform signs is verified the same way (issue 14, point 6): the fee receipt
 * carries its QR code and number, the public verification knows it by number (any letter case)
 * and by file; the result's signature block names the approving officer and has "Nơi nhận"; the
 * citizen's phone is not printed on the result.
 */
type View = { id: string; code: string | null; status: string };
type Checked = {
  valid: boolean;
  number?: string;
  kind?: string;
  nameVi?: string;
  holderName?: string;
  amount?: number;
  dossierCode?: string;
  procedureVi?: string;
  issuer?: string;
  reasonVi?: string;
  reasonEn?: string;
  notVerifiedHere?: boolean;
};

const CODE = "LOCAL.DK-TAM-TRU";
const PHONE = "0905123456";
let s: TestServer;
let worker: Browser;
let receiver: Browser;
let specialist: Browser;
let leader: Browser;
let id = "";
let dossierCode = "";
let receipt: Buffer;
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

/** The text of a PDF, as poppler's pdftotext reads it. */
function pdfText(bytes: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pdftext-")), "d.pdf");
  fs.writeFileSync(file, bytes);
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
}

const byNumber = async (number: string, token?: string) =>
  (await (
    await fetch(
      `${s.baseUrl}/api/results/${encodeURIComponent(number)}${token ? `?t=${encodeURIComponent(token)}` : ""}`,
    )
  ).json()) as Checked;

const byFile = async (bytes: Buffer) => {
  const res = await fetch(`${s.baseUrl}/api/results/verify`, {
    method: "POST",
    headers: { "content-type": "application/pdf" },
    body: new Uint8Array(bytes),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Checked;
};

const oneByteChanged = (bytes: Buffer) => {
  const altered = Buffer.from(bytes);
  const i = Math.floor(altered.length / 2);
  altered[i] = (altered[i] ?? 0) ^ 0x01;
  return altered;
};

describe(`signed documents: the fee receipt verified like a result (${engine})`, () => {
  it("a temporary residence registration is filed and its fee paid at the demo bank", async () => {
    const created = await worker.send<View>("POST", "/api/dossiers", {
      procedureCode: CODE,
      communeCode: "20194",
    });
    id = created.body.id;
    const up = await worker.fetch(`/api/dossiers/${id}/components/lawfulResidenceProof`, {
      method: "PUT",
      headers: {
        "content-type": "application/pdf",
        "x-filename": "hop-dong.pdf",
        "x-csrf-token": await worker.csrf(),
      },
      body: new Uint8Array(minimalPdf()),
    });
    expect(up.status).toBe(201);
    const submitted = await worker.send<View>("POST", `/api/dossiers/${id}/submit`, {
      values: {
        "stay.commune": "20194",
        "stay.address": "Phòng 3, nhà trọ số 12, đường Hoàng Văn Thái",
        "stay.until": "2027-06-30",
        "host.fullName": "Nguyễn Văn An",
        "host.personalNumber": people.father.pn,
        "host.relationship": "Người thuê trọ",
        "host.consent": true,
      },
    });
    expect(submitted.body.status).toBe("submitted");
    dossierCode = submitted.body.code ?? "";
    const pay = await worker.send<{ demoBankUrl: string }>("GET", `/api/dossiers/${id}/payment`);
    expect((await worker.fetch(pay.body.demoBankUrl, { method: "POST" })).status).toBe(303);
  });

  it("the receipt carries its number and the verification QR link; the same file every time", async () => {
    const paid = await worker.send<{ status: string; receiptUrl: string }>(
      "GET",
      `/api/dossiers/${id}/payment`,
    );
    expect(paid.body.status).toBe("paid");
    receipt = Buffer.from(await (await worker.fetch(paid.body.receiptUrl)).arrayBuffer());
    const again = Buffer.from(await (await worker.fetch(paid.body.receiptUrl)).arrayBuffer());
    expect(again.equals(receipt)).toBe(true);
    const text = pdfText(receipt);
    expect(text).toContain(`BL-${dossierCode}`);
    expect(text).toContain("Nơi nhận:");
    expect(text).toMatch(/xac-minh\/BL-/);
  });

  it("verified by number: the bare number says genuine and 'fee receipt'; with the QR code, payer masked, amount, procedure, dossier", async () => {
    const number = `BL-${dossierCode}`;
    expect(await byNumber(number)).toMatchObject({
      valid: true,
      kind: "fee_receipt",
      nameVi: "Biên lai thu phí, lệ phí",
    });
    const bare = await byNumber(number);
    expect(bare).not.toHaveProperty("holderName");
    expect(bare).not.toHaveProperty("amount");
    // The QR link's code, read from the receipt's own text (the address printed beside the QR code).
    const link = /xac-minh\/\S+\?t=([A-Za-z0-9_-]{16})/.exec(pdfText(receipt).replace(/\s*\n\s*/g, ""));
    const token = link?.[1] ?? "";
    expect(token).toHaveLength(16);
    const { rows } = await s.db.query<{ amount: number }>(
      "select amount from payments where dossier_id = $1",
      [id],
    );
    expect(await byNumber(number, token)).toMatchObject({
      valid: true,
      kind: "fee_receipt",
      number,
      holderName: "P*** V** E*",
      amount: rows[0]?.amount,
      dossierCode,
      procedureVi: "Đăng ký tạm trú",
      issuer: expect.stringContaining("Công an"),
    });
  });

  it("verified by file: the genuine receipt is accepted, one changed byte is refused", async () => {
    expect(await byFile(receipt)).toMatchObject({
      valid: true,
      kind: "fee_receipt",
      number: `BL-${dossierCode}`,
      dossierCode,
    });
    const altered = await byFile(oneByteChanged(receipt));
    expect(altered.valid).toBe(false);
    expect(altered.reasonVi).toContain("sửa đổi");
    expect(altered.reasonEn).toContain("altered");
  });

  it("codes match in any letter case, spaces trimmed", async () => {
    expect(await byNumber(`  bl-${dossierCode.toLowerCase()} `)).toMatchObject({
      valid: true,
      number: `BL-${dossierCode}`,
    });
  });

  it("a dossier code is not called forged: that kind of document is not verified here", async () => {
    const r = await byNumber(dossierCode);
    expect(r).toMatchObject({ valid: false, notVerifiedHere: true });
    expect(r.reasonVi).toContain("không được xác minh ở đây");
    expect(r.reasonEn).toContain("not verified here");
    expect(await byNumber(`BL-${dossierCode}9`)).toMatchObject({
      valid: false,
      reasonEn: "No document issued by Một Lần bears this number.",
    });
  });
});

describe(`the result's signature block and data minimisation (${engine})`, () => {
  let result: Buffer;
  let number = "";

  it("the officers process it and the leader issues the signed result", async () => {
    for (const [who, action] of [
      [receiver, "receive"],
      [specialist, "forward"],
      [leader, "approve"],
      [leader, "issue_result"],
    ] as const) {
      expect((await who.send<View>("POST", `/api/dossiers/${id}/actions`, { action })).status).toBe(200);
    }
    const meta = await worker.send<{ number: string; downloadUrl: string }>(
      "GET",
      `/api/dossiers/${id}/result`,
    );
    number = meta.body.number;
    result = Buffer.from(await (await worker.fetch(meta.body.downloadUrl)).arrayBuffer());
  });

  it("names the approving officer under the signature, has 'Nơi nhận', and no phone number", async () => {
    const { rows } = await s.db.query<{ name: string }>(
      "select full_name as name from officers where username = 'lanhdao.20194'",
    );
    const officer = rows[0]?.name ?? "";
    expect(officer.length).toBeGreaterThan(3);
    const text = pdfText(result);
    expect(text).toContain(officer);
    expect(text).toContain("Nơi nhận:");
    expect(text).toContain(`Ông/Bà ${people.worker.name};`);
    expect(text).toMatch(/Lưu: VT, Công an phường/);
    expect(text.replace(/\s/g, "")).not.toContain(PHONE);
    expect(text).not.toContain("Số điện thoại");
  });

  it("the result number is verified in lower case too", async () => {
    expect(await byNumber(number.toLowerCase())).toMatchObject({ valid: true, number });
    expect(await byFile(result)).toMatchObject({ valid: true, number });
  });
});

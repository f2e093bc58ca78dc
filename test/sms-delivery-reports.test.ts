import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * SMS delivery status from the gateway's delivery reports (issue 11 point 4): a gateway on
 * 127.0.0.1 accepts the SMS ("sent"), then calls back, authenticated by its token, to say
 * delivered or failed; the citizen and the officer read the status with the dossier. A report
 * without the token, or naming no SMS, changes nothing; a late contrary report does not undo a
 * final status.
 */
type Item = { channel: string; event: string; status: string; error: string | null };
const TOKEN = "callback-token-0123456789";
const references: string[] = [];
let submissionReferences: string[] = [];
let gateway: http.Server;
let s: TestServer;
let mother: Browser;
let receiver: Browser;
let id = "";

beforeAll(async () => {
  gateway = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      references.push((JSON.parse(body) as { reference: string }).reference);
      res.writeHead(202, { "content-type": "application/json" });
      res.end('{"status":"accepted"}');
    });
  });
  await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", r));
  s = await startTestServer(
    {
      SMS_GATEWAY_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
      SMS_GATEWAY_CALLBACK_TOKEN: TOKEN,
    },
    { delivery: "manual" },
  );
  mother = new Browser(s.baseUrl);
  await mother.signIn(people.mother.pn);
  receiver = new Browser(s.baseUrl);
  await receiver.signIn("motcua.20194");
  const created = await mother.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.001193" });
  id = created.body.id;
  expect((await mother.send("POST", `/api/dossiers/${id}/submit`, { values: BIRTH_VALUES })).status).toBe(
    200,
  );
  // The submission's own SMS goes first; these tests follow the later ones (receive, supplement).
  await s.drain();
  await s.drain();
  submissionReferences = references.splice(0);
  expect((await receiver.send("POST", `/api/dossiers/${id}/actions`, { action: "receive" })).status).toBe(
    200,
  );
  await s.drain();
  await s.drain();
}, 120_000);
afterAll(async () => {
  await s?.close();
  await new Promise<void>((r) => gateway?.close(() => r()));
});

const sms = async (who: Browser) => {
  const r = await who.send<{ items: Item[] }>("GET", `/api/dossiers/${id}/notifications`);
  expect(r.status).toBe(200);
  return r.body.items
    .filter((n) => n.channel === "sms" && n.event !== "submit")
    .map((n) => [n.event, n.status, n.error]);
};
const report = (body: unknown, token: string | null = TOKEN) =>
  fetch(`${s.baseUrl}/api/sms/delivery-reports`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { "x-sms-gateway-token": token } : {}) },
    body: JSON.stringify(body),
  });

describe(`SMS delivery reports from the gateway (${engine})`, () => {
  it("accepted by the gateway: sent, for the citizen and the officer alike", async () => {
    expect(submissionReferences).toHaveLength(1);
    const all = await mother.send<{ items: Item[] }>("GET", `/api/dossiers/${id}/notifications`);
    expect(
      all.body.items.filter((n) => n.channel === "sms" && n.event === "submit").map((n) => n.status),
    ).toEqual(["sent"]);
    expect(references).toHaveLength(1);
    expect(references[0]).toMatch(/^48-\d+$/);
    expect(await sms(mother)).toEqual([["receive", "sent", null]]);
    expect(await sms(receiver)).toEqual([["receive", "sent", null]]);
  });

  it("a report without the token, or with another, is refused and changes nothing", async () => {
    const reference = references[0];
    const none = await report({ reference, status: "delivered" }, null);
    expect(none.status).toBe(401);
    const wrong = await report({ reference, status: "delivered" }, "another-token-0123456789");
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    expect(await sms(mother)).toEqual([["receive", "sent", null]]);
  });

  it("a report naming no SMS sent is not found; a malformed one is a 400 with a stable code", async () => {
    expect((await report({ reference: "48-999999", status: "delivered" })).status).toBe(404);
    const bad = await report({ reference: "không phải", status: "đã nhận" });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; messageVi: string; messageEn: string } };
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.messageVi.length).toBeGreaterThan(0);
  });

  it("delivered: the citizen and the officer read delivered; a later 'failed' does not undo it", async () => {
    const reference = references[0];
    const r = await report({ reference, status: "delivered" });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: "delivered", changed: true });
    expect(await sms(mother)).toEqual([["receive", "delivered", null]]);
    expect(await sms(receiver)).toEqual([["receive", "delivered", null]]);
    const late = await report({ reference, status: "failed", error: "handset unreachable" });
    expect(await late.json()).toEqual({ status: "delivered", changed: false });
    expect(await sms(mother)).toEqual([["receive", "delivered", null]]);
  });

  it("failed: the next SMS reported undelivered shows failed with the gateway's reason", async () => {
    const r = await receiver.send("POST", `/api/dossiers/${id}/actions`, {
      action: "request_supplement",
      reason: "Bổ sung ảnh giấy chứng sinh rõ nét.",
    });
    expect(r.status).toBe(200);
    await s.drain();
    await s.drain();
    expect(references).toHaveLength(2);
    const failed = await report({ reference: references[1], status: "failed", error: "handset unreachable" });
    expect(await failed.json()).toEqual({ status: "failed", changed: true });
    expect(await sms(receiver)).toEqual([
      ["receive", "delivered", null],
      ["request_supplement", "failed", "handset unreachable"],
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { registerDeath } from "./helpers/death-group.js";
import { startDeathGroupServer } from "./helpers/journey.js";
import type { Browser, TestServer } from "./helpers/server.js";
import { startSmsGateway } from "./helpers/sinks.js";

/**
 * What the citizen is told of a linked step the platform starts and receives itself (issue 12,
 * review points 1 and 2): per dossier, "filed" before "received", and a step whose limit no law
 * sets (the death group's `confirmed: false`) is never given an appointment.
 */
type Step = { key: string; dossierId: string | null; status: string | null };
let s: TestServer;
let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
const as: Record<string, Browser> = {};
beforeAll(async () => {
  gateway = await startSmsGateway();
  const started = await startDeathGroupServer({
    SMS_GATEWAY_URL: gateway.url,
    SMS_GATEWAY_TOKEN: "gateway-token",
  });
  s = started.s;
  Object.assign(as, started.as);
  expect(
    (await b("father").send("PUT", "/api/me/contact", { phone: "0912345678", email: "an.nguyen@example.vn" }))
      .status,
  ).toBe(200);
}, 120_000);
afterAll(async () => {
  await s?.close();
  await gateway?.close();
});
const b = (who: string) => as[who] as Browser;

describe(`an auto-received linked step's notifications (${engine})`, () => {
  it("filed before received, in delivery order; its unconfirmed limit is only an expected day", async () => {
    const filed = await b("father").send<{ id: string }>("POST", "/api/linked-applications", {
      group: "death",
      members: ["deregistration"],
      shared: { "declaration.sworn": true },
      values: {},
    });
    expect(filed.status).toBe(201);
    const steps = async () =>
      (await b("father").send<{ steps: Step[] }>("GET", `/api/linked-applications/${filed.body.id}`)).body
        .steps;
    const death = (await steps()).find((x) => x.key === "death")?.dossierId as string;
    await registerDeath(b, s, death);
    const dereg = (await steps()).find((x) => x.key === "deregistration") as Step;
    expect(dereg.status).toBe("received");
    // The SMS of that one dossier, in the order they were delivered.
    const rows = await s.db.query<{ event: string; text: string }>(
      `select n.event, n.text_vi as text from notifications n
       join outbox o on o.province_code = n.province_code and o.id = n.message_id
       where n.dossier_id = $1 and n.channel = 'sms' order by o.delivered_at, o.id`,
      [dereg.dossierId],
    );
    expect(rows.rows.map((r) => r.event)).toEqual(["submit", "receive"]);
    expect(rows.rows[0]?.text).toMatch(/đã được nộp/);
    const receipt = rows.rows[1]?.text ?? "";
    expect(receipt).toMatch(
      /đã được tiếp nhận\. Dự kiến giải quyết xong trước \d{2} giờ \d{2} phút, ngày \d{2}\/\d{2}\/\d{4}\.$/,
    );
    expect(receipt).not.toMatch(/Hẹn trả/);
    // The gateway got them in that order too.
    const texts = gateway.sms.map((m) => JSON.stringify(m));
    const submitted = texts.findIndex((t) => t.includes("đã được nộp") && t.includes("Xóa đăng ký"));
    const received = texts.findIndex((t) => t.includes("Dự kiến giải quyết") && t.includes("Xóa đăng ký"));
    expect(submitted).toBeGreaterThanOrEqual(0);
    expect(received).toBeGreaterThan(submitted);
    // In the portal too (newest first): no appointment for that step.
    const mine = await b("father").send<{ items: Array<{ dossierId: string; textVi: string }> }>(
      "GET",
      "/api/me/notifications",
    );
    const portal = mine.body.items.filter((n) => n.dossierId === dereg.dossierId);
    expect(portal.map((n) => n.textVi).join("\n")).not.toMatch(/Hẹn trả/);
  });
});

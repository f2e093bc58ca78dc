import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "../src/modules/delivery/index.js";
import { engine } from "./helpers/db.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * The administrator's side of delivery over HTTP: a message that failed every attempt is dead,
 * listed with its last error, retried (and then delivered) or discarded with a reason, both in
 * the audit log; /metrics and /readyz tell how the queue is doing.
 */
let s: TestServer;
let admin: Browser;
let broken = true;
const applied: number[] = [];

beforeAll(async () => {
  s = await startTestServer(
    {
      OUTBOX_MAX_ATTEMPTS: "3",
      OUTBOX_RETRY_BASE_SECONDS: "0.001",
      OUTBOX_RETRY_MAX_SECONDS: "0.002",
      METRICS_TOKEN: "prometheus-scrape-token-48",
    },
    { delivery: "manual" },
  );
  s.app.delivery.registerHandler("test.registry", async (_q, m) => {
    if (broken) throw new Error("registry endpoint refused: 502 Bad Gateway");
    applied.push(m.id);
  });
  admin = new Browser(s.baseUrl);
  await admin.signIn("admin");
});
afterAll(async () => s?.close());

const send = (key: string, extra: Record<string, unknown> = {}) =>
  s.db.tx((q) =>
    enqueue(q, {
      topic: "test.registry",
      key,
      payload: {},
      provinceCode: "48",
      at: s.now(),
      dossierCode: `UB.20194.H48-261104-${key}`,
      ...extra,
    }),
  );
/** Drains until nothing is left to try now (the backoff here is a millisecond or two). */
async function drainAll() {
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 5));
    const r = await s.app.delivery.drainOnce();
    if (r.delivered + r.failed + r.dead === 0) return;
  }
}
type List = {
  items: Array<{
    id: number;
    provinceCode: string;
    topic: string;
    dossierCode: string | null;
    view: string;
    attempts: number;
    lastError: string | null;
    nextAttemptAt: string | null;
  }>;
  total: number;
  counts: Record<string, number>;
};

describe(`delivery administration (${engine})`, () => {
  let dead = 0;
  let other = 0;

  it("after the last attempt the message is dead and listed with its last error", async () => {
    dead = await send("0001");
    other = await send("0002");
    await drainAll();
    const r = await admin.send<List>("GET", "/api/admin/outbox?view=dead");
    expect(r.status).toBe(200);
    expect(r.body.counts).toEqual({ pending: 0, failed: 0, dead: 2, discarded: 0 });
    expect(
      r.body.items.map((i) => [
        i.id,
        i.topic,
        i.dossierCode,
        i.view,
        i.attempts,
        i.lastError,
        i.nextAttemptAt,
      ]),
    ).toEqual([
      [
        dead,
        "test.registry",
        "UB.20194.H48-261104-0001",
        "dead",
        3,
        "registry endpoint refused: 502 Bad Gateway",
        null,
      ],
      [
        other,
        "test.registry",
        "UB.20194.H48-261104-0002",
        "dead",
        3,
        "registry endpoint refused: 502 Bad Gateway",
        null,
      ],
    ]);
    expect(applied).toEqual([]);
  });

  it("metrics show the queue by topic and state, and the failures counted (to the bearer of METRICS_TOKEN)", async () => {
    expect((await fetch(`${s.baseUrl}/metrics`)).status).toBe(401);
    const scrape = await fetch(`${s.baseUrl}/metrics`, {
      headers: { authorization: "Bearer prometheus-scrape-token-48" },
    });
    const text = await scrape.text();
    expect(text).toContain('mot_lan_outbox_messages{topic="test.registry",state="dead"} 2');
    expect(text).toContain('mot_lan_outbox_failures_total{topic="test.registry",outcome="dead"} 2');
    expect(text).toContain('mot_lan_outbox_failures_total{topic="test.registry",outcome="failed"} 4');
    expect(text).toMatch(/mot_lan_outbox_oldest_pending_age_seconds 0\n/);
  });

  it("a reason is required, in both languages; a delivered message cannot be retried", async () => {
    const short = await admin.send<{ error: { code: string; details: Array<{ field: string }> } }>(
      "POST",
      "/api/admin/outbox/retry",
      { provinceCode: "48", id: dead, reason: "ok" },
    );
    expect([short.status, short.body.error.code, short.body.error.details[0]?.field]).toEqual([
      400,
      "VALIDATION_FAILED",
      "body.reason",
    ]);
    const missing = await admin.send<{ error: { code: string } }>("POST", "/api/admin/outbox/retry", {
      provinceCode: "48",
      id: 999999,
      reason: "Cơ quan đăng ký đã sửa xong.",
    });
    expect([missing.status, missing.body.error.code]).toEqual([404, "NOT_FOUND"]);
  });

  it("the administrator retries the dead message: delivered once the receiver is back, and audited", async () => {
    broken = false;
    const r = await admin.send<{ state: string; attempts: number }>("POST", "/api/admin/outbox/retry", {
      provinceCode: "48",
      id: dead,
      reason: "Cơ quan đăng ký đã sửa xong.",
    });
    expect([r.status, r.body]).toEqual([
      200,
      { provinceCode: "48", id: dead, state: "pending", attempts: 0 },
    ]);
    const failed = await admin.send<List>("GET", "/api/admin/outbox?view=failed");
    expect(failed.body.items.map((i) => i.id)).toEqual([dead]);
    await drainAll();
    expect(applied).toEqual([dead]);
    const again = await admin.send<{ error: { code: string; messageVi: string; messageEn: string } }>(
      "POST",
      "/api/admin/outbox/retry",
      { provinceCode: "48", id: dead, reason: "Gửi lại lần nữa." },
    );
    expect([again.status, again.body.error.code]).toEqual([409, "OUTBOX_NOT_RETRYABLE"]);
    expect(again.body.error.messageVi).toContain("Chỉ gửi lại được");
    const { rows } = await s.db.query<{ actor_id: string; detail: Record<string, unknown> }>(
      "select actor_id, detail from audit_log where action = 'outbox.retry' and resource = $1",
      [`outbox:48:${dead}`],
    );
    expect(rows).toEqual([
      {
        actor_id: "admin",
        detail: {
          reason: "Cơ quan đăng ký đã sửa xong.",
          topic: "test.registry",
          key: "0001",
          previousState: "dead",
          attempts: 3,
        },
      },
    ]);
  });

  it("the administrator discards the other with a reason: never delivered, audited, listed as discarded with who, when and why", async () => {
    const r = await admin.send("POST", "/api/admin/outbox/discard", {
      provinceCode: "48",
      id: other,
      reason: "Hồ sơ đã rút, không cần gửi.",
    });
    expect(r.status).toBe(200);
    await drainAll();
    expect(applied).toEqual([dead]);
    const list = await admin.send<List>("GET", "/api/admin/outbox?view=dead");
    expect(list.body).toMatchObject({
      items: [],
      total: 0,
      counts: { pending: 0, failed: 0, dead: 0, discarded: 1 },
    });
    const discarded = await admin.send<{
      items: Array<{
        id: number;
        view: string;
        discardedBy: string;
        discardedAt: string;
        discardReason: string;
      }>;
    }>("GET", "/api/admin/outbox?view=discarded");
    expect(discarded.body.items.map((i) => [i.id, i.view, i.discardedBy, i.discardReason])).toEqual([
      [other, "discarded", "admin", "Hồ sơ đã rút, không cần gửi."],
    ]);
    const when = Date.parse(discarded.body.items[0]?.discardedAt ?? "");
    expect(Math.abs(when - s.now().getTime())).toBeLessThan(60_000); // the server's clock, not the machine's
    const { rows } = await s.db.query<{ state: string; discard_reason: string }>(
      "select state, discard_reason from outbox where province_code = '48' and id = $1",
      [other],
    );
    expect(rows).toEqual([{ state: "discarded", discard_reason: "Hồ sơ đã rút, không cần gửi." }]);
    const audited = await s.db.query(
      "select 1 from audit_log where action = 'outbox.discard' and resource = $1",
      [`outbox:48:${other}`],
    );
    expect(audited.rows).toHaveLength(1);
    // The administrator's audit list reads the reason of each decision (not dropped as free text).
    const trail = await admin.send<{
      items: Array<{ action: string; resource: string; detail: { reason?: string } }>;
    }>("GET", "/api/admin/audit?action=outbox.discard");
    expect(trail.body.items.map((i) => [i.resource, i.detail.reason])).toEqual([
      [`outbox:48:${other}`, "Hồ sơ đã rút, không cần gửi."],
    ]);
    const retried = await admin.send<{ items: Array<{ detail: { reason?: string } }> }>(
      "GET",
      "/api/admin/audit?action=outbox.retry",
    );
    expect(retried.body.items.map((i) => i.detail.reason)).toEqual(["Cơ quan đăng ký đã sửa xong."]);
  });

  it("/readyz reports degraded (still 200) while a message waits longer than OUTBOX_MAX_AGE_SECONDS", async () => {
    expect(await (await fetch(`${s.baseUrl}/readyz`)).json()).toMatchObject({ status: "ready" });
    broken = true;
    await send("0003", { at: new Date(s.now().getTime() - 3_600_000) });
    const res = await fetch(`${s.baseUrl}/readyz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: string;
      warnings: Array<{ code: string; messageEn: string }>;
    };
    expect(body.status).toBe("degraded");
    expect(body.warnings.map((w) => w.code)).toContain("OUTBOX_BEHIND");
    expect(body.warnings.find((w) => w.code === "OUTBOX_BEHIND")?.messageEn).toMatch(
      /^The oldest pending message has waited 36\d\d s \(limit 600 s\)/,
    );
  });
});

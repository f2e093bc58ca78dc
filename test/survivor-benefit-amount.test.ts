import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { A, addDeceased, people } from "./helpers/fixtures.js";
import { decideAtHaiVan } from "./helpers/linked.js";
import { Browser, clockFrom, startTestServer, type TestServer } from "./helpers/server.js";

type Step = { key: string; state: string; dossierId: string | null; disbursement: { amount: number } | null };
type Group = { steps: Step[] };
type Answer = {
  status?: string;
  availableActions?: string[];
  error?: { code: string; details?: Array<{ field: string; messageVi: string; messageEn: string }> };
};

// The one-time survivor benefit depends on the deceased's social-insurance record, which social
// security holds and the platform does not (Law on Social Insurance 2024, Art. 90): its officer
// enters the amount decided, and that amount (not a figure of ours) is paid and written back.
const deceased = { pn: "048041000207", name: "Nguyễn Văn Đức", birth: "1941-03-01" };
let s: TestServer;
const as: Record<string, Browser> = {};
beforeAll(async () => {
  s = await startTestServer(
    {},
    { now: clockFrom(new Date("2026-11-05T09:00:00+07:00")), delivery: "manual" },
  );
  await addDeceased(s.db, deceased, { household: "HA-1", notice: "GBT-TEST-0207", commune: A.commune });
  for (const login of [
    people.father.pn,
    "motcua.20194",
    "chuyenvien.20194",
    "lanhdao.20194",
    "bhxh.tinh.48",
  ]) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
});
afterAll(async () => s?.close());

const b = (who: string) => as[who] as Browser;
const act = (who: string, id: string, body: Record<string, unknown>) =>
  b(who).send<Answer>("POST", `/api/dossiers/${id}/actions`, body);
const groupOf = async (id: string) =>
  (await b(people.father.pn).send<Group>("GET", `/api/linked-applications/${id}`)).body;
const stepOf = (g: Group, key: string) => g.steps.find((x) => x.key === key) as Step;

describe(`the one-time survivor benefit is paid the amount social security decides (${engine})`, () => {
  it("issued without an amount: refused in both languages, nothing paid; with it: that amount paid and recorded", async () => {
    const filed = await b(people.father.pn).send<{ id: string; error?: unknown }>(
      "POST",
      "/api/linked-applications",
      {
        group: "death",
        members: ["survivor"],
        shared: { "declaration.sworn": true },
        values: {
          survivor: {
            "benefit.kind": "one_time",
            "payout.method": "bank",
            "payout.accountNumber": "0123456789",
            "payout.bank": "Ngân hàng thử nghiệm",
          },
        },
      },
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const death = stepOf(await groupOf(filed.body.id), "death").dossierId as string;
    expect(await decideAtHaiVan(b, death)).toEqual([200, 200, 200, 200]);
    await s.drain();
    await s.drain();
    const survivor = stepOf(await groupOf(filed.body.id), "survivor");
    expect(survivor.state).toBe("started");
    const id = survivor.dossierId as string;
    // Started from the death extract: received by the platform.
    // Social security's officer takes it up and decides it.
    for (const action of ["forward", "approve"])
      expect((await act("bhxh.tinh.48", id, { action })).status).toBe(200);
    const before = await b("bhxh.tinh.48").send<Answer>("GET", `/api/dossiers/${id}`);
    expect(before.body.availableActions).toContain("issue_result");

    const missing = await act("bhxh.tinh.48", id, { action: "issue_result" });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.code).toBe("VALIDATION_FAILED");
    expect(missing.body.error?.details?.[0]).toMatchObject({
      field: "body.amount",
      messageVi: expect.stringContaining("Cần ghi số tiền trợ cấp tuất"),
      messageEn: expect.stringContaining("survivor benefit amount"),
    });
    const tooMuch = await act("bhxh.tinh.48", id, { action: "issue_result", amount: 3_000_000_000 });
    expect(tooMuch.body.error?.details?.[0]?.field).toBe("body.amount");
    // Nothing half-written: no result, no transfer.
    const after = await b("bhxh.tinh.48").send<Answer>("GET", `/api/dossiers/${id}`);
    expect(after.body.status).toBe(before.body.status);
    const none = await s.db.query("select 1 from disbursements where dossier_id = $1", [id]);
    expect(none.rows).toHaveLength(0);

    const issued = await act("bhxh.tinh.48", id, { action: "issue_result", amount: 48_600_000 });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    await s.drain();
    await s.drain();
    const paid = await s.db.query<{ amount: number; monthly_amount: number; state: string }>(
      "select amount, monthly_amount, state from disbursements where dossier_id = $1",
      [id],
    );
    expect(paid.rows).toEqual([{ amount: 48_600_000, monthly_amount: 0, state: "paid" }]);
    expect(stepOf(await groupOf(filed.body.id), "survivor").disbursement).toMatchObject({
      amount: 48_600_000,
    });
    const record = await s.db.query<{ kind: string; one_time_amount: number }>(
      "select kind, one_time_amount from allowances where personal_number = $1 and kind = 'survivor_benefit'",
      [people.father.pn],
    );
    expect(record.rows).toEqual([{ kind: "survivor_benefit", one_time_amount: 48_600_000 }]);
  });
});

import { describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { deathGroupFiling, deathGroupSuite, registerDeath } from "./helpers/death-group.js";
import { people } from "./helpers/fixtures.js";

type Step = {
  key: string;
  state: string;
  dossierId: string | null;
  status: string | null;
  dueAt: string | null;
  words: { vi: string; en: string };
  reason: { vi: string; en: string; whatToDoVi?: string; whatToDoEn?: string } | null;
};
type Group = { state: string; steps: Step[] };
type Log = Array<{ type: string; role: string; actorKind: string; reason: string | null }>;

// The grandfather of household HA-1 died; the hospital sent a death notice (startDeathGroupServer).
const suite = deathGroupSuite<Step, Group>();
const { b, view, step } = suite;
const funeral = (account: string) => deathGroupFiling(account, "Vietcombank");
const count = async (sql: string) =>
  (await suite.server().db.query<{ n: number }>(sql, [people.father.pn])).rows[0]?.n ?? 0;
/** Registers the death (the group's first step) and lets the group follow it. */
async function registerGroupDeath(id: string) {
  await registerDeath(b, suite.server(), step(await view(id), "death").dossierId as string);
  return view(id);
}

describe(`every chosen step's form is judged at filing (${engine})`, () => {
  it("a bank account that is not 6 to 20 digits: 400 FORM_INVALID naming it in both languages, nothing filed", async () => {
    const r = await b("father").send<{
      error: { code: string; details: Array<{ field: string; messageVi: string; messageEn: string }> };
    }>("POST", "/api/linked-applications", funeral("12ab"));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("FORM_INVALID");
    expect(r.body.error.details).toEqual([
      expect.objectContaining({
        field: "values.funeral.payout.accountNumber",
        messageVi: expect.stringMatching(/^Hỗ trợ chi phí mai táng: Số tài khoản: /),
        messageEn: expect.stringMatching(/Account number: /),
      }),
    ]);
    expect(await count("select count(*)::int as n from linked_groups where applicant_number = $1")).toBe(0);
    expect(await count("select count(*)::int as n from dossiers where applicant_number = $1")).toBe(0);
  });
});

describe(`a later step starts received by the platform, or is cancelled by it (${engine})`, () => {
  it("a step that cannot start is cancelled by the platform with the step, the reason and what to do", async () => {
    // Filed before the rule was checked at filing: a bad account kept with the funeral step.
    const filed = await b("father").send<{ id: string }>(
      "POST",
      "/api/linked-applications",
      funeral("0123456789"),
    );
    expect(filed.status).toBe(201);
    await suite.server().db.query(
      `update linked_group_steps set values = values || '{"payout.accountNumber":"12ab"}'::jsonb
       where group_id = $1 and step_key = 'funeral'`,
      [filed.body.id],
    );
    const g = await registerGroupDeath(filed.body.id);
    // The deregistration starts from the death extract: received by the platform, its clock runs.
    const dereg = step(g, "deregistration");
    expect(dereg).toMatchObject({ state: "started", status: "received" });
    expect(dereg.dueAt).not.toBeNull();
    const d = await b("father").send<{ log: Log }>("GET", `/api/dossiers/${dereg.dossierId}`);
    const receipt = d.body.log.find((a) => a.type === "receive");
    expect(receipt).toMatchObject({ role: "system", actorKind: "system" });
    expect(receipt?.reason).toMatch(
      /^Tiếp nhận tự động: bước liên thông bắt đầu từ kết quả KQ-\S+\. — Received automatically/,
    );
    // Filed online by the citizen and received by the platform: the channel stays online (KPIs).
    const row = await suite
      .server()
      .db.query<{ channel: string }>("select channel from dossiers where id = $1", [dereg.dossierId]);
    expect(row.rows[0]?.channel).toBe("online");
    // The funeral step could not start: cancelled by the platform, saying which step, why, what to do.
    const f = step(g, "funeral");
    expect(f.state).toBe("cancelled");
    expect(f.words.vi).toBe("Đã hủy");
    expect(f.reason?.vi).toMatch(
      /^Hệ thống đã hủy bước "Hỗ trợ chi phí mai táng" vì không thể bắt đầu: .*Số tài khoản/,
    );
    expect(f.reason?.en).toMatch(/^The platform cancelled the step "[^"]+" because it could not start/);
    expect(f.reason?.whatToDoVi).toMatch(/Hãy nộp riêng thủ tục "Hỗ trợ chi phí mai táng"/);
    // Its draft is withdrawn by the platform, never logged as the citizen's withdrawal.
    const withdrawals = await suite.server().db.query<{ role: string; reason: string }>(
      `select a.actor_role as role, a.reason from dossier_actions a
       join linked_group_steps s on s.dossier_id = a.dossier_id
       where s.group_id = $1 and s.step_key = 'funeral' and a.action = 'withdraw'`,
      [filed.body.id],
    );
    expect(withdrawals.rows).toEqual([
      { role: "system", reason: expect.stringMatching(/^Hệ thống đã hủy bước .* — The platform cancelled/) },
    ]);
  });
});

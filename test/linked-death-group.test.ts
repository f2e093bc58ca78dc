import { describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { deathGroupFiling, deathGroupSuite, deathTakenIn, issueDeathResult } from "./helpers/death-group.js";
import { people } from "./helpers/fixtures.js";
import { GRANDFATHER } from "./helpers/journey.js";

type Step = {
  key: string;
  procedureVi: string;
  state: string;
  dossierId: string | null;
  code: string | null;
  status: string | null;
  limit: unknown;
  feeAmount: number | null;
  resultNumber: string | null;
  reason: { vi: string; whatToDoVi?: string } | null;
};
type Group = { state: string; limit: unknown; steps: Step[] };

// The grandfather of household HA-1 died; the hospital sent a death notice (startDeathGroupServer).
const suite = deathGroupSuite<Step, Group>();
const { b, act, view, step } = suite;

describe(`the death group asks every answer before filing (${engine})`, () => {
  it("with only the sworn statement: 422 naming what the later steps need, nothing filed", async () => {
    const r = await b("father").send<{
      error: { code: string; details: Array<{ field: string; messageVi: string; messageEn: string }> };
    }>("POST", "/api/linked-applications", {
      group: "death",
      members: ["deregistration", "funeral"],
      shared: { "declaration.sworn": true },
    });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("LINKED_ANSWERS_MISSING");
    const fields = r.body.error.details.map((d) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(["values.funeral.deceased.category", "values.funeral.payout.method"]),
    );
    // What the notice and the household tell (the deceased's name, birth date, number, place in the
    // household; the applicant's relationship to the deceased) is not asked.
    expect(fields).not.toContain("values.deregistration.deceased.relationshipToHead");
    expect(fields.filter((f) => f.endsWith(".relationship"))).toEqual([]);
    expect(fields.filter((f) => /deceased\.(fullName|birthDate|personalNumber)$/.test(f))).toEqual([]);
    expect(
      r.body.error.details.find((d) => d.field === "values.funeral.deceased.category")?.messageVi,
    ).toMatch(/^Hỗ trợ chi phí mai táng: .+: cần trả lời\.$/);
    const groups = await suite
      .server()
      .db.query<{ n: number }>("select count(*)::int as n from linked_groups where applicant_number = $1", [
        people.father.pn,
      ]);
    expect(groups.rows[0]?.n).toBe(0);
  });
});

describe(`what the household knows is prefilled with its source (${engine})`, () => {
  type Preview = {
    fields: Array<{
      key: string;
      value: unknown;
      readOnly: boolean;
      provenance: { registry: string } | null;
    }>;
  };
  const field = async (procedure: string, key: string) =>
    (await b("father").send<Preview>("GET", `/api/procedures/${procedure}/prefill`)).body.fields.find(
      (f) => f.key === key,
    );

  it.each([
    ["LOCAL.XOA-DKTT", "deceased.relationshipToHead", "bố", "residence"],
    ["LOCAL.MAI-TANG-PHI", "organiser.relationship", "child", "population"],
    ["LOCAL.TRO-CAP-TUAT", "claimant.relationship", "child", "population"],
    ["LOCAL.KHAI-TU", "requester.relationship", "child", "population"],
  ])("%s: %s is %s, read-only, from the %s registry", async (procedure, key, value, registry) => {
    expect(await field(procedure, key)).toMatchObject({ value, readOnly: true, provenance: { registry } });
  });
});

describe(`the combined form asks each later step's question once (${engine})`, () => {
  type Q = { field: { key: string; labelVi: string; type: string }; members: string[]; answered: boolean };
  const ask = async (body: Record<string, unknown>) => {
    const r = await b("father").send<{ questions: Q[] }>("POST", "/api/linked-applications/questions", {
      group: "death",
      ...body,
    });
    expect(r.status).toBe(200);
    return r.body.questions;
  };

  it("lists what nothing fills, once per field, and follows the answers given", async () => {
    const first = await ask({
      members: ["deregistration", "funeral"],
      shared: { "declaration.sworn": true },
    });
    // Only the sworn statement, given once for all, is answered.
    expect(first.filter((q) => q.answered).map((q) => q.field.key)).toEqual(["declaration.sworn"]);
    const keys = first.map((q) => q.field.key);
    expect(keys).toEqual(expect.arrayContaining(["deceased.category", "payout.method"]));
    expect(keys).not.toContain("deceased.relationshipToHead");
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => /^deceased\.(fullName|birthDate|personalNumber|sex)$/.test(k))).toEqual([]);
    expect(first.find((q) => q.field.key === "payout.method")?.members).toEqual(["funeral"]);
    // Paid to a bank account: the account and the bank are asked next; the answered ones are not.
    const next = await ask({
      members: ["deregistration", "funeral"],
      shared: {
        "declaration.sworn": true,
        "deceased.category": "elderly",
        "payout.method": "bank",
      },
    });
    const open = next.filter((q) => !q.answered).map((q) => q.field.key);
    expect(open.sort()).toEqual(["payout.accountNumber", "payout.bank"]);
    // The answered ones stay listed (the form keeps showing them), marked answered.
    expect(next.find((q) => q.field.key === "deceased.category")?.answered).toBe(true);
    // Only the funeral allowance chosen: the deregistration's questions are gone.
    const fewer = await ask({ members: ["funeral"], shared: { "declaration.sworn": true } });
    expect(fewer.every((q) => q.members.every((m) => m === "funeral"))).toBe(true);
  });
});

describe(`the combined form reads the registries once per choice of members (${engine})`, () => {
  const logRows = async () =>
    (await suite.server().db.query<{ n: number }>("select count(*)::int as n from access_log")).rows[0]?.n ??
    0;
  const ask = (members: string[], shared: Record<string, unknown>) =>
    b("father").send("POST", "/api/linked-applications/questions", { group: "death", members, shared });

  it("answering three questions in a row writes no new access-log rows; another choice reads once more", async () => {
    const members = ["survivor", "funeral"];
    expect((await ask(members, { "declaration.sworn": true })).status).toBe(200);
    const afterFirst = await logRows();
    for (const answer of [
      { "deceased.category": "elderly" },
      { "deceased.category": "elderly", "payout.method": "bank" },
      { "deceased.category": "elderly", "payout.method": "bank", "payout.accountNumber": "0123456789" },
    ]) {
      expect((await ask(members, { "declaration.sworn": true, ...answer })).status).toBe(200);
    }
    expect(await logRows()).toBe(afterFirst);
    // Another choice of members is another read of each member's prefill, logged.
    expect((await ask(["deregistration", "survivor"], { "declaration.sworn": true })).status).toBe(200);
    expect(await logRows()).toBeGreaterThan(afterFirst);
  });
});

describe(`the death group, all three linked, one refused (${engine})`, () => {
  it("the extract stands, the allowance goes on, the refusal is explained", async () => {
    // Neither his relationship to the deceased nor the deceased's to the head: the registries know.
    const filed = await b("father").send<{ id: string }>(
      "POST",
      "/api/linked-applications",
      deathGroupFiling(),
    );
    expect(filed.status).toBe(201);
    const id = filed.body.id;
    let g = await view(id);
    // Unconfirmed limits are data, never shown to the citizen as law.
    expect(g.limit).toBeNull();
    expect(g.steps.every((x) => x.limit === null)).toBe(true);
    const death = step(g, "death").dossierId as string;
    expect(step(g, "death")).toMatchObject({ state: "started", status: "submitted", feeAmount: 0 });
    expect(step(g, "funeral").state).toBe("waiting");
    // A step not started yet is named by its procedure, not by its code.
    expect(step(g, "funeral").procedureVi).toBe("Hỗ trợ chi phí mai táng");
    await issueDeathResult(b, death);
    // The citizen's own dossier of the step: its due date comes from an unconfirmed limit, so it
    // is never called the law's (the page says "Dự kiến giải quyết xong trước").
    const own = await b("father").send<{ clock: { limitConfirmed: boolean; dueAt: string } | null }>(
      "GET",
      `/api/dossiers/${death}`,
    );
    expect(own.body.clock).toMatchObject({ limitConfirmed: false });
    // The registry has taken the death in before the later steps start (the writeback may come
    // first): the notice no longer prefills them; what it told is kept from the application.
    await deathTakenIn(suite.server());
    g = await view(id);
    expect(step(g, "death").state).toBe("done");
    // Both start at once with the death extract replaced by the result (nothing to upload).
    expect(step(g, "deregistration")).toMatchObject({ state: "started", status: "received" });
    expect(step(g, "funeral")).toMatchObject({ state: "started", status: "received", feeAmount: 0 });
    const dereg = step(g, "deregistration").dossierId as string;
    // The deceased as the hospital's notice told it when the family applied (the notice is now registered).
    const filedDereg = await b("father").send<{ fields: Array<{ key: string; value: unknown }> }>(
      "GET",
      `/api/dossiers/${dereg}`,
    );
    expect(filedDereg.body.fields.find((f) => f.key === "deceased.fullName")?.value).toBe(GRANDFATHER.name);
    // Every value of the deregistration came from the registries (the notice's kept since the
    // application among them): the data-reuse figures count none as typed.
    const reuse = await suite.server().db.query<{ total: number; prefilled: number; typed: number }>(
      `select fields_total as total, fields_prefilled as prefilled, fields_typed as typed
       from dossiers where id = $1`,
      [dereg],
    );
    expect(reuse.rows[0]?.typed).toBe(0);
    expect(reuse.rows[0]?.prefilled).toBeGreaterThanOrEqual(5);
    // His place in the household as the household registry held it: the head's father.
    expect(filedDereg.body.fields.find((f) => f.key === "deceased.relationshipToHead")?.value).toBe("bố");
    const filedFuneral = await b("father").send<{ fields: Array<{ key: string; value: unknown }> }>(
      "GET",
      `/api/dossiers/${step(g, "funeral").dossierId}`,
    );
    expect(filedFuneral.body.fields.find((f) => f.key === "organiser.relationship")?.value).toBe("child");
    await act("specialist", dereg, "forward");
    const refused = await act("leader", dereg, "refuse", "Hộ khẩu đã được xóa theo hồ sơ khác.");
    expect(refused.body.status).toBe("refused");
    const funeral = step(g, "funeral").dossierId as string;
    for (const [who, action] of [
      ["specialist", "forward"],
      ["leader", "approve"],
      ["leader", "issue_result"],
    ] as const)
      expect((await act(who, funeral, action)).status).toBe(200);
    await suite.server().drain();
    g = await view(id);
    expect(step(g, "death").resultNumber).toMatch(/^KQ-/);
    expect(step(g, "funeral").state).toBe("done");
    expect(step(g, "deregistration").state).toBe("failed");
    expect(step(g, "deregistration").reason?.vi).toContain("Công an xã, phường từ chối");
    expect(step(g, "deregistration").reason?.vi).toContain("Hộ khẩu đã được xóa");
    expect(g.state).toBe("partly_done");
  });

  it("choosing fewer than two procedures is refused in both languages", async () => {
    const r = await b("father").send<{ error: { details: Array<{ messageVi: string; messageEn: string }> } }>(
      "POST",
      "/api/linked-applications",
      { group: "death", members: [] },
    );
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]).toMatchObject({
      messageVi: "Chọn từ 1 đến 3 thủ tục làm cùng với thủ tục bắt buộc.",
      messageEn: "Choose 1 to 3 procedures to go with the required one.",
    });
  });
});

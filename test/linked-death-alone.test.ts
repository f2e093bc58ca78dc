import { describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { deathGroupSuite, fileDeathGroupRegistered } from "./helpers/death-group.js";
import { GRANDFATHER } from "./helpers/journey.js";

type Alone = { dossierId: string; code: string | null; status: string; words: { vi: string; en: string } };
type Step = {
  key: string;
  state: string;
  dossierId: string | null;
  code: string | null;
  resultNumber: string | null;
  alone: Alone | null;
};
type Group = { state: string; steps: Step[] };
type Field = { key: string; value: unknown; readOnly: boolean; provenance: { sourceVi?: string } | null };
type Component = { key: string; kind: string; state: string; replacedBy: { ref: string | null } | null };
type Draft = {
  id: string;
  status: string;
  code: string | null;
  procedure: { code: string };
  fields: Field[];
  components: Component[];
};
type ApiError = { error: { code: string; messageVi: string; messageEn: string } };

// The grandfather of household HA-1 died; his son files the death group (death registration,
// residence deregistration, funeral allowance). The police refuse the deregistration and the
// social-affairs office refuses the allowance; the son files the allowance on its own.
const suite = deathGroupSuite<Step, Group>();
const { b, act, view, step } = suite;
const field = (d: Draft, key: string) => d.fields.find((f) => f.key === key);

describe(`a death group's step filed on its own (${engine})`, () => {
  let id = "";
  let deathResult = "";
  let deathCode = "";
  let aloneId = "";

  it("the deregistration is refused, then the allowance: both steps end, the death extract stands", async () => {
    id = await fileDeathGroupRegistered(suite);
    let g = await view(id);
    deathResult = step(g, "death").resultNumber as string;
    deathCode = step(g, "death").code as string;
    expect(deathResult).toMatch(/^KQ-/);
    const dereg = step(g, "deregistration").dossierId as string;
    const funeral = step(g, "funeral").dossierId as string;
    await act("specialist", dereg, "forward");
    expect((await act("leader", dereg, "refuse", "Hộ khẩu đã được xóa theo hồ sơ khác.")).body.status).toBe(
      "refused",
    );
    await act("specialist", funeral, "forward");
    expect((await act("leader", funeral, "refuse", "Thiếu xác nhận của thôn.")).body.status).toBe("refused");
    await suite.server().drain();
    g = await view(id);
    expect(step(g, "deregistration").state).toBe("failed");
    expect(step(g, "funeral").state).toBe("failed");
    expect(step(g, "funeral").alone).toBeNull();
  });

  it("only an ended step is filed on its own; bad step names are 404 in both languages", async () => {
    const done = await b("father").send<ApiError>("POST", `/api/linked-applications/${id}/steps/death/alone`);
    expect(done.status).toBe(409);
    // The death registration has its result: said so (review h12 L2), not "still being handled".
    expect(done.body.error.code).toBe("STEP_ALREADY_DONE");
    expect(done.body.error.messageVi).toMatch(/^Bước này đã có kết quả/);
    const unknown = await b("father").send<ApiError>(
      "POST",
      `/api/linked-applications/${id}/steps/survivor/alone`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.messageVi).toBeTruthy();
    expect(unknown.body.error.messageEn).toBeTruthy();
    const bad = await b("father").send<ApiError>(
      "POST",
      `/api/linked-applications/${id}/steps/Bad%20Step/alone`,
    );
    expect(bad.status).toBe(404);
    expect(bad.body.error.messageVi).toBeTruthy();
  });

  it("the allowance's draft carries the deceased's number and the death result as data, nothing to upload", async () => {
    const path = `/api/linked-applications/${id}/steps/funeral/alone`;
    const r = await b("father").send<{ id: string }>("POST", path, undefined, {
      "idempotency-key": "funeral-key-1",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    aloneId = r.body.id;
    const d = (await b("father").send<Draft>("GET", `/api/dossiers/${aloneId}`)).body;
    expect(d).toMatchObject({ status: "draft", procedure: { code: "LOCAL.MAI-TANG-PHI" } });
    expect(field(d, "deceased.personalNumber")).toMatchObject({
      value: GRANDFATHER.pn,
      readOnly: true,
      provenance: { sourceVi: expect.stringContaining(deathResult) },
    });
    expect(field(d, "deceased.fullName")?.value).toBe(GRANDFATHER.name);
    // The answers given with the group are kept.
    expect(field(d, "deceased.category")?.value).toBe("elderly");
    expect(field(d, "payout.accountNumber")?.value).toBe("0123456789");
    // The death extract is the platform's own result: replaced, never asked as an upload.
    expect(d.components.find((c) => c.key === "deathExtract")).toMatchObject({
      state: "replaced",
      replacedBy: { ref: deathCode },
    });
    expect(d.components.filter((c) => c.kind === "upload" && c.state === "missing")).toEqual([]);
  });

  it("a second tap, even without the same key, opens the same draft; the group page links it", async () => {
    const path = `/api/linked-applications/${id}/steps/funeral/alone`;
    const again = await b("father").send<{ id: string }>("POST", path, undefined, {
      "idempotency-key": "funeral-key-2",
    });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(aloneId);
    expect((await b("father").send<{ id: string }>("POST", path)).body.id).toBe(aloneId);
    const g = await view(id);
    expect(step(g, "funeral")).toMatchObject({
      state: "failed",
      alone: { dossierId: aloneId, code: null, status: "draft" },
    });
    expect(step(g, "funeral").alone?.words.vi).toBeTruthy();
    // The other ended step is filed on its own separately.
    expect(step(g, "deregistration").alone).toBeNull();
  });

  it("once submitted, the group page names the filed dossier by its code and status; a tap opens it", async () => {
    const sent = await b("father").send<Draft>(
      "POST",
      `/api/dossiers/${aloneId}/submit`,
      {},
      {
        "idempotency-key": "funeral-submit",
      },
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.code).toBeTruthy();
    const g = await view(id);
    expect(step(g, "funeral").alone).toMatchObject({
      dossierId: aloneId,
      code: sent.body.code,
      status: "submitted",
    });
    const r = await b("father").send<{ id: string }>(
      "POST",
      `/api/linked-applications/${id}/steps/funeral/alone`,
    );
    expect(r.body.id).toBe(aloneId);
  });

  it("a withdrawn draft filed on its own is not the step's any more: the next tap starts a new one", async () => {
    const path = `/api/linked-applications/${id}/steps/deregistration/alone`;
    const first = (await b("father").send<{ id: string }>("POST", path)).body.id;
    const draft = (await b("father").send<Draft>("GET", `/api/dossiers/${first}`)).body;
    expect(field(draft, "deceased.personalNumber")).toMatchObject({ value: GRANDFATHER.pn, readOnly: true });
    expect(draft.components.filter((c) => c.kind === "upload" && c.state === "missing")).toEqual([]);
    expect(
      (await b("father").send("POST", `/api/dossiers/${first}/actions`, { action: "withdraw" })).status,
    ).toBe(200);
    expect(step(await view(id), "deregistration").alone).toBeNull();
    const second = (await b("father").send<{ id: string }>("POST", path)).body.id;
    expect(second).not.toBe(first);
  });
});

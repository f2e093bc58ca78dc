import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { minimalPdf } from "./helpers/files.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

type View = {
  id: string;
  status: string;
  channel: string;
  assignee: string | null;
  fields: Array<{ key: string; value: unknown }>;
  error?: { code: string; messageVi?: string; messageEn?: string };
};

let s: TestServer;
const as: Record<string, Browser> = {};
beforeAll(async () => {
  s = await startTestServer();
  for (const login of [
    "buudien.20194",
    "motcua.20194",
    "chuyenvien.20194",
    "lanhdao.20194",
    "motcua.20197",
    "congan.20194",
    "hotich.20194",
    "congan.20197",
    "admin",
    "quocgia",
    people.worker.pn,
  ]) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
});
afterAll(async () => s?.close());
const b = (login: string) => as[login] as Browser;

describe(`assisted filing with a one-time code (${engine})`, () => {
  let id = "";
  it("a postal agent files a temporary residence registration for a citizen present at the post office", async () => {
    const agent = b("buudien.20194");
    const created = await agent.send<View>("POST", "/api/dossiers", {
      procedureCode: "LOCAL.DK-TAM-TRU",
      applicantNumber: people.worker.pn,
    });
    expect(created.body.channel).toBe("online_on_behalf");
    id = created.body.id;
    // Before the citizen confirms, the agent's reads show nothing from the registries.
    type Item = { id: string; applicantName: string | null; communeCode: string | null };
    const queued = async () =>
      (await agent.send<{ items: Item[] }>("GET", "/api/officer/dossiers")).body.items.find(
        (i) => i.id === id,
      );
    const viewed = async () =>
      (await agent.send<{ communeCode: string | null; agencyCode: string }>("GET", `/api/dossiers/${id}`))
        .body;
    expect(await queued()).toMatchObject({ applicantName: null, communeCode: null });
    expect(await viewed()).toMatchObject({
      communeCode: null,
      agencyCode: expect.stringMatching(/\.00000\./),
    });
    expect(created.body).toMatchObject({ communeCode: null });
    const stored = await s.db.query<{ applicant_name: string | null; commune_code: string }>(
      "select applicant_name, commune_code from dossiers where id = $1",
      [id],
    );
    expect(stored.rows[0]?.applicant_name).toBeNull();
    const commune = stored.rows[0]?.commune_code as string;
    const sent = await agent.send<{ sentTo: string }>("POST", `/api/dossiers/${id}/otp`);
    expect(sent.body.sentTo).toBe("090****456");
    // The citizen reads the code on their own (demo) phone, once delivered; the agent cannot see it.
    await s.drain();
    const sms = await b(people.worker.pn).send<{ items: Array<{ textVi: string }> }>(
      "GET",
      "/api/demo/outbox",
    );
    const code = /mã xác nhận (\d{6})/.exec(sms.body.items[0]?.textVi ?? "")?.[1] ?? "";
    expect(code).toMatch(/^\d{6}$/);
    // The citizen is told what is filed on their behalf, not only a code.
    expect(sms.body.items[0]?.textVi).toContain("nộp hồ sơ Đăng ký tạm trú thay bạn");
    const wrong = await agent.send<View>("POST", `/api/dossiers/${id}/otp/verify`, {
      code: code === "000000" ? "111111" : "000000",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({
      code: "OTP_MISMATCH",
      messageVi: "Mã xác nhận không đúng; còn 4 lần thử.",
      messageEn: "The confirmation code is not correct; 4 attempt(s) left.",
    });
    const ok = await agent.send<View>("POST", `/api/dossiers/${id}/otp/verify`, { code });
    expect(ok.status).toBe(200);
    // Confirmed: the name and the commune are shown.
    expect(await queued()).toMatchObject({ applicantName: people.worker.name, communeCode: commune });
    expect(await viewed()).toMatchObject({ communeCode: commune });
    expect(ok.body.fields.find((f) => f.key === "applicant.fullName")?.value).toBe(people.worker.name);
    const upload = await agent.fetch(`/api/dossiers/${id}/components/lawfulResidenceProof`, {
      method: "PUT",
      headers: { "content-type": "application/pdf", "x-csrf-token": await agent.csrf() },
      body: new Uint8Array(minimalPdf()),
    });
    expect(upload.status).toBe(201);
    const submitted = await agent.send<View>("POST", `/api/dossiers/${id}/submit`, {
      values: {
        "stay.commune": "20194",
        "stay.address": "Phòng 7, nhà trọ số 3",
        "stay.until": "2027-03-31",
        "host.consent": true,
      },
    });
    expect(submitted.body).toMatchObject({ status: "submitted", channel: "online_on_behalf" });
    // Recorded as confirmed by one-time code, by the agent.
    const { rows } = await s.db.query<{ actor_id: string; payload: { method: string } }>(
      "select actor_id, payload from dossier_actions where dossier_id = $1 and action = 'confirm_on_behalf'",
      [id],
    );
    expect(rows).toEqual([{ actor_id: "buudien.20194", payload: { method: "otp" } }]);
  });

  it("the citizen sees it in their own portal, as an online dossier filed on their behalf", async () => {
    const mine = await b(people.worker.pn).send<{ items: Array<{ id: string; channel: string }> }>(
      "GET",
      "/api/me/dossiers",
    );
    expect(mine.body.items).toContainEqual(expect.objectContaining({ id, channel: "online_on_behalf" }));
    // And is told it was filed, in the app and by SMS, naming the procedure (issue 14: promised to
    // the agent, now sent to the citizen).
    const told = await b(people.worker.pn).send<{ items: Array<{ dossierId: string; textVi: string }> }>(
      "GET",
      "/api/me/notifications",
    );
    expect(told.body.items.filter((n) => n.dossierId === id).map((n) => n.textVi)).toContainEqual(
      expect.stringMatching(
        /^Hồ sơ “Đăng ký tạm trú” \(mã [^)]+\) đã được nộp thay bạn \(nhân viên bưu điện hoặc tổ công nghệ số cộng đồng, theo xác nhận của bạn\)\./,
      ),
    );
    await s.drain();
    const sms = await b(people.worker.pn).send<{ items: Array<{ textVi: string }> }>(
      "GET",
      "/api/demo/outbox",
    );
    expect(sms.body.items.map((m) => m.textVi)).toContainEqual(expect.stringContaining("“Đăng ký tạm trú”"));
    expect(sms.body.items.map((m) => m.textVi)).toContainEqual(
      expect.stringContaining("đã được nộp thay bạn"),
    );
  });

  it("the agent's queue lists what they filed; other agents' dossiers stay hidden", async () => {
    const q = await b("buudien.20194").send<{ items: Array<{ id: string }> }>("GET", "/api/officer/dossiers");
    expect(q.body.items.map((i) => i.id)).toContain(id);
  });
});

describe(`claim, assign and the leader's view (${engine})`, () => {
  let id = "";
  beforeAll(async () => {
    const { rows } = await s.db.query<{ id: string }>(
      "select id from dossiers where channel = 'online_on_behalf' limit 1",
    );
    id = rows[0]?.id ?? "";
    const { rows: pay } = await s.db.query<{ id: string }>("select id from payments where dossier_id = $1", [
      id,
    ]);
    await b(people.worker.pn).fetch(`/demo-bank/pay/${pay[0]?.id}`, { method: "POST" });
    await b("motcua.20194").send("POST", `/api/dossiers/${id}/actions`, { action: "receive" });
  });

  it("an officer claims a dossier and hands it to a colleague of the same commune, not to another commune", async () => {
    const mine = await b("motcua.20194").send<View>("POST", `/api/dossiers/${id}/assign`, { assignee: "me" });
    expect(mine.body.assignee).toBe("motcua.20194");
    const handed = await b("motcua.20194").send<View>("POST", `/api/dossiers/${id}/assign`, {
      assignee: "chuyenvien.20194",
    });
    expect(handed.body.assignee).toBe("chuyenvien.20194");
    const elsewhere = await b("motcua.20194").send<View>("POST", `/api/dossiers/${id}/assign`, {
      assignee: "motcua.20197",
    });
    expect(elsewhere.status).toBe(400);
    const q = await b("chuyenvien.20194").send<{ items: Array<{ id: string }> }>(
      "GET",
      "/api/officer/dossiers?assignee=me",
    );
    expect(q.body.items.map((i) => i.id)).toEqual([id]);
  });

  it("the queue finds a dossier by the citizen's name without diacritics", async () => {
    const q = await b("motcua.20194").send<{ items: Array<{ id: string }> }>(
      "GET",
      "/api/officer/dossiers?q=pham%20van%20em",
    );
    expect(q.body.items.map((i) => i.id)).toContain(id);
  });

  it("an officer of another commune cannot see, claim or act on it", async () => {
    expect((await b("motcua.20197").fetch(`/api/dossiers/${id}`)).status).toBe(404);
    expect(
      (await b("motcua.20197").send<View>("POST", `/api/dossiers/${id}/assign`, { assignee: "me" })).status,
    ).toBe(404);
  });

  it("each agency's officers see only their agency's dossiers and act only on them", async () => {
    type Queue = { items: Array<{ id: string; procedureCode: string }>; total: number };
    // The temporary residence registration is the police's (catalogue: agency.sector "police").
    const police = await b("congan.20194").send<Queue>("GET", "/api/officer/dossiers");
    expect(police.body.items.map((i) => i.id)).toContain(id);
    const policeProcedures = ["LOCAL.DK-TAM-TRU", "1.004222", "LOCAL.XOA-DKTT"];
    expect(police.body.items.every((i) => policeProcedures.includes(i.procedureCode))).toBe(true);
    const civil = await b("hotich.20194").send<Queue>("GET", "/api/officer/dossiers");
    expect(civil.body.items.map((i) => i.id)).not.toContain(id);
    // The civil-status officer may neither open it (same commune, another agency) nor act: 403, stable bilingual code.
    const refused = await b("hotich.20194").send<View>("POST", `/api/dossiers/${id}/actions`, {
      action: "forward",
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: "OTHER_AGENCY",
      messageVi: expect.stringContaining("cơ quan khác"),
      messageEn: expect.stringContaining("another agency"),
    });
    const claim = await b("hotich.20194").send<View>("POST", `/api/dossiers/${id}/assign`, {
      assignee: "me",
    });
    expect(claim.body.error?.code).toBe("OTHER_AGENCY");
    // Nor can it be handed to them; the police officer of the commune takes it and acts.
    const handed = await b("motcua.20194").send<View>("POST", `/api/dossiers/${id}/assign`, {
      assignee: "hotich.20194",
    });
    expect(handed.status).toBe(400);
    expect(
      (await b("congan.20194").send<View>("POST", `/api/dossiers/${id}/assign`, { assignee: "me" })).body
        .assignee,
    ).toBe("congan.20194");
    // The police of another commune: not found, as for every officer outside the jurisdiction.
    expect((await b("congan.20197").fetch(`/api/dossiers/${id}`)).status).toBe(404);
    const { rows } = await s.db.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'dossier.forward' and outcome = 'denied' and actor_id = 'hotich.20194'",
    );
    expect(rows[0]?.n).toBe(1);
  });

  it("the administrator sets an officer's agency; the queue follows", async () => {
    const set = await b("admin").send<{ agency: string | null; error?: { code: string } }>(
      "PATCH",
      "/api/admin/officers/hotich.20194",
      { agency: "cong-an" },
    );
    expect(set.body.agency).toBe("cong-an");
    const signedAgain = new Browser(s.baseUrl);
    await signedAgain.signIn("hotich.20194");
    const q = await signedAgain.send<{ items: Array<{ id: string }> }>("GET", "/api/officer/dossiers");
    expect(q.body.items.map((i) => i.id)).toContain(id);
    const bad = await b("admin").send<{ error: { code: string } }>(
      "PATCH",
      "/api/admin/officers/hotich.20194",
      {
        agency: "bo-ngoai-giao",
      },
    );
    expect(bad.status).toBe(400);
    const back = await b("admin").send<{ agency: string }>("PATCH", "/api/admin/officers/hotich.20194", {
      agency: "ubnd",
    });
    expect(back.body.agency).toBe("ubnd");
    expect((await b("admin").send("PATCH", "/api/admin/officers/nobody.here", { agency: null })).status).toBe(
      404,
    );
  });

  it("the commune leader sees today's workload and the on-time share; others may not", async () => {
    const o = await b("lanhdao.20194").send<{
      today: { received: number; inProcessing: number };
      onTimeShareThisMonth: { finished: number };
    }>("GET", "/api/leader/overview");
    expect(o.status).toBe(200);
    expect(o.body.today.received).toBe(1);
    expect(o.body.today.inProcessing).toBe(1);
    const national = await b("quocgia").send<{ today: { received: number } }>("GET", "/api/leader/overview");
    expect(national.body.today.received).toBe(1);
    expect((await b("motcua.20194").fetch("/api/leader/overview")).status).toBe(403);
  });
});

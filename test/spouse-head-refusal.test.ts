import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";
import {
  addSpouseApart,
  fatherInLaw,
  husband,
  openLegacyPaymentRequest,
  submitSpouseRequest,
  wife,
} from "./helpers/spouse-household.js";

/**
 * Issue 14, the head of the spouse's household refuses (Law on Residence 2020, Art. 21): the
 * refusal is recorded (who, when, the head's own reason) and the dossier ends in the same
 * transaction, by the platform, with the reason and what to do: not received yet, it is not
 * received; received, it is refused (a supplement wait ends with it). The applicant is told in
 * both languages; the officer's view carries the head's answer. Only the head answers (404), a
 * consent cannot become a refusal nor a refusal a consent (409), a second refusal answers the
 * first, and a refusal that cannot end the dossier writes nothing. No fee is asked before the head
 * consents (test/spouse-head-fee.test.ts), so a received dossier waiting for the head is one filed
 * before that rule: its fee paid at submission (`openLegacyPaymentRequest`).
 */
type Err = { error: { code: string; messageVi: string; messageEn: string } };
type HeadConsent = {
  headName: string | null;
  waitingSince: string | null;
  consent: { by: string; at: string } | null;
  refusal: { by: string; at: string; reason: string | null } | null;
};
type Log = { type: string; role: string; actorId: string; reason: string | null };
type View = {
  id: string;
  status: string;
  decidedAt: string | null;
  supplementRequest: unknown;
  headConsent: HeadConsent | null;
  clock: { finishedOnTime: boolean | null } | null;
  log: Log[];
};
type Refused = { status: string; refusal: { by: string; at: string; reason: string | null } };

let s: TestServer;
const as: Record<string, Browser> = {};
const b = (login: string) => as[login] as Browser;
beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  await addSpouseApart(s.db);
  for (const login of [
    wife.pn,
    fatherInLaw.pn,
    husband.pn,
    "motcua.20197",
    "chuyenvien.20197",
    "lanhdao.20197",
  ]) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
});
afterAll(async () => s?.close());

/** Pays the dossier's open payment request at the demo bank. */
async function pay(id: string): Promise<void> {
  const p = await b(wife.pn).send<{ status: string; demoBankUrl: string }>(
    "GET",
    `/api/dossiers/${id}/payment`,
  );
  expect(p.body.status, JSON.stringify(p.body)).toBe("unpaid");
  expect((await b(wife.pn).fetch(p.body.demoBankUrl, { method: "POST" })).status).toBe(303);
}

/**
 * The wife files into her husband's household and submits; `legacyPaid`: filed as before the fee
 * waited for the head's consent, its fee paid at once.
 */
async function file(legacyPaid: boolean): Promise<string> {
  const { id } = await submitSpouseRequest<View>(b(wife.pn));
  if (legacyPaid) {
    await openLegacyPaymentRequest(s.db, id);
    await pay(id);
  }
  return id;
}
const act = async (who: string, id: string, action: string, reason?: string) => {
  const r = await b(who).send("POST", `/api/dossiers/${id}/actions`, { action, reason });
  expect(r.status, `${who} ${action} ${JSON.stringify(r.body)}`).toBe(200);
};
const view = async (who: string, id: string) => (await b(who).send<View>("GET", `/api/dossiers/${id}`)).body;
const refuse = (who: string, id: string, body?: Record<string, unknown>) =>
  b(who).send<Refused & Err>("POST", `/api/dossiers/${id}/head-refusal`, body);
const answers = async (id: string) =>
  (
    await s.db.query<{ decision: string; reason: string | null; head: string }>(
      "select decision, reason, head_number as head from dossier_head_consents where dossier_id = $1",
      [id],
    )
  ).rows;
const notes = async () =>
  (
    await b(wife.pn).send<{ items: Array<{ dossierId: string; textVi: string; textEn: string }> }>(
      "GET",
      "/api/me/notifications",
    )
  ).body.items;

describe(`the head of the spouse's household refuses (${engine})`, () => {
  let first = "";
  it("before receipt: not received, with the head's reason and what to do; the applicant is told", async () => {
    first = await file(false);
    // Only the head answers: the husband is not the head (404), nothing written.
    const notHead = await refuse(husband.pn, first, { reason: "Không" });
    expect(notHead.status).toBe(404);
    expect(notHead.body.error.code).toBe("HEAD_CONSENT_NOT_HEAD");
    expect(await answers(first)).toEqual([]);
    expect((await view("motcua.20197", first)).headConsent).toMatchObject({
      headName: fatherInLaw.name,
      consent: null,
      refusal: null,
    });
    expect((await view("motcua.20197", first)).headConsent?.waitingSince).toBeTruthy();

    const r = await refuse(fatherInLaw.pn, first, { reason: "  Nhà chật, không đủ chỗ ở.  " });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      status: "rejected",
      refusal: { by: fatherInLaw.pn, reason: "Nhà chật, không đủ chỗ ở." },
    });
    const d = await view(wife.pn, first);
    expect(d.status).toBe("rejected");
    const last = d.log.at(-1) as Log;
    expect(last).toMatchObject({ type: "refuse_receipt", role: "system", actorId: "head-of-household" });
    expect(last.reason).toContain(`Chủ hộ ${fatherInLaw.name} không đồng ý`);
    expect(last.reason).toContain("“Nhà chật, không đủ chỗ ở”.");
    expect(d.headConsent).toMatchObject({
      waitingSince: null,
      consent: null,
      refusal: { by: fatherInLaw.pn, reason: "Nhà chật, không đủ chỗ ở." },
    });
    expect(await answers(first)).toEqual([
      { decision: "refused", reason: "Nhà chật, không đủ chỗ ở.", head: fatherInLaw.pn },
    ]);
    // The applicant is told in plain words, each language on its own, with what to do.
    const note = (await notes()).find(
      (n) => n.dossierId === first && n.textVi.includes("không được tiếp nhận"),
    );
    expect(note?.textVi).toContain(`Chủ hộ ${fatherInLaw.name} không đồng ý`);
    // The head's own full stop is dropped inside the quote: one stop, after it.
    expect(note?.textVi).toContain("Lý do chủ hộ nêu: “Nhà chật, không đủ chỗ ở”.");
    expect(note?.textVi).not.toContain(".”.");
    expect(note?.textEn).toContain("The head's reason: “Nhà chật, không đủ chỗ ở”.");
    expect(note?.textVi).toContain("nộp hồ sơ mới khi chủ hộ đồng ý");
    expect(note?.textVi).not.toContain("did not consent");
    expect(note?.textEn).toContain("did not consent");
    expect(note?.textEn).toContain("file a new dossier once they agree");
    const queued = await s.db.query("select 1 from outbox where topic = 'notify.citizen' and key = $1", [
      `notify:${first}`,
    ]);
    expect(queued.rows.length).toBeGreaterThanOrEqual(2);
  });

  it("refusing again answers the refusal; consenting after it is 409; the request left the head's list", async () => {
    const again = await refuse(fatherInLaw.pn, first);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      status: "rejected",
      refusal: { reason: "Nhà chật, không đủ chỗ ở." },
    });
    const consent = await b(fatherInLaw.pn).send<Err>("POST", `/api/dossiers/${first}/head-consent`);
    expect(consent.status).toBe(409);
    expect(consent.body.error.code).toBe("HEAD_CONSENT_REFUSED");
    expect(consent.body.error.messageVi).toContain("không đồng ý");
    expect(consent.body.error.messageEn).toContain("refused");
    expect(await answers(first)).toHaveLength(1);
    expect((await view(wife.pn, first)).log.filter((a) => a.actorId === "head-of-household")).toHaveLength(1);
    const asked = await b(fatherInLaw.pn).send<{ items: Array<{ dossierId?: string }> }>(
      "GET",
      "/api/me/household-consents",
    );
    expect(asked.body.items.map((x) => x.dossierId)).not.toContain(first);
  });

  it("in processing, without a reason: refused (a decision), the officer can no longer approve", async () => {
    const id = await file(true);
    await act("motcua.20197", id, "receive");
    await act("chuyenvien.20197", id, "forward");
    const r = await refuse(fatherInLaw.pn, id, {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: "refused", refusal: { by: fatherInLaw.pn, reason: null } });
    const d = await view("chuyenvien.20197", id);
    expect(d.status).toBe("refused");
    expect(d.decidedAt).not.toBeNull();
    // The head's refusal is no decision of the agency: the clock does not say "decided on time".
    expect(d.clock?.finishedOnTime ?? null).toBeNull();
    expect(d.headConsent?.refusal).toMatchObject({ by: fatherInLaw.pn, reason: null });
    expect(d.log.at(-1)?.reason).not.toContain("Lý do chủ hộ nêu");
    const note = (await notes()).find((n) => n.dossierId === id && n.textVi.includes("bị từ chối"));
    expect(note?.textVi).toContain(`Chủ hộ ${fatherInLaw.name} không đồng ý`);
    expect(note?.textEn).toContain("was refused");
    const approve = await b("chuyenvien.20197").send<Err>("POST", `/api/dossiers/${id}/actions`, {
      action: "approve",
    });
    expect(approve.status).toBe(409);
    expect(approve.body.error.code).toBe("ILLEGAL_TRANSITION");
  });

  it("while waiting for a supplement: refused, the wait ends with it", async () => {
    const id = await file(true);
    await act("motcua.20197", id, "receive");
    await act("motcua.20197", id, "request_supplement", "Bổ sung ảnh giấy đăng ký kết hôn.");
    const r = await refuse(fatherInLaw.pn, id);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const d = await view(wife.pn, id);
    expect(d.status).toBe("refused");
    expect(d.supplementRequest).toBeNull();
  });

  it("after consenting: 409, nothing written; the officer sees the consent", async () => {
    const id = await file(false);
    const ok = await b(fatherInLaw.pn).send("POST", `/api/dossiers/${id}/head-consent`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    // A second consent answers the consent on record.
    const twice = await b(fatherInLaw.pn).send<{ consent: { by: string } }>(
      "POST",
      `/api/dossiers/${id}/head-consent`,
    );
    expect(twice.status).toBe(200);
    expect(twice.body.consent.by).toBe(fatherInLaw.pn);
    const r = await refuse(fatherInLaw.pn, id, { reason: "Đổi ý." });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("HEAD_CONSENT_GIVEN");
    expect(r.body.error.messageVi).toContain("đã đồng ý");
    expect(r.body.error.messageEn).toContain("already consented");
    expect(await answers(id)).toEqual([{ decision: "consented", reason: null, head: fatherInLaw.pn }]);
    const d = await view("motcua.20197", id);
    expect(d.status).toBe("submitted");
    // The consent is in the log once (the platform's, on the head's answer), no refusal.
    expect(d.log.filter((a) => a.actorId === "head-of-household").map((a) => a.type)).toEqual([
      "head_consent",
    ]);
    expect(d.headConsent).toMatchObject({
      headName: fatherInLaw.name,
      waitingSince: null,
      consent: { by: fatherInLaw.pn },
      refusal: null,
    });
    // One request into the household at a time: she withdraws it before the next filing.
    await act(wife.pn, id, "withdraw");
  });

  it("a dossier closed while the head answers: 404, the refusal is not recorded either", async () => {
    const id = await file(false);
    const w = await b(wife.pn).send("POST", `/api/dossiers/${id}/actions`, { action: "withdraw" });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    // The head's list read before the withdrawal committed: the row still said "submitted".
    await s.db.query("update dossiers set status = 'submitted' where id = $1", [id]);
    const r = await refuse(fatherInLaw.pn, id, { reason: "Không đồng ý." });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("HEAD_CONSENT_NOT_HEAD");
    expect(await answers(id)).toEqual([]);
    expect((await view(wife.pn, id)).log.at(-1)?.type).toBe("withdraw");
    // The row back as its log says (one request into the household at a time).
    await s.db.query("update dossiers set status = 'withdrawn' where id = $1", [id]);
  });

  it("consent racing refusal: one wins, the other gets 409 with the decision on record", async () => {
    const id = await file(false);
    const [c, r] = await Promise.all([
      b(fatherInLaw.pn).send<Err>("POST", `/api/dossiers/${id}/head-consent`),
      refuse(fatherInLaw.pn, id, { reason: "Không." }),
    ]);
    const on = await answers(id);
    expect(on).toHaveLength(1);
    if (on[0]?.decision === "refused") {
      expect([r.status, c.status, c.body.error?.code]).toEqual([200, 409, "HEAD_CONSENT_REFUSED"]);
    } else {
      expect([c.status, r.status, r.body.error?.code]).toEqual([200, 409, "HEAD_CONSENT_GIVEN"]);
      await act(wife.pn, id, "withdraw");
    }
  });

  it("a refusal after the consent and the approval: 409 in words that fit (approved, not 'being handled')", async () => {
    const id = await file(false);
    expect((await b(fatherInLaw.pn).send("POST", `/api/dossiers/${id}/head-consent`)).status).toBe(200);
    await pay(id);
    await act("motcua.20197", id, "receive");
    await act("chuyenvien.20197", id, "forward");
    await act("lanhdao.20197", id, "approve");
    const r = await refuse(fatherInLaw.pn, id, { reason: "Đổi ý." });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("HEAD_CONSENT_GIVEN");
    expect(r.body.error.messageVi).toContain("Hồ sơ đã được phê duyệt.");
    expect(r.body.error.messageVi).not.toContain("đang giải quyết");
    expect(r.body.error.messageEn).toContain("The dossier has been approved.");
    // Decided, it is no longer open: the next filing is possible.
    await act("lanhdao.20197", id, "issue_result");
  });

  it("a reason longer than the limit is refused in both languages, nothing written", async () => {
    const id = await file(false);
    const r = await refuse(fatherInLaw.pn, id, { reason: "x".repeat(301) });
    expect(r.status).toBe(400);
    expect(r.body.error.messageVi).toBeTruthy();
    expect(r.body.error.messageEn).toBeTruthy();
    expect(await answers(id)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { A, addDeceased, deathGroupApplication, people } from "./helpers/fixtures.js";
import { Browser, clockFrom, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * The allowance's money told and corrected (issue 12, review points 1–3): the father's funeral
 * allowance goes to an account held by someone else (demo bank: …999), so its transfer is stopped
 * at once; he is told (SMS, e-mail when on file, in-app on the group) in plain Vietnamese, once. He
 * corrects the account himself (another citizen may not; a wrong holder is refused on its field),
 * the new account is closed, so it is stopped again; then his correction and the officer's resend
 * race: one wins, the other gets 409; the money is paid and he is told, once. The officer's resend
 * without a reason is a bilingual error with its own code.
 */
type Disbursement = { state: string; account: string; lastError: string | null; bankRef: string | null };
type Step = { key: string; dossierId: string | null; disbursement: Disbursement | null };
type Group = { steps: Step[] };
type ErrorBody = {
  error?: {
    code: string;
    messageVi: string;
    messageEn: string;
    details?: Array<{ field: string; messageVi: string; messageEn: string }>;
  };
};
type Told = { event: string; channel: string; textVi: string; textEn: string };

const grandfather = { pn: "048040000104", name: "Nguyễn Văn Cường", birth: "1940-02-10" };
const me = people.father.pn;
let s: TestServer;
const as: Record<string, Browser> = {};
let groupId = "";
let funeral = "";

beforeAll(async () => {
  s = await startTestServer(
    { OUTBOX_RETRY_BASE_SECONDS: "0.001", OUTBOX_RETRY_MAX_SECONDS: "0.001" },
    { now: clockFrom(new Date("2026-11-05T09:00:00+07:00")), delivery: "manual" },
  );
  await addDeceased(s.db, grandfather, { household: "HA-1", notice: "GBT-TEST-0001", commune: A.commune });
  for (const login of [me, people.neighbour.pn, "motcua.20194", "hotich.20194", "xahoi.20194"]) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
}, 120_000);
afterAll(async () => s?.close());

const b = (who: string) => as[who] as Browser;
const act = (who: string, id: string, action: string) =>
  b(who).send<{ status: string }>("POST", `/api/dossiers/${id}/actions`, { action });
const view = async () => (await b(me).send<Group>("GET", `/api/linked-applications/${groupId}`)).body;
const money = async () => (await view()).steps.find((x) => x.key === "funeral")?.disbursement;
async function drainAll() {
  for (let i = 0; i < 8; i++) {
    await new Promise((r) => setTimeout(r, 10));
    await s.drain();
  }
}
const correct = (who: string, body: unknown) =>
  b(who).send<Disbursement & ErrorBody>("POST", `/api/dossiers/${funeral}/disbursement/account`, body);
const resend = (body: unknown) =>
  b("xahoi.20194").send<Disbursement & ErrorBody>(
    "POST",
    `/api/dossiers/${funeral}/disbursement/resend`,
    body,
  );
/** What the dossier's notifications hold of its money (SMS, e-mail), oldest first. */
const told = async (event: string) =>
  (await b(me).send<{ items: Told[] }>("GET", `/api/dossiers/${funeral}/notifications`)).body.items.filter(
    (n) => n.event === event,
  );
const inApp = async () =>
  (
    await b(me).send<{ items: Array<{ groupId: string | null; link: string; textVi: string }> }>(
      "GET",
      "/api/me/notifications",
    )
  ).body.items.filter((n) => /tiền hỗ trợ chi phí mai táng/.test(n.textVi));

describe(`an allowance's money, told and corrected (${engine})`, () => {
  it("an account held by someone else: stopped, and the father is told in plain words, once", async () => {
    const filed = await b(me).send<{ id: string }>(
      "POST",
      "/api/linked-applications",
      deathGroupApplication("0123456999"),
    );
    expect(filed.status).toBe(201);
    groupId = filed.body.id;
    const death = (await view()).steps.find((x) => x.key === "death")?.dossierId as string;
    await act("motcua.20194", death, "receive");
    for (const a of ["forward", "approve", "issue_result"]) await act("hotich.20194", death, a);
    await drainAll();
    funeral = (await view()).steps.find((x) => x.key === "funeral")?.dossierId as string;
    for (const a of ["forward", "approve", "issue_result"])
      expect((await act("xahoi.20194", funeral, a)).status).toBe(200);
    await drainAll();
    expect(await money()).toMatchObject({ state: "flagged", lastError: "ACCOUNT_HOLDER_MISMATCH" });
    const sms = await told("disbursement_flagged");
    expect(sms.map((n) => n.channel)).toContain("sms");
    const text = sms[0]?.textVi ?? "";
    expect(text).toContain("Chưa chuyển được 10.000.000 đồng tiền hỗ trợ chi phí mai táng");
    expect(text).toContain("****6999");
    expect(text).toContain("không đứng tên bạn");
    expect(text).toContain("nhập lại tài khoản ngân hàng đứng tên mình");
    expect(text).not.toContain("0123456999");
    expect(sms[0]?.textEn).toContain("10,000,000 VND");
    // The demo phone got it; the in-app list has its copy, linking the group's page.
    const { rows } = await s.db.query<{ text_vi: string }>(
      "select text_vi from demo_sms where personal_number = $1 and text_vi like 'Chưa chuyển được%'",
      [me],
    );
    expect(rows).toHaveLength(1);
    expect(await inApp()).toEqual([
      expect.objectContaining({
        groupId,
        link: `/lien-thong/${groupId}`,
        textVi: expect.stringContaining("****6999"),
      }),
    ]);
    // Redelivery and more draining tell nothing again.
    await drainAll();
    expect(await told("disbursement_flagged")).toHaveLength(sms.length);
    expect(await inApp()).toHaveLength(1);
  });

  it("the officer's resend without a reason: a bilingual error with its own code, on the field", async () => {
    const r = await resend({ accountNumber: "0123456789" });
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe("DISBURSEMENT_REASON_REQUIRED");
    expect(r.body.error?.messageVi).toContain("lý do");
    expect(r.body.error?.messageEn).not.toMatch(/Invalid input|expected string/);
    expect(r.body.error?.details).toEqual([
      expect.objectContaining({ field: "body.reason", messageVi: expect.stringContaining("lý do") }),
    ]);
    const blank = await resend({ reason: "   " });
    expect([blank.status, blank.body.error?.code]).toEqual([400, "DISBURSEMENT_REASON_REQUIRED"]);
    expect((await money())?.state).toBe("flagged");
  });

  it("the father corrects the account himself: others 404, wrong holder or number refused on the field", async () => {
    const fix = { bank: "Vietcombank", accountNumber: "0987654000", holderName: "NGUYEN VAN AN" };
    const other = await correct(people.neighbour.pn, fix);
    expect([other.status, other.body.error?.code]).toEqual([404, "NOT_FOUND"]);
    const officer = await b("xahoi.20194").send<ErrorBody>(
      "POST",
      `/api/dossiers/${funeral}/disbursement/account`,
      fix,
    );
    expect(officer.status).toBe(403);
    // The bank knows someone else as that account's holder.
    const theirs = await correct(me, { ...fix, accountNumber: "1111111999" });
    expect([theirs.status, theirs.body.error?.code]).toEqual([400, "ACCOUNT_HOLDER_MISMATCH"]);
    expect(theirs.body.error?.details?.[0]?.field).toBe("body.accountNumber");
    // The holder he names is not him.
    const named = await correct(me, { ...fix, holderName: "Nguyễn Văn Khắc" });
    expect([named.status, named.body.error?.code]).toEqual([400, "ACCOUNT_HOLDER_MISMATCH"]);
    expect(named.body.error?.details?.[0]?.field).toBe("body.holderName");
    const format = await correct(me, { ...fix, accountNumber: "12ab" });
    expect([format.status, format.body.error?.code]).toEqual([400, "ACCOUNT_NUMBER_INVALID"]);
    expect(format.body.error?.details?.[0]).toMatchObject({
      field: "body.accountNumber",
      messageVi: expect.stringContaining("chữ số"),
    });
    expect(await money()).toMatchObject({ state: "flagged", account: "****6999" });
    // His name written without marks is his name: accepted, sent again (audited as his).
    const ok = await correct(me, fix);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ state: "pending", account: "****4000", lastError: null });
    const { rows } = await s.db.query<{ actor: string; detail: Record<string, unknown> }>(
      `select actor_id as actor, detail from audit_log where action = 'disbursement.resend' and outcome = 'allowed'
       and resource = $1`,
      [`dossier:${funeral}`],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.detail).toMatchObject({
      by: "applicant",
      previousError: "ACCOUNT_HOLDER_MISMATCH",
      accountChanged: true,
      account: "****4000",
      bankChanged: true,
    });
    // That account is closed: retried, stopped again, told again (the bank's words this time).
    await drainAll();
    expect(await money()).toMatchObject({ state: "flagged", lastError: "ACCOUNT_CLOSED" });
    const again = await told("disbursement_flagged");
    expect(again.filter((n) => n.channel === "sms").map((n) => n.textVi)).toEqual([
      expect.stringContaining("****6999"),
      expect.stringContaining("ngân hàng báo tài khoản đã đóng"),
    ]);
  });

  it("his correction and the officer's resend at once: one wins, the other 409; paid, and told once", async () => {
    const [mine, theirs] = await Promise.all([
      correct(me, { bank: "Vietcombank", accountNumber: "0123456789", holderName: "Nguyễn Văn An" }),
      resend({ accountNumber: "0123456788", reason: "Công dân gọi điện báo tài khoản mới." }),
    ]);
    expect([mine.status, theirs.status].sort()).toEqual([200, 409]);
    const loser = mine.status === 409 ? mine : theirs;
    expect(loser.body.error?.code).toBe("DISBURSEMENT_NOT_FLAGGED");
    expect(loser.body.error?.messageVi).toBeTruthy();
    await drainAll();
    const paid = await money();
    expect(paid).toMatchObject({ state: "paid", account: mine.status === 200 ? "****6789" : "****6788" });
    const sms = (await told("disbursement_paid")).filter((n) => n.channel === "sms");
    expect(sms).toHaveLength(1);
    expect(sms[0]?.textVi).toContain("Đã chuyển 10.000.000 đồng tiền hỗ trợ chi phí mai táng");
    expect(sms[0]?.textVi).toContain(paid?.account ?? "?");
    expect(sms[0]?.textVi).toContain(`Mã giao dịch: ${paid?.bankRef}`);
    await drainAll();
    expect((await told("disbursement_paid")).filter((n) => n.channel === "sms")).toHaveLength(1);
    expect((await inApp()).filter((n) => n.textVi.startsWith("Đã chuyển"))).toHaveLength(1);
    // Paid: nothing left to correct.
    const late = await correct(me, {
      bank: "Vietcombank",
      accountNumber: "0123456789",
      holderName: "Nguyễn Văn An",
    });
    expect([late.status, late.body.error?.code]).toEqual([409, "DISBURSEMENT_NOT_FLAGGED"]);
  });
});

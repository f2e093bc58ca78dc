import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dailySnapshot, rebuildKpis } from "../src/modules/metrics/index.js";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { pdfText } from "./helpers/poppler.js";
import { Browser, startTestServer, TEST_START, type TestServer } from "./helpers/server.js";

/**
 * The apology slip for a late dossier (`apologize`; Decree 61/2018/NĐ-CP, Circular 01/2018/TT-VPCP
 * Mẫu số 05): who may send it and when, bad input, what the citizen sees and is told, and the
 * Decision 766 publicity indicator it feeds, with its drill-down. The clock is injected and jumps.
 */
let s: TestServer;
let offset = TEST_START.getTime() - Date.now();
const now = () => new Date(Date.now() + offset);
const jumpTo = (at: Date) => {
  offset = at.getTime() - Date.now();
};
beforeAll(async () => {
  s = await startTestServer({}, { now });
});
afterAll(async () => {
  await s?.close();
});

type Err = {
  error: { code: string; messageVi: string; messageEn: string; details?: Array<{ field: string }> };
};
type View = {
  id: string;
  status: string;
  dueAt: string;
  nearDueAt: string;
  apology: { at: string; reason: string; newDueAt: string } | null;
  availableActions: string[];
  log: Array<{ type: string; reason: string | null; payload: Record<string, unknown> }>;
};
const signedIn = async (login: string) => {
  const b = new Browser(s.baseUrl);
  await b.signIn(login);
  return b;
};

/** A birth registration filed by the mother and received at the commune's one-stop desk. */
async function receivedDossier(key: string) {
  const mother = await signedIn(people.mother.pn);
  const id = (await mother.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.001193" })).body
    .id;
  const submitted = await mother.send(
    "POST",
    `/api/dossiers/${id}/submit`,
    { values: BIRTH_VALUES },
    { "idempotency-key": key },
  );
  const receiver = await signedIn("motcua.20194");
  const view = (await receiver.send<View>("POST", `/api/dossiers/${id}/actions`, { action: "receive" })).body;
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  expect(view.status, JSON.stringify(view)).toBe("received");
  return { id, mother, view };
}

const REASON = "Cần xác minh thêm thông tin với cơ quan khác.";
/** The dossier apologised for in the first test, still open. */
let first: { id: string; dueAt: string; newDueAt: string } | undefined;

describe(`the apology slip for a late dossier (${engine})`, () => {
  it("only while at risk or late, by the processing agency's officers, with a reason and a later date; the citizen sees and is told", async () => {
    const { id, mother, view } = await receivedDossier("apology-0001");
    const specialist = await signedIn("chuyenvien.20194");
    const post = (b: Browser, body: Record<string, unknown>) =>
      b.send<View & Err>("POST", `/api/dossiers/${id}/actions`, { action: "apologize", ...body });
    const dueAt = new Date(view.dueAt);
    const later = new Date(dueAt.getTime() + 2 * 86_400_000).toISOString();

    // On time: nothing to apologise for yet.
    const early = await post(specialist, { reason: REASON, newDueAt: later });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("APOLOGY_NOT_DUE");
    // The window the rule applies, in words: a same-day procedure received at about 09:00 has
    // 6 h 30 of office time, near due in its last quarter (about 1 h 37), not "the next working day".
    expect(early.body.error.messageVi).toMatch(
      /^Chỉ gửi phiếu xin lỗi khi hồ sơ chưa giải quyết xong và còn không quá 1 giờ 3\d phút làm việc trước hạn \(một phần tư thời hạn 6 giờ (2\d|30) phút làm việc của thủ tục giải quyết trong ngày\) hoặc đã quá hạn\.$/,
    );
    expect(early.body.error.messageEn).toMatch(
      /^An apology is sent only for a dossier not yet decided that has 1 hour 3\d minutes of working time or less left before the due time \(a quarter of the same-day procedure's time limit, 6 hours (2\d|30) minutes of working time\) or is already late\.$/,
    );

    // Due within the next working day.
    jumpTo(new Date(new Date(view.nearDueAt).getTime() + 60_000));
    const logLength = async () => (await specialist.send<View>("GET", `/api/dossiers/${id}`)).body.log.length;
    const before = await logLength();
    for (const [body, status, code, field] of [
      [{ reason: "Chậm.", newDueAt: later }, 400, "VALIDATION_FAILED", "body.reason"],
      [{ reason: "", newDueAt: later }, 400, "VALIDATION_FAILED", "body.reason"],
      [{ reason: REASON }, 400, "VALIDATION_FAILED", "body.newDueAt"],
      [{ reason: REASON, newDueAt: "ngày mai" }, 400, "VALIDATION_FAILED", "body.newDueAt"],
      [{ reason: REASON, newDueAt: dueAt.toISOString() }, 400, "VALIDATION_FAILED", "body.newDueAt"],
      [{ reason: REASON, newDueAt: "2026-11-01T09:00:00+07:00" }, 400, "VALIDATION_FAILED", "body.newDueAt"],
    ] as const) {
      const res = await post(specialist, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.details?.map((d) => d.field)).toContain(field);
      expect(res.body.error.messageVi.length).toBeGreaterThan(0);
      expect(res.body.error.messageEn.length).toBeGreaterThan(0);
    }
    // Not the citizen, not another commune's officer, not a province leader.
    for (const b of [mother, await signedIn("motcua.20197"), await signedIn("lanhdao.tinh.48")]) {
      const res = await post(b, { reason: REASON, newDueAt: later });
      expect([403, 404]).toContain(res.status);
    }
    expect(await logLength()).toBe(before);

    const ok = await post(specialist, { reason: REASON, newDueAt: later });
    expect(ok.status).toBe(200);
    expect(ok.body.apology).toMatchObject({ reason: REASON, newDueAt: later });
    // The legal due instant does not move.
    expect(ok.body.dueAt).toBe(view.dueAt);
    expect(ok.body.status).toBe("received");
    // The date is rescheduled once (src/domain/apology.ts): a second slip is refused, no longer offered.
    expect(ok.body.availableActions).not.toContain("apologize");
    const again = await post(specialist, { reason: REASON, newDueAt: later });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("APOLOGY_ALREADY_SENT");
    expect(again.body.error.messageVi).toMatch(/một lần/);
    expect(again.body.error.messageEn).toMatch(/only once/);

    const seen = (await mother.send<View>("GET", `/api/dossiers/${id}`)).body;
    expect(seen.apology).toMatchObject({ reason: REASON, newDueAt: later });
    const notes = (
      await mother.send<{ items: Array<{ textVi: string; textEn: string }> }>("GET", "/api/me/notifications")
    ).body.items;
    const note = notes.find((n) => n.textVi.includes("xin lỗi"));
    expect(note?.textVi).toContain(REASON);
    expect(note?.textVi).toContain("Hẹn lại ngày trả kết quả");
    expect(note?.textEn).toContain("apologises");
    first = { id, dueAt: view.dueAt, newDueAt: later };
  });

  it("the publicity indicator: the late dossier apologised for in time counts, the others cost the points (drill-down); the rebuild agrees", async () => {
    if (!first) throw new Error("the first test sets the apologised dossier");
    const a = { id: first.id, view: { dueAt: first.dueAt } };
    const specialist = await signedIn("chuyenvien.20194");
    const approver = await signedIn("lanhdao.20194");
    const dueAt = new Date(a.view.dueAt);
    // Decided a day after its due instant: late, and apologised for before it.
    jumpTo(new Date(dueAt.getTime() + 86_400_000));
    for (const [who, action] of [
      [specialist, "forward"],
      [approver, "approve"],
      [approver, "issue_result"],
    ] as const)
      expect((await who.send("POST", `/api/dossiers/${a.id}/actions`, { action })).status).toBe(200);
    const day = now().toISOString().slice(0, 10);
    const period = `from=${day.slice(0, 8)}01&to=${day}`;
    type Drill = { total: number; items: Array<{ id: string; onTime: boolean }> };
    const drill = async (part: string) =>
      (
        await approver.send<Drill>(
          "GET",
          `/api/leader/kpis/dossiers?figure=timelyApologyShare&part=${part}&level=commune&code=20194&${period}`,
        )
      ).body;
    const hit = await drill("hit");
    const rest = await drill("rest");
    expect(hit.items.map((i) => i.id)).toContain(a.id);
    // The points lost: the late dossiers without a timely apology (the fixtures' late ones).
    expect(rest.items.map((i) => i.id)).not.toContain(a.id);
    expect([...hit.items, ...rest.items].every((i) => !i.onTime)).toBe(true);

    type Index = {
      grade: string | null;
      groups: Array<{
        id: string;
        score: number | null;
        indicators: Array<{ id: string; value: number | null; lost: number | null }>;
      }>;
    };
    const index = (await (
      await fetch(`${s.baseUrl}/api/open/index766?level=commune&code=20194&${period}`)
    ).json()) as Index;
    const publicity = index.groups.find((g) => g.id === "publicity");
    const share = hit.total / (hit.total + rest.total);
    expect(publicity?.indicators[0]).toMatchObject({ id: "publicity.apology" });
    expect(publicity?.indicators[0]?.value).toBeCloseTo(share, 12);
    expect(publicity?.score).toBeCloseTo(18 * share, 12);
    expect(publicity?.indicators[0]?.lost).toBeCloseTo(18 * (rest.total / (hit.total + rest.total)), 12);
    // Not on the open KPIs: their names are exactly KPIS.md's.
    const open = (await (
      await fetch(`${s.baseUrl}/api/open/kpis?level=commune&code=20194&${period}`)
    ).json()) as Record<string, unknown>;
    expect(open).not.toHaveProperty("timelyApologyShare");

    const incremental = await dailySnapshot(s.db);
    await rebuildKpis(s.db);
    expect(await dailySnapshot(s.db)).toEqual(incremental);
  });

  it("the signed slip: a PDF with the dossier code, the reason and the new date, for the citizen and the officers; verifiable", async () => {
    if (!first) throw new Error("the first test sets the apologised dossier");
    const { id, newDueAt } = first;
    const mother = await signedIn(people.mother.pn);
    const seen = (
      await mother.send<View & { code: string; apology: { slipNumber: string } }>(
        "GET",
        `/api/dossiers/${id}`,
      )
    ).body;
    expect(seen.apology.slipNumber).toBe(`PXL-${seen.code}-1`);
    // The new date as the slip prints it: the local day (UTC+7), dd/mm/yyyy.
    const local = new Date(new Date(newDueAt).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    const day = `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
    let bytes: Buffer | undefined;
    for (const b of [mother, await signedIn("chuyenvien.20194"), await signedIn("motcua.20194")]) {
      const res = await b.fetch(`/api/dossiers/${id}/apology.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      bytes = Buffer.from(await res.arrayBuffer());
      const text = pdfText(bytes).replace(/\s+/g, " ");
      expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      expect(text).toContain("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
      expect(text).toContain(seen.code);
      expect(text).toContain(REASON);
      expect(text).toContain(`Hẹn lại ngày trả kết quả: ${day}`);
      expect(text).toContain(`Số: PXL-${seen.code}-1`);
    }
    // Another commune's officer does not see the dossier.
    const other = await (await signedIn("motcua.20197")).fetch(`/api/dossiers/${id}/apology.pdf`);
    expect([403, 404]).toContain(other.status);
    // Anyone can check the file, like a result; one changed byte fails.
    const verify = async (body: Buffer) =>
      (await (
        await fetch(`${s.baseUrl}/api/results/verify`, {
          method: "POST",
          headers: { "content-type": "application/pdf" },
          body: new Uint8Array(body),
        })
      ).json()) as { valid: boolean; number?: string; nameVi?: string };
    if (!bytes) throw new Error("no slip downloaded");
    expect(await verify(bytes)).toMatchObject({
      valid: true,
      number: `PXL-${seen.code}-1`,
      nameVi: "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    });
    const changed = Buffer.from(bytes);
    changed[changed.length - 20] = (changed[changed.length - 20] ?? 0) ^ 1;
    expect((await verify(changed)).valid).toBe(false);
    const byNumber = (await (
      await fetch(`${s.baseUrl}/api/results/${encodeURIComponent(`PXL-${seen.code}-1`)}`)
    ).json()) as { valid: boolean };
    expect(byNumber.valid).toBe(true);
  });
});

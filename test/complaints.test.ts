import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dailySnapshot, monthlySnapshot, rebuildKpis } from "../src/modules/metrics/index.js";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, MARITAL, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, TEST_START, type TestServer } from "./helpers/server.js";

/**
 * Feedback and complaints on a dossier (issue 13): the citizen files one on her own dossier, the
 * officer of its jurisdiction answers once and she is told; bad input has its codes. The Decision
 * 766 indicator "complaints handled on time" (15 working days, src/domain/complaints.ts) from them,
 * with an injected clock that jumps: one answered on time, one late, one open past its due, one
 * open still in time (not counted until its due instant passes, with no action to move it); the
 * open figures' complaint rate, the index card and the drill-down equal hand-computed values, and
 * the rebuild gives the incremental rollups.
 */
let s: TestServer;
let offset = TEST_START.getTime() - Date.now();
const now = () => new Date(Date.now() + offset);
const jumpTo = (at: string) => {
  offset = new Date(at).getTime() - Date.now();
};
beforeAll(async () => {
  s = await startTestServer({}, { now });
});
afterAll(async () => {
  await s?.close();
});

type Err = { error: { code: string; messageVi: string; messageEn: string } };
type Complaint = {
  id: string;
  text: string;
  createdAt: string;
  dueAt: string;
  status: "waiting" | "answered";
  answer: string | null;
  answeredAt: string | null;
  answeredBy: { name: string; officeVi: string } | null;
  answeredOnTime: boolean | null;
  workingDaysLeft: number | null;
};
type Complaints = { items: Complaint[]; mayComplain: boolean; mayAnswer: boolean };
type Queue = {
  items: Array<{ id: string; complaintDueAt: string | null }>;
  total: number;
  byStatus: Record<string, number>;
  openComplaints: number;
};
type Index = {
  version: string;
  groups: Array<{
    id: string;
    indicators: Array<{ id: string; value: number | null; score: number | null; lost: number | null }>;
  }>;
};
const signedIn = async (login: string) => {
  const b = new Browser(s.baseUrl);
  await b.signIn(login);
  return b;
};
const complaintsIndicator = async (period: string) => {
  const index = (await (
    await fetch(`${s.baseUrl}/api/open/index766?level=commune&code=20194&${period}`)
  ).json()) as Index;
  return {
    version: index.version,
    ...index.groups.flatMap((g) => g.indicators).find((i) => i.id === "satisfaction.complaintsOnTime"),
  };
};
const openKpis = async (period: string) =>
  (await (await fetch(`${s.baseUrl}/api/open/kpis?level=commune&code=20194&${period}`)).json()) as {
    finished: number;
    complaintRate: number | null;
  };

const DECEMBER = "from=2026-12-01&to=2026-12-31";
const BEFORE = "from=2026-12-01&to=2026-12-06";
const ids = { birth: "", marital: "" };

describe(`feedback and complaints on a dossier (${engine})`, () => {
  it("the citizen files one on her own dossier (bad input coded, others 404, idempotent); the officer answers once; she is told", async () => {
    jumpTo("2026-12-04T08:30:00+07:00");
    const mother = await signedIn(people.mother.pn);
    const receiver = await signedIn("motcua.20194");
    const specialist = await signedIn("chuyenvien.20194");
    const approver = await signedIn("lanhdao.20194");
    // A birth registration received and decided on Friday 4 December.
    ids.birth = (
      await mother.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.001193" })
    ).body.id;
    expect(
      (await mother.send("POST", `/api/dossiers/${ids.birth}/submit`, { values: BIRTH_VALUES })).status,
    ).toBe(200);
    for (const [who, action] of [
      [receiver, "receive"],
      [specialist, "forward"],
      [approver, "approve"],
      [approver, "issue_result"],
    ] as const)
      expect((await who.send("POST", `/api/dossiers/${ids.birth}/actions`, { action })).status).toBe(200);
    // A marital status confirmation, submitted (its fee not paid: not received).
    ids.marital = (
      await mother.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: MARITAL.code })
    ).body.id;
    expect(
      (await mother.send("POST", `/api/dossiers/${ids.marital}/submit`, { values: MARITAL.values })).status,
    ).toBe(200);
    // Before any complaint (1–6 December): the indicator has nothing to count and costs nothing.
    jumpTo("2026-12-07T09:00:00+07:00");
    const none = await complaintsIndicator(BEFORE);
    expect(none).toMatchObject({ version: "2026.12-complaints", value: null, score: 9, lost: 0 });
    const baseline = await openKpis(DECEMBER);

    const post = (b: Browser, id: string, body: unknown, headers: Record<string, string> = {}) =>
      b.send<Complaints & Err>("POST", `/api/dossiers/${id}/complaints`, body, headers);
    for (const [body, code] of [
      [{}, "COMPLAINT_TEXT_REQUIRED"],
      [{ text: "   \n " }, "COMPLAINT_TEXT_REQUIRED"],
      [{ text: "x".repeat(2001) }, "COMPLAINT_TOO_LONG"],
    ] as const) {
      const res = await post(mother, ids.birth, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.messageVi.length).toBeGreaterThan(0);
      expect(res.body.error.messageEn.length).toBeGreaterThan(0);
    }
    // Someone else's dossier: not found, as an id naming nothing; an officer does not file one.
    expect((await post(await signedIn(people.father.pn), ids.birth, { text: "Chậm." })).status).toBe(404);
    expect((await post(receiver, ids.birth, { text: "Chậm." })).status).toBe(403);

    // Filed Monday 7 December 09:00: due 15 working days later, Monday 28 December 17:00. The
    // 2,000 characters are counted once trimmed. A retry with the same key files nothing more.
    const long = `${"Kết quả chưa ghi đúng tên. ".repeat(80).slice(0, 1999)}.`;
    const c1 = await post(
      mother,
      ids.birth,
      { text: `  ${long}\n` },
      { "idempotency-key": "complaint-0001" },
    );
    expect(c1.status, JSON.stringify(c1.body)).toBe(201);
    const again = await post(
      mother,
      ids.birth,
      { text: `  ${long}\n` },
      { "idempotency-key": "complaint-0001" },
    );
    expect(again.status).toBe(201);
    expect(again.body.items).toHaveLength(1);
    const first = c1.body.items[0];
    expect(first).toMatchObject({
      status: "waiting",
      answer: null,
      dueAt: new Date("2026-12-28T17:00:00+07:00").toISOString(),
      workingDaysLeft: 15,
    });
    expect(first?.text).toBe(long);
    expect(c1.body.mayComplain).toBe(true);
    expect(c1.body.mayAnswer).toBe(false);
    // Two complaints on the submitted dossier at the same instant, and (Thursday 10 December) one more.
    const c2 = (await post(mother, ids.marital, { text: "Tôi đã nộp lệ phí nhưng chưa thấy cập nhật." }))
      .body;
    const c3 = (await post(mother, ids.marital, { text: "Xin cho biết khi nào được tiếp nhận." })).body;
    jumpTo("2026-12-10T09:00:00+07:00");
    const c4 = (await post(mother, ids.marital, { text: "Tôi cần gấp để đăng ký kết hôn." })).body;
    expect(c4.items[0]?.dueAt).toBe(new Date("2026-12-31T17:00:00+07:00").toISOString());
    const [late, open] = [c2.items[0]?.id ?? "", c3.items.find((c) => c.id !== c2.items[0]?.id)?.id ?? ""];

    // The queue's open complaints (receiver of Hải Vân): both dossiers, each with its earliest
    // open complaint's due instant, a page at a time; the badge counts under the other filters.
    const queue = async (query: string) =>
      (await receiver.send<Queue & Err>("GET", `/api/officer/dossiers?${query}`)).body;
    const DUE_28 = new Date("2026-12-28T17:00:00+07:00").toISOString();
    const open2 = await queue("complaint=open&limit=50");
    expect(open2.total).toBe(2);
    expect(open2.openComplaints).toBe(2);
    expect(open2.items.map((i) => [i.id, i.complaintDueAt]).sort()).toEqual(
      [
        [ids.birth, DUE_28],
        [ids.marital, DUE_28],
      ].sort(),
    );
    const page2 = await queue("complaint=open&limit=1&offset=1");
    expect([page2.total, page2.items.length]).toEqual([2, 1]);
    expect(page2.items[0]?.id).not.toBe((await queue("complaint=open&limit=1")).items[0]?.id);
    const issued = await queue("status=result_issued&limit=0");
    expect(issued.openComplaints).toBe(1);
    expect((await queue("status=result_issued&complaint=open&limit=50")).items.map((i) => i.id)).toEqual([
      ids.birth,
    ]);
    const all = await queue("limit=200");
    expect(all.openComplaints).toBe(2);
    expect(all.items.find((i) => i.id === ids.birth)?.complaintDueAt).toBe(DUE_28);
    const badFilter = await receiver.send<Err>("GET", "/api/officer/dossiers?complaint=closed");
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error.code).toBe("VALIDATION_FAILED");
    expect([badFilter.body.error.messageVi.length > 0, badFilter.body.error.messageEn.length > 0]).toEqual([
      true,
      true,
    ]);
    // Another commune's receiver sees none of them.
    const other = await signedIn("motcua.20197");
    expect(
      (await other.send<Queue>("GET", "/api/officer/dossiers?complaint=open&limit=0")).body.openComplaints,
    ).toBe(0);

    // The officer sees them with the working days left and answers c1 on time.
    const seen = (await receiver.send<Complaints>("GET", `/api/dossiers/${ids.birth}/complaints`)).body;
    expect(seen.mayAnswer).toBe(true);
    expect(seen.items[0]).toMatchObject({ status: "waiting", workingDaysLeft: 12 });
    const answer = (b: Browser, id: string, complaint: string, text?: string) =>
      b.send<Complaints & Err>("POST", `/api/dossiers/${id}/complaints/${complaint}/answer`, { text });
    expect((await answer(receiver, ids.birth, first?.id ?? "", "  ")).body.error.code).toBe(
      "COMPLAINT_ANSWER_REQUIRED",
    );
    expect((await answer(mother, ids.birth, first?.id ?? "", "Tự trả lời.")).status).toBe(403);
    expect(
      (await answer(await signedIn("motcua.20197"), ids.birth, first?.id ?? "", "Không phải xã tôi.")).status,
    ).toBe(404);
    expect((await answer(receiver, ids.birth, late, "Sai hồ sơ.")).body.error.code).toBe(
      "COMPLAINT_NOT_FOUND",
    );
    const ANSWER = "Đã sửa tên trên kết quả điện tử; mời bà tải lại.";
    const answered = await answer(receiver, ids.birth, first?.id ?? "", ANSWER);
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.items[0]).toMatchObject({
      status: "answered",
      answer: ANSWER,
      answeredOnTime: true,
    });
    const twice = await answer(receiver, ids.birth, first?.id ?? "", ANSWER);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("COMPLAINT_ANSWERED");

    // The citizen sees the answer and was told; the log has both actions; the status did not move.
    const mine = (await mother.send<Complaints>("GET", `/api/dossiers/${ids.birth}/complaints`)).body;
    expect(mine.items[0]).toMatchObject({ status: "answered", answer: ANSWER, answeredOnTime: true });
    expect(mine.items[0]?.answeredAt?.slice(0, 10)).toBe("2026-12-10");
    // Who answered: the officer's name and the office (the one-stop desk serves every agency: the
    // dossier's, the commune People's Committee, at the officer's commune).
    const { rows: officer } = await s.db.query<{ full_name: string }>(
      "select full_name from officers where username = 'motcua.20194'",
    );
    expect(mine.items[0]?.answeredBy).toEqual({
      name: officer[0]?.full_name,
      officeVi: "Ủy ban nhân dân phường Hải Vân",
    });
    // The answered dossier has left the open complaints' queue.
    expect((await queue("complaint=open&limit=50")).items.map((i) => i.id)).toEqual([ids.marital]);
    const notes = (
      await mother.send<{ items: Array<{ textVi: string; textEn: string }> }>("GET", "/api/me/notifications")
    ).body.items;
    expect(notes.find((n) => n.textVi.includes("phản ánh, kiến nghị"))?.textVi).toContain(ANSWER);
    const view = (
      await mother.send<{ status: string; log: Array<{ type: string; payload: Record<string, unknown> }> }>(
        "GET",
        `/api/dossiers/${ids.birth}`,
      )
    ).body;
    expect(view.status).toBe("result_issued");
    expect(view.log.filter((a) => a.type === "complain")).toHaveLength(1);
    expect(view.log.find((a) => a.type === "answer_complaint")?.payload.complaintId).toBe(first?.id);

    // c2 answered on Tuesday 29 December 09:00, after its due instant (28 December 17:00): late.
    jumpTo("2026-12-29T09:00:00+07:00");
    expect((await answer(receiver, ids.marital, late, "Lệ phí đã được ghi nhận.")).status).toBe(200);

    // At 29 December 10:00: c1 on time; c2 late; c3 open past its due (28 December); c4 open, due
    // 31 December 17:00, not counted yet. 1 of 3 on time: 9 × 1/3 = 3 points, 6 lost.
    jumpTo("2026-12-29T10:00:00+07:00");
    const dec = await complaintsIndicator(DECEMBER);
    expect(dec.value).toBeCloseTo(1 / 3, 12);
    expect(dec.score).toBeCloseTo(3, 12);
    expect(dec.lost).toBeCloseTo(6, 12);
    // The complaint rate: the finished birth dossier now has a complaint (the marital one is not finished).
    const after = await openKpis(DECEMBER);
    expect(after.finished).toBe(baseline.finished);
    expect(after.complaintRate).toBeCloseTo(
      ((baseline.complaintRate ?? 0) * baseline.finished + 1) / baseline.finished,
      12,
    );
    // The drill-down lists complaints, not dossiers: each one's filing, due and answer instants
    // (null: not answered) and whether it was answered on time; `hit` c1, `rest` c2 and c3 (c4
    // not counted yet).
    type Drill = {
      kind: string;
      total: number;
      items: Array<{
        id: string;
        dossierId: string;
        filedAt: string;
        dueAt: string;
        answeredAt: string | null;
        answeredOnTime: boolean;
        link: string | null;
      }>;
    };
    const drill = async (part: string, page = "") =>
      (
        await approver.send<Drill>(
          "GET",
          `/api/leader/kpis/dossiers?figure=complaintsOnTimeShare&part=${part}&level=commune&code=20194&${DECEMBER}${page}`,
        )
      ).body;
    const hit = await drill("hit");
    expect([hit.kind, hit.total]).toEqual(["complaints", 1]);
    expect(hit.items).toEqual([
      {
        id: first?.id,
        dossierId: ids.birth,
        code: expect.any(String),
        procedureCode: "1.001193",
        communeCode: "20194",
        filedAt: first?.createdAt,
        dueAt: DUE_28,
        answeredAt: answered.body.items[0]?.answeredAt,
        answeredOnTime: true,
        link: `/can-bo/ho-so/${ids.birth}`,
      },
    ]);
    const rest = await drill("rest");
    expect([rest.kind, rest.total]).toEqual(["complaints", 2]);
    const byId = new Map(rest.items.map((i) => [i.id, i]));
    expect(byId.get(late)).toMatchObject({
      dossierId: ids.marital,
      dueAt: DUE_28,
      answeredAt: expect.stringMatching(/^2026-12-29T02:00:/),
      answeredOnTime: false,
    });
    expect(byId.get(open)).toMatchObject({
      dossierId: ids.marital,
      dueAt: DUE_28,
      answeredAt: null,
      answeredOnTime: false,
    });
    // A page at a time; a dossier figure's drill still lists dossiers.
    const onePage = await drill("rest", "&limit=1&offset=1");
    expect([onePage.total, onePage.items.length]).toEqual([2, 1]);
    const finished = (
      await approver.send<Drill>(
        "GET",
        `/api/leader/kpis/dossiers?figure=finished&level=commune&code=20194&${DECEMBER}`,
      )
    ).body;
    expect(finished.kind).toBe("dossiers");

    // Monday 4 January 2027: c4's due instant passed with no action; it now counts, late: 1 of 4.
    jumpTo("2027-01-04T08:00:00+07:00");
    const later = await complaintsIndicator(DECEMBER);
    expect(later.value).toBeCloseTo(1 / 4, 12);
    expect(later.score).toBeCloseTo(9 / 4, 12);

    // The rebuild from the logs gives the same rollups as the incremental ones.
    const incremental = { days: await dailySnapshot(s.db), months: await monthlySnapshot(s.db) };
    await rebuildKpis(s.db);
    expect({ days: await dailySnapshot(s.db), months: await monthlySnapshot(s.db) }).toEqual(incremental);
    expect((await complaintsIndicator(DECEMBER)).value).toBeCloseTo(1 / 4, 12);
  });
});

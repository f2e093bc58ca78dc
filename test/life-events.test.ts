// Over 400 lines: one test server walks births (notice and paper), deaths and marriages in sequence.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatInstant } from "../src/domain/vietnamese-dates.js";
import { engine } from "./helpers/db.js";
import { PDF } from "./helpers/files.js";
import { A, addDeceased, people } from "./helpers/fixtures.js";
import { FAMILY, signedIn } from "./helpers/journey.js";
import { needsPoppler, pdfText } from "./helpers/poppler.js";
import { type Browser, clockFrom, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * One life event, one registration (issue 9.5): a second submit for a birth notice, a deceased
 * person or a couple that already has an open or finished dossier is refused with
 * DUPLICATE_LIFE_EVENT naming the first dossier; a withdrawn or refused first dossier frees it;
 * two submits at once: one wins.
 */
type View = {
  id: string;
  code: string | null;
  status: string;
  error?: {
    code: string;
    messageVi: string;
    details?: Array<{
      field: string;
      messageVi: string;
      messageEn: string;
      dossier?: { code: string; id?: string; open: boolean };
    }>;
  };
};

const BIRTH = "1.001193";
const DEATH = "LOCAL.KHAI-TU";
const MARRIAGE = "LOCAL.KET-HON";
const BIRTH_VALUES = {
  "requester.relationship": "mother",
  "child.fullName": "Nguyễn Ngọc Diệp",
  "child.ethnicity": "Kinh",
  "child.nationality": "VN",
  "child.homeTown": "Hải Vân, Đà Nẵng",
  "declaration.sworn": true,
};
const DEATH_VALUES = { "requester.relationship": "child", "declaration.sworn": true };
/**
 * The mother is the deceased's daughter-in-law (wife of his son, the head): her relationship is
 * prefilled read-only from the household ("relative", src/domain/household-kin.ts), not typed.
 */
const DAUGHTER_IN_LAW_VALUES = { "declaration.sworn": true };
// The grandfather of household HA-1 died at 19:08 in Vietnam; the hospital sent a death notice.
const deceased = { pn: "048040000104", name: "Nguyễn Văn Cường", birth: "1940-02-10" };
const marriageWith = (partner: { pn: string; name: string; birth: string; sex: string }) => ({
  "applicant.marriageCount": 1,
  "partner.fullName": partner.name,
  "partner.personalNumber": partner.pn,
  "partner.birthDate": partner.birth,
  "partner.sex": partner.sex,
  "partner.ethnicity": "Kinh",
  "partner.nationality": "Việt Nam",
  "partner.marriageCount": 1,
  "declaration.sworn": true,
});

let s: TestServer;
const as: Record<string, Browser> = {};
beforeAll(async () => {
  // The morning after the death (Thursday 5 November 2026, 09:00 in Vietnam).
  s = await startTestServer({}, { now: clockFrom(new Date("2026-11-05T09:00:00+07:00")) });
  await addDeceased(s.db, deceased, { household: "HA-1", notice: "GBT-TEST-0001", commune: A.commune });
  Object.assign(
    as,
    await signedIn(s.baseUrl, {
      ...FAMILY,
      neighbour: people.neighbour.pn,
      receiver: "motcua.20194",
      leader: "lanhdao.20194",
    }),
  );
});
afterAll(async () => s?.close());

const b = (name: string): Browser => {
  const x = as[name];
  if (!x) throw new Error(`no browser ${name}`);
  return x;
};
const start = (who: string, procedureCode: string) =>
  b(who).send<View>("POST", "/api/dossiers", { procedureCode });
const draft = async (who: string, procedureCode: string): Promise<string> => {
  const r = await start(who, procedureCode);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
};
const submit = (who: string, id: string, values: Record<string, unknown>) =>
  b(who).send<View>("POST", `/api/dossiers/${id}/submit`, { values });
const act = async (who: string, id: string, action: string, reason?: string) => {
  const r = await b(who).send<View>("POST", `/api/dossiers/${id}/actions`, { action, reason });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const statusOf = async (id: string) =>
  (await s.db.query<{ status: string }>("select status from dossiers where id = $1", [id])).rows[0]?.status;

/**
 * The refusal: 409, the stable code, and the first dossier's code in both languages; with `first`,
 * also where it stands (open: withdraw or wait; finished: download the extract) and its id exactly
 * when the submitter may open it. Never "try again".
 */
function expectDuplicateOf(
  r: { status: number; body: View },
  firstCode: string | null,
  first?: { open: boolean; id?: string },
) {
  expect(r.status, JSON.stringify(r.body)).toBe(409);
  expect(r.body.error?.code).toBe("DUPLICATE_LIFE_EVENT");
  expect(r.body.error?.messageVi).toMatch(/không thể nộp trùng/);
  const d = r.body.error?.details?.[0];
  expect(d?.field).toBe("duplicateOf");
  expect(firstCode).toMatch(/^UB\.\d{5}\.H48-\d{6}-\d{4}$/);
  expect(d?.messageVi).toContain(`số ${firstCode}`);
  expect(d?.messageEn).toContain(`${firstCode}`);
  expect(`${d?.messageVi} ${d?.messageEn}`).not.toMatch(/thử lại|try again/i);
  if (!first) return;
  expect(d?.dossier).toEqual({ code: firstCode, open: first.open, ...(first.id ? { id: first.id } : {}) });
  if (first.open) {
    expect(d?.messageVi).toContain("đang được giải quyết");
    expect(d?.messageEn).toMatch(
      /wait for that dossier's decision; to file this one instead, its filer withdraws/,
    );
  } else {
    expect(d?.messageVi).toContain("tải bản điện tử (trích lục)");
    expect(d?.messageEn).toContain("download the electronic extract");
    expect(d?.messageEn).not.toMatch(/withdraw/);
  }
}

/** Two submits fired together: exactly one 200; the other is refused naming the winner. */
async function race(
  a: [string, string, Record<string, unknown>],
  c: [string, string, Record<string, unknown>],
) {
  const [r1, r2] = await Promise.all([submit(...a), submit(...c)]);
  const won = [r1, r2].filter((r) => r.status === 200);
  const lost = [r1, r2].filter((r) => r.status !== 200);
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  const winner = won[0]?.body;
  expectDuplicateOf(lost[0] as { status: number; body: View }, winner?.code ?? null);
  const loserId = winner?.id === a[1] ? c[1] : a[1];
  expect(await statusOf(loserId)).toBe("draft");
  return { winner: winner as View, loserId };
}

describe(`one birth notice, one birth registration (${engine})`, () => {
  let first: View;
  let second = "";

  it("the first registration is submitted; a second draft is refused when started, one started before at its submit", async () => {
    const id = await draft("mother", BIRTH);
    // Started before the first was submitted: the submit is the second guard (issue 14 point 4).
    second = await draft("mother", BIRTH);
    const r = await submit("mother", id, BIRTH_VALUES);
    expect(r.status).toBe(200);
    first = r.body;
    // Started now: refused at once, before anything is typed, with the words a submit gets; no draft.
    const drafts = async () =>
      (await s.db.query("select id from dossiers where applicant_number = $1", [people.mother.pn])).rows
        .length;
    const before = await drafts();
    expectDuplicateOf(await start("mother", BIRTH), first.code, { open: true, id: first.id });
    expect(await drafts()).toBe(before);
    const again = await submit("mother", second, BIRTH_VALUES);
    // Her own first dossier, still being handled: named, linked.
    expectDuplicateOf(again, first.code, { open: true, id: first.id });
    // Nothing was written: still a draft, no code, no submit action, no payment request.
    const { rows } = await s.db.query<{ status: string; code: string | null; submits: number }>(
      `select d.status, d.code, (select count(*)::int from dossier_actions a where a.dossier_id = d.id and a.action = 'submit') as submits
       from dossiers d where d.id = $1`,
      [second],
    );
    expect(rows).toEqual([{ status: "draft", code: null, submits: 0 }]);
    const denied = await s.db.query(
      "select 1 from audit_log where outcome = 'denied' and action = 'dossier.submit' and resource = $1",
      [`dossier:${second}`],
    );
    expect(denied.rows).toHaveLength(1);
  });

  it("the father cannot register the same newborn again either", async () => {
    // Refused when his draft is started: the mother's dossier named, not linked (he may not open it).
    expectDuplicateOf(await start("father", BIRTH), first.code, { open: true });
  });

  it("once the first dossier is withdrawn, the second submit goes through", async () => {
    expect((await act("mother", first.id, "withdraw")).status).toBe("withdrawn");
    const r = await submit("mother", second, BIRTH_VALUES);
    expect(r.status).toBe(200);
    expect(r.body.code).not.toBe(first.code);
    expect((await act("mother", second, "withdraw")).status).toBe("withdrawn");
  });

  let winner: View;
  let loser = "";
  it("two submits at once for the same newborn (mother and father): one is registered, the other refused", async () => {
    const m = await draft("mother", BIRTH);
    const f = await draft("father", BIRTH);
    ({ winner, loserId: loser } = await race(
      ["mother", m, BIRTH_VALUES],
      ["father", f, { ...BIRTH_VALUES, "requester.relationship": "father" }],
    ));
    const { rows } = await s.db.query<{ n: number }>(
      `select count(*)::int as n from dossiers where procedure_code = $1 and life_event_key = 'birth-notice:GCS-TEST-0001'
         and status not in ('draft', 'withdrawn', 'rejected', 'refused')`,
      [BIRTH],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it("a finished registration (result issued) still holds the event", async () => {
    await act("receiver", winner.id, "receive");
    await act("receiver", winner.id, "forward");
    await act("leader", winner.id, "approve");
    expect((await act("leader", winner.id, "issue_result")).status).toBe("result_issued");
    const owner = (
      await s.db.query<{ applicant_number: string }>("select applicant_number from dossiers where id = $1", [
        loser,
      ])
    ).rows[0]?.applicant_number;
    const r = await submit(owner === people.mother.pn ? "mother" : "father", loser, {
      ...BIRTH_VALUES,
      "requester.relationship": owner === people.mother.pn ? "mother" : "father",
    });
    // Finished: already registered, nothing to withdraw; linked only for the winner's own applicant.
    const winnerOwner = (
      await s.db.query<{ applicant_number: string }>("select applicant_number from dossiers where id = $1", [
        winner.id,
      ])
    ).rows[0]?.applicant_number;
    expectDuplicateOf(r, winner.code, { open: false, ...(winnerOwner === owner ? { id: winner.id } : {}) });
  });
});

/**
 * Without the health facility's electronic notice (a paper birth certificate uploaded), a birth is
 * known by the mother (full name, year of birth), the child's birth date, folded name and sex: a
 * second filing of the same child is refused naming the first, and so is a paper filing of a child
 * already registered by notice; twins (same day, other names) are not.
 */
describe(`one child, one birth registration without the electronic notice (${engine})`, () => {
  const PAPER = {
    "requester.relationship": "relative",
    "child.fullName": "Nguyễn Minh An",
    "child.birthDate": "2026-11-02",
    "child.sex": "M",
    "child.placeOfBirth": "Trạm y tế phường Hải Vân",
    "child.ethnicity": "Kinh",
    "child.nationality": "VN",
    "child.homeTown": "Hải Vân, Đà Nẵng",
    "mother.fullName": "Nguyễn Thị Thanh",
    "mother.birthYear": 1996,
    "mother.ethnicity": "Kinh",
    "mother.nationality": "VN",
    "mother.residence": "Hải Vân, Đà Nẵng",
    "declaration.sworn": true,
  };
  const paperDraft = async (who: string) => {
    const id = await draft(who, BIRTH);
    const up = await b(who).fetch(`/api/dossiers/${id}/components/birthCertificate`, {
      method: "PUT",
      headers: {
        "content-type": "application/pdf",
        "x-filename": encodeURIComponent("giay-chung-sinh.pdf"),
        "x-csrf-token": await b(who).csrf(),
      },
      body: new Uint8Array(PDF),
    });
    expect(up.status, await up.clone().text()).toBe(201);
    return id;
  };
  let first: View;

  it("the same child filed twice on paper: the second is refused naming the first", async () => {
    const r = await submit("worker", await paperDraft("worker"), PAPER);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    first = r.body;
    const { rows } = await s.db.query("select life_event_key from dossiers where id = $1", [first.id]);
    expect(rows[0]).toEqual({ life_event_key: "birth:nguyen thi thanh~1996:2026-11-02:nguyen minh an:M" });
    const again = await paperDraft("worker");
    // Typed without diacritics this time: still the same child.
    expectDuplicateOf(
      await submit("worker", again, { ...PAPER, "child.fullName": "Nguyen Minh An" }),
      first.code,
    );
    expect(await statusOf(again)).toBe("draft");
  });

  it("a twin born the same day, with another name, is registered", async () => {
    const r = await submit("worker", await paperDraft("worker"), {
      ...PAPER,
      "child.fullName": "Nguyễn Minh Anh",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });

  it("a child already registered by the electronic notice cannot be registered again on paper", async () => {
    const { rows } = await s.db.query<{ code: string; form: Record<string, unknown> }>(
      `select code, form from dossiers where procedure_code = $1 and life_event_key = 'birth-notice:GCS-TEST-0001'
         and status not in ('draft', 'withdrawn', 'rejected', 'refused')`,
      [BIRTH],
    );
    const byNotice = rows[0];
    expect(byNotice?.code).toBeDefined();
    const f = byNotice?.form ?? {};
    const r = await submit("neighbour", await paperDraft("neighbour"), {
      ...PAPER,
      "child.fullName": f["child.fullName"],
      "child.birthDate": f["child.birthDate"],
      "child.sex": f["child.sex"],
      "mother.fullName": f["mother.fullName"],
      "mother.birthYear": f["mother.birthYear"],
    });
    expectDuplicateOf(r, byNotice?.code ?? null);
  });
});

describe(`one death, one death registration (${engine})`, () => {
  let first: View;
  let second = "";

  it("the death is registered by the son; the mother's second registration is refused naming it", async () => {
    const id = await draft("father", DEATH);
    // Her draft started before his submit meets the refusal at its own submit (the second guard).
    second = await draft("mother", DEATH);
    const r = await submit("father", id, DEATH_VALUES);
    expect(r.status).toBe(200);
    first = r.body;
    const key = await s.db.query<{ life_event_key: string }>(
      "select life_event_key from dossiers where id = $1",
      [id],
    );
    expect(key.rows[0]?.life_event_key).toBe(`death:${deceased.pn}`);
    // Started now (the death notice names him): refused at once, before anything is typed.
    expectDuplicateOf(await start("mother", DEATH), first.code, { open: true });
    expectDuplicateOf(await submit("mother", second, DAUGHTER_IN_LAW_VALUES), first.code, { open: true });
  });

  it("after the officer refuses the first dossier, the second one can be filed", async () => {
    await act("receiver", first.id, "receive");
    await act("receiver", first.id, "forward");
    expect((await act("leader", first.id, "refuse", "Người yêu cầu khai sai quan hệ.")).status).toBe(
      "refused",
    );
    const r = await submit("mother", second, DAUGHTER_IN_LAW_VALUES);
    expect(r.status).toBe(200);
    expect((await act("mother", second, "withdraw")).status).toBe("withdrawn");
  });

  let registered: View;
  it("two submits at once for the same death: one wins", async () => {
    const f = await draft("father", DEATH);
    const m = await draft("mother", DEATH);
    registered = (await race(["father", f, DEATH_VALUES], ["mother", m, DAUGHTER_IN_LAW_VALUES])).winner;
  });

  it("the citizen is told the due date in local time, the Vietnamese way", async () => {
    const received = await b("receiver").send<View & { dueAt: string }>(
      "POST",
      `/api/dossiers/${registered.id}/actions`,
      { action: "receive" },
    );
    const { rows } = await s.db.query<{ payload: { textVi: string; textEn: string } }>(
      "select payload from outbox where topic = 'notify.citizen' and payload->>'dossierId' = $1 order by id desc limit 1",
      [registered.id],
    );
    expect(rows[0]?.payload.textVi).toBe(
      `Hồ sơ “Đăng ký khai tử” (mã ${registered.code}) đã được tiếp nhận. Hẹn trả kết quả trước ${formatInstant(received.body.dueAt)}.`,
    );
    // Same-day procedure received on the morning of 5 November: due at 17:00 that day in Vietnam.
    expect(received.body.dueAt).toBe("2026-11-05T10:00:00.000Z");
    expect(rows[0]?.payload.textVi).toMatch(/trước 17 giờ 00 phút, ngày 05\/11\/2026\.$/);
  });

  it.skipIf(!needsPoppler)(
    "the death extract prints the time of death at 19:08 local time and names the authority",
    async () => {
      await act("receiver", registered.id, "forward");
      await act("leader", registered.id, "approve");
      await act("leader", registered.id, "issue_result");
      const { rows } = await s.db.query<{ applicant_number: string }>(
        "select applicant_number from dossiers where id = $1",
        [registered.id],
      );
      const who = rows[0]?.applicant_number === people.father.pn ? "father" : "mother";
      const res = await b(who).fetch(`/api/dossiers/${registered.id}/result.pdf`);
      expect(res.status).toBe(200);
      const text = pdfText(new Uint8Array(await res.arrayBuffer())).replace(/\s+/g, " ");
      expect(text).toContain("TRÍCH LỤC KHAI TỬ");
      expect(text).toContain("19 giờ 08 phút, ngày 04/11/2026");
      expect(text).not.toContain("2026-11-04T12:08");
      expect(text).toContain("ỦY BAN NHÂN DÂN PHƯỜNG HẢI VÂN");
      expect(text).toContain("Ủy ban nhân dân phường Hải Vân");
      expect(text).not.toMatch(/CẤP XÃ|cấp xã/);
      expect(text).toMatch(/Hải Vân, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    },
  );
});

describe(`one couple, one marriage registration (${engine})`, () => {
  let first: View;
  let theirs = "";

  it("he files the marriage; her own filing for the same couple is refused naming his dossier", async () => {
    const id = await draft("worker", MARRIAGE);
    const r = await submit("worker", id, marriageWith(people.neighbour));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    first = r.body;
    const key = await s.db.query<{ life_event_key: string }>(
      "select life_event_key from dossiers where id = $1",
      [id],
    );
    // Sorted: the same key whichever spouse files.
    expect(key.rows[0]?.life_event_key).toBe(`marriage:${people.worker.pn}:${people.neighbour.pn}`);
    theirs = await draft("neighbour", MARRIAGE);
    expectDuplicateOf(await submit("neighbour", theirs, marriageWith(people.worker)), first.code);
  });

  it("he withdraws; then both file at once: one wins", async () => {
    expect((await act("worker", first.id, "withdraw")).status).toBe("withdrawn");
    const his = await draft("worker", MARRIAGE);
    await race(
      ["worker", his, marriageWith(people.neighbour)],
      ["neighbour", theirs, marriageWith(people.worker)],
    );
  });
});

describe(`the database refuses a second open dossier for one event on its own (${engine})`, () => {
  it("a direct write of a duplicate key into an open dossier violates the unique index", async () => {
    const { rows } = await s.db.query<{ id: string; procedure_code: string; life_event_key: string }>(
      `select id, procedure_code, life_event_key from dossiers where procedure_code = $1 and life_event_key is not null
         and status not in ('draft', 'withdrawn', 'rejected', 'refused') limit 1`,
      [DEATH],
    );
    const held = rows[0];
    expect(held).toBeDefined();
    const other = await s.db.query<{ id: string }>(
      "select id from dossiers where procedure_code = $1 and status = 'withdrawn' limit 1",
      [DEATH],
    );
    const id = other.rows[0]?.id;
    await expect(
      s.db.query("update dossiers set life_event_key = $2, status = 'submitted' where id = $1", [
        id,
        held?.life_event_key,
      ]),
    ).rejects.toMatchObject({ code: "23505", constraint: "dossiers_life_event_key" });
  });
});

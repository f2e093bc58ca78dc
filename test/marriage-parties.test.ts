import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldVietnamese } from "../src/domain/text.js";
import { engine } from "./helpers/db.js";
import { A, addHouseholdMember, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * One person, one marriage at a time (Law 52/2014/QH13 on Marriage and Family, Art. 5(2)(c): no
 * marrying while married). A person named by personal number in an open or finished marriage
 * registration, as its applicant or as the other party, cannot be named in another one, in any
 * province: the submit is refused with 409 MARRIAGE_PENDING (open) or ALREADY_MARRIED (finished), naming the other registration's code
 * only to one of its own parties, and nothing is written. A withdrawn, refused or rejected
 * registration holds nobody; nor does a marriage once a spouse's death is registered.
 */
type View = {
  id: string;
  code: string | null;
  status: string;
  error?: { code: string; details?: Array<{ field: string; messageVi: string; messageEn: string }> };
};
type Party = { pn: string; name: string; birth: string; sex: string };

const MARRIAGE = "LOCAL.KET-HON";
// Typed as the other party: people of the population registry with no account here (a number the
// registry does not hold is refused before any of this: PERSON_NOT_REGISTERED, eligibility.test.ts).
const mai: Party = { pn: "048195000501", name: "Đỗ Thị Mai", birth: "1995-04-04", sex: "F" };
const hung: Party = { pn: "049093000601", name: "Vũ Văn Hùng", birth: "1993-06-06", sex: "M" };
const lan: Party = { pn: "048196000702", name: "Tạ Thị Lan", birth: "1996-02-02", sex: "F" };
const khoa: Party = { pn: "048091000701", name: "Trịnh Văn Khoa", birth: "1991-08-08", sex: "M" };
const withPartner = (partner: Party) => ({
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

/** Enters a person in the population registry of commune A (to file at the counter for them). */
const resident = async (p: Party) => {
  await s.db.query(
    `insert into persons (personal_number, province_code, full_name, search_name, birth_date, sex, ethnicity,
       birth_registration_old_province, permanent_commune_code, permanent_address, household_id, relationship_to_head)
     values ($1, '48', $2, $3, $4, $5, 'Kinh', '048', $6, 'Số 1, đường Nguyễn Tất Thành', 'HA-1', 'người thân')`,
    [p.pn, p.name, foldVietnamese(p.name), p.birth, p.sex, A.commune],
  );
  await addHouseholdMember(s.db, "HA-1", p.pn);
};

let s: TestServer;
const as: Record<string, Browser> = {};
beforeAll(async () => {
  s = await startTestServer();
  for (const [name, login] of [
    ["worker", people.worker.pn],
    ["neighbour", people.neighbour.pn],
    ["mother", people.mother.pn],
    ["capital", people.capital.pn],
    ["receiver", "motcua.20194"],
    ["leader", "lanhdao.20194"],
  ] as const) {
    as[name] = new Browser(s.baseUrl);
    await as[name].signIn(login);
  }
});
beforeAll(async () => {
  for (const p of [lan, mai, hung, khoa]) await resident(p);
  as.lan = new Browser(s.baseUrl);
  await as.lan.signIn(lan.pn);
});
afterAll(async () => s?.close());

const b = (name: string) => as[name] as Browser;
const draft = async (who: string, applicantNumber?: string): Promise<string> => {
  const r = await b(who).send<View>("POST", "/api/dossiers", {
    procedureCode: MARRIAGE,
    ...(applicantNumber ? { applicantNumber } : {}),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
};
const submit = (who: string, id: string, partner: Party) =>
  b(who).send<View>("POST", `/api/dossiers/${id}/submit`, { values: withPartner(partner) });
const act = async (who: string, id: string, action: string, reason?: string) => {
  const r = await b(who).send<View>("POST", `/api/dossiers/${id}/actions`, { action, reason });
  expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
};
/** Files and submits; the registration that now holds both parties. */
const married = async (who: string, partner: Party, applicantNumber?: string): Promise<View> => {
  const r = await submit(who, await draft(who, applicantNumber), partner);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const holders = async () => {
  const { rows } = await s.db.query<{ personal_number: string; code: string }>(
    `select m.personal_number, d.code from marriage_parties m
     join dossiers d on d.province_code = m.province_code and d.id = m.dossier_id order by 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.personal_number, r.code]));
};

/**
 * 409 MARRIAGE_PENDING (another registration being handled) or ALREADY_MARRIED (registered) on the party's number; the holding registration's code is named only to the
 * person it holds (the applicant), never to a stranger who typed someone's number; the draft untouched.
 */
async function expectRefused(
  who: string,
  partner: Party,
  role: "applicant" | "partner",
  heldBy: string,
  registered = false,
) {
  const id = await draft(who);
  const before = await holders();
  const r = await submit(who, id, partner);
  expect(r.status, JSON.stringify(r.body)).toBe(409);
  // One code per cause: a registered marriage, or another registration still being handled.
  expect(r.body.error?.code).toBe(registered ? "ALREADY_MARRIED" : "MARRIAGE_PENDING");
  const d = r.body.error?.details?.[0];
  expect(d?.field).toBe(`form.${role}.personalNumber`);
  const party = role === "applicant" ? "Bạn" : "Người kia";
  // A sentence names the registration's number or promises none.
  expect(d?.messageVi).toContain(
    registered
      ? role === "applicant"
        ? `Bạn đang được ghi nhận là đã kết hôn theo hồ sơ đăng ký kết hôn số ${heldBy}.`
        : "Người kia đang được ghi nhận là đã kết hôn theo Sổ hộ tịch (Cơ sở dữ liệu hộ tịch điện tử)."
      : `${party} đang có hồ sơ đăng ký kết hôn ${role === "applicant" ? `số ${heldBy}` : "khác"} đang được giải quyết.`,
  );
  expect(d?.messageVi).toContain("Điều 5 khoản 2 điểm c");
  if (role === "partner") expect(`${d?.messageVi} ${d?.messageEn}`).not.toContain(heldBy);
  expect(d?.messageEn).toContain(
    registered
      ? "a divorce or the spouse's death must be recorded first"
      : `registration${role === "applicant" ? ` ${heldBy}` : ""}, still in progress`,
  );
  expect(`${d?.messageVi} ${d?.messageEn}`).not.toMatch(
    /phải được rút trước|must be withdrawn first\.|thử lại|try again/i,
  );
  // The holding registration as the portal links it: only to the person it holds.
  const named = (d as { dossier?: { code: string; open: boolean } } | undefined)?.dossier;
  if (role === "partner") expect(named).toBeUndefined();
  else expect(named && { code: named.code, open: named.open }).toEqual({ code: heldBy, open: !registered });
  const { rows } = await s.db.query("select status, code, life_event_key from dossiers where id = $1", [id]);
  expect(rows).toEqual([{ status: "draft", code: null, life_event_key: null }]);
  expect(await holders()).toEqual(before);
  const denied = await s.db.query(
    "select 1 from audit_log where outcome = 'denied' and action = 'dossier.submit' and resource = $1",
    [`dossier:${id}`],
  );
  expect(denied.rows).toHaveLength(1);
  return id;
}

describe(`one person, one marriage at a time (${engine})`, () => {
  let open: View;

  it("he files to marry her: both are held by his registration", async () => {
    open = await married("worker", people.neighbour);
    expect(await holders()).toEqual({ [people.worker.pn]: open.code, [people.neighbour.pn]: open.code });
  });

  it.each<[string, string, Party, "applicant" | "partner"]>([
    ["he, as applicant, with another woman", "worker", mai, "applicant"],
    ["she, as applicant, with another man", "neighbour", hung, "applicant"],
    // Another single woman (the mother is married herself: she would be told that first).
    ["another woman naming him as the other party", "lan", people.worker, "partner"],
    ["a man of another province (Hà Nội) naming her", "capital", people.neighbour, "partner"],
  ])("%s → 409 MARRIAGE_PENDING naming the open registration", async (_n, who, partner, role) => {
    await expectRefused(who, partner, role, open.code as string);
  });

  it("the same couple again is still the duplicate life event", async () => {
    const r = await submit("neighbour", await draft("neighbour"), people.worker);
    expect([r.status, r.body.error?.code]).toEqual([409, "DUPLICATE_LIFE_EVENT"]);
  });

  let finished: View;
  it("once it is withdrawn, he marries another at the counter; the finished registration still holds both", async () => {
    expect((await act("worker", open.id, "withdraw")).status).toBe("withdrawn");
    finished = await married("receiver", mai, people.worker.pn);
    await act("receiver", finished.id, "receive");
    await act("receiver", finished.id, "forward");
    await act("leader", finished.id, "approve");
    expect((await act("leader", finished.id, "issue_result")).status).toBe("result_issued");
    // The certificate is handed over on paper (its signed file only a copy): the result is not
    // electronic, in its action and in the KPIs' facts (electronic results, fully online).
    const issued = await s.db.query<{ electronic: boolean; fact: boolean }>(
      `select (a.payload->>'electronic')::boolean as electronic, f.electronic_result as fact
       from dossier_actions a join kpi_facts f on f.province_code = a.province_code and f.dossier_id = a.dossier_id
       where a.dossier_id = $1 and a.action = 'issue_result'`,
      [finished.id],
    );
    expect(issued.rows).toEqual([{ electronic: false, fact: false }]);
    expect(await holders()).toMatchObject({ [people.worker.pn]: finished.code, [mai.pn]: finished.code });
    await expectRefused("lan", people.worker, "partner", finished.code as string, true);
    await expectRefused("capital", mai, "partner", finished.code as string, true);
  });

  it.each<[string, Array<[string, string, string?]>]>([
    ["withdrawn by her", [["lan", "withdraw"]]],
    [
      "refused by the leader",
      [
        ["receiver", "receive"],
        ["receiver", "forward"],
        ["leader", "refuse", "Chưa đủ điều kiện kết hôn."],
      ],
    ],
    ["rejected at receipt", [["receiver", "refuse_receipt", "Hồ sơ nộp nhầm nơi."]]],
  ])("a registration %s holds nobody: another man may then marry her", async (_n, release) => {
    const held = await married("receiver", hung, lan.pn);
    const theirs = await expectRefused("capital", lan, "partner", held.code as string);
    for (const [who, action, reason] of release) await act(who, held.id, action, reason);
    const r = await submit("capital", theirs, lan);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await holders()).toMatchObject({
      [lan.pn]: r.body.code,
      [people.capital.pn]: r.body.code,
    });
    // Hùng stays filed under the released registration, which holds him no more.
    expect((await holders())[hung.pn]).toBe(held.code);
    expect((await act("capital", theirs, "withdraw")).status).toBe("withdrawn");
  });

  it("two women naming one man at once: one registration wins, the other is refused naming it", async () => {
    // The mother is married (civil-status registry); a single woman of the commune files at the counter.
    const [m, n] = [await draft("receiver", lan.pn), await draft("neighbour")];
    const [r1, r2] = await Promise.all([submit("receiver", m, khoa), submit("neighbour", n, khoa)]);
    const won = [r1, r2].filter((r) => r.status === 200);
    const lost = [r1, r2].filter((r) => r.status !== 200);
    expect(won).toHaveLength(1);
    expect([lost[0]?.status, lost[0]?.body.error?.code]).toEqual([409, "MARRIAGE_PENDING"]);
    expect(lost[0]?.body.error?.details?.[0]?.field).toBe("form.partner.personalNumber");
    // Neither woman is a party of the other's registration: its code is not told.
    expect(lost[0]?.body.error?.details?.[0]?.messageEn).not.toContain(`${won[0]?.body.code}`);
    expect((await holders())[khoa.pn]).toBe(won[0]?.body.code);
  });
});

/**
 * Marriages registered before the platform are in the civil-status registry: the mother's (with the
 * father, both living) holds her, whoever files; her husband's death, once registered, frees her.
 */
describe(`a marriage in the civil-status registry holds its spouses (${engine})`, () => {
  it.each<[string, string, "applicant" | "partner", string | undefined]>([
    ["she files at the counter to marry another man", "receiver", "applicant", "KH-20194-2012-0001"],
    ["another man names her", "capital", "partner", undefined],
  ])("%s → 409 ALREADY_MARRIED", async (_n, who, role) => {
    const id = await draft(who, role === "applicant" ? people.mother.pn : undefined);
    const r = await submit(who, id, role === "applicant" ? hung : people.mother);
    expect([r.status, r.body.error?.code]).toEqual([409, "ALREADY_MARRIED"]);
    const d = r.body.error?.details?.[0];
    expect(d?.field).toBe(`form.${role}.personalNumber`);
    // The registration number is told to her (the counter files in her name), not to a stranger;
    // the officer at the counter reads it about the applicant, not as if he were her.
    if (role === "applicant") {
      expect(d?.messageVi).toContain(
        "Người yêu cầu đang được ghi nhận là đã kết hôn theo hồ sơ đăng ký kết hôn số KH-20194-2012-0001 trong Sổ hộ tịch.",
      );
      expect(d?.messageEn).toContain("a divorce or the spouse's death must be recorded first");
    } else expect(`${d?.messageVi} ${d?.messageEn}`).not.toContain("KH-20194");
    expect(await holders()).not.toHaveProperty(people.mother.pn);
  });
});

/**
 * A marriage ends when a spouse dies (Law 52/2014/QH13, Art. 65): once the husband's death is
 * registered, his widow may marry again. The death is known from an issued death registration, or
 * from the registries (population registry's date of death, civil-status death record).
 */
describe(`a widowed person may marry again (${engine})`, () => {
  type Couple = { husband: Party; widow: Party };
  const couple = (n: number): Couple => ({
    husband: {
      pn: `04807000080${n}`,
      name: `Lê Văn ${["", "Tám", "Bảy", "Sáu"][n]}`,
      birth: "1970-03-03",
      sex: "M",
    },
    widow: {
      pn: `04817200090${n}`,
      name: `Phan Thị ${["", "Chín", "Mười", "Hoa"][n]}`,
      birth: "1972-05-05",
      sex: "F",
    },
  });
  const registered = async ({ husband, widow }: Couple) => {
    await resident(husband);
    await resident(widow);
    const m = await married("receiver", widow, husband.pn);
    for (const [who, action] of [
      ["receiver", "receive"],
      ["receiver", "forward"],
      ["leader", "approve"],
      ["leader", "issue_result"],
    ] as const)
      await act(who, m.id, action);
    // A stranger typing the widow's number learns that she is married, not by which dossier.
    await expectRefused("capital", widow, "partner", m.code as string, true);
    return m;
  };

  it("the husband's death registration is issued: a stranger may then marry the widow", async () => {
    const c = couple(1);
    const m = await registered(c);
    await s.db.query(
      `insert into death_notices (household_id, id, province_code, commune_code, person_number, died_at, place, cause)
       values ('HA-1', 'GBT-TEST-0801', '48', $1, $2, '2026-11-03T12:00:00Z', 'Bệnh viện Đà Nẵng', 'Tai nạn')`,
      [A.commune, c.husband.pn],
    );
    const father = new Browser(s.baseUrl);
    await father.signIn(people.father.pn);
    const drafted = await father.send<View>("POST", "/api/dossiers", { procedureCode: "LOCAL.KHAI-TU" });
    const death = await father.send<View>("POST", `/api/dossiers/${drafted.body.id}/submit`, {
      values: { "requester.relationship": "child", "declaration.sworn": true },
    });
    expect(death.status, JSON.stringify(death.body)).toBe(200);
    for (const [who, action] of [
      ["receiver", "receive"],
      ["receiver", "forward"],
      ["leader", "approve"],
      ["leader", "issue_result"],
    ] as const)
      await act(who, death.body.id, action);
    const again = await married("capital", c.widow);
    expect(again.code).not.toBe(m.code);
    expect((await holders())[c.widow.pn]).toBe(again.code);
    expect((await act("capital", again.id, "withdraw")).status).toBe("withdrawn");
  });

  it.each<[string, (pn: string) => Promise<unknown>]>([
    [
      "the population registry records his date of death",
      (pn) => s.db.query("update persons set deceased_on = '2026-11-01' where personal_number = $1", [pn]),
    ],
    [
      "the civil-status registry holds his death record",
      (pn) =>
        s.db.query(
          `insert into civil_status_records (personal_number, kind, registration_number, registered_on, province_code,
             commune_code, subject_number) values ($1, 'death', $2, '2026-11-02', '48', $3, $1)`,
          [pn, `KT-TEST-${pn}`, A.commune],
        ),
    ],
  ])("%s: a stranger may then marry the widow", async (_n, died) => {
    const c = couple(_n.includes("population") ? 2 : 3);
    await registered(c);
    await died(c.husband.pn);
    const again = await married("capital", c.widow);
    expect((await holders())[c.widow.pn]).toBe(again.code);
    expect((await act("capital", again.id, "withdraw")).status).toBe("withdrawn");
  });
});

import { afterAll, beforeAll } from "vitest";
import type { Db } from "../../src/db/client.js";
import { foldVietnamese } from "../../src/domain/text.js";
import { A, B, BIRTH_VALUES } from "./fixtures.js";
import { BIRTH_REGISTRATION_ACTIONS, registerBirth, signedIn, WHOLE_BIRTH_GROUP } from "./linked.js";
import { Browser, clockFrom, startTestServer, TEST_START, type TestServer } from "./server.js";

/**
 * Parents who live apart (issue 12, the child joining the father's household): the mother heads
 * household HA-9 in commune A (Hải Vân), the father HB-9 in commune B (Liên Chiểu), same province;
 * not married in the register. Their newborn's birth notice is filed under each of them.
 */
export const splitMother = { pn: "048193000302", name: "Phạm Thị Hoa", hh: "HA-9", commune: A.commune };
export const splitFather = { pn: "048090000301", name: "Đỗ Văn Khải", hh: "HB-9", commune: B.commune };
export const SPLIT_NOTICE = "GCS-TEST-0902";

/** Adds the two households, the parents and the birth notice to the fixtures' registries. */
export async function addSplitParents(db: Db): Promise<void> {
  await db.tx(async (q) => {
    for (const p of [splitMother, splitFather])
      await q.query(
        `insert into households (id, province_code, commune_code, address, head_number, member_numbers)
         values ($1, '48', $2, 'Số 9, đường Âu Cơ', $3, array[$3]::bpchar[])`,
        [p.hh, p.commune, p.pn],
      );
    for (const [p, sex, birth] of [
      [splitMother, "F", "1993-04-12"],
      [splitFather, "M", "1990-08-30"],
    ] as const)
      await q.query(
        `insert into persons (personal_number, province_code, full_name, search_name, birth_date, sex, ethnicity,
           birth_registration_old_province, permanent_commune_code, permanent_address, household_id, relationship_to_head)
         values ($1, '48', $2, $3, $4, $5, 'Kinh', '048', $6, 'Số 9, đường Âu Cơ', $7, 'chủ hộ')`,
        [p.pn, p.name, foldVietnamese(p.name), birth, sex, p.commune, p.hh],
      );
    for (const filedUnder of [splitMother.pn, splitFather.pn])
      await q.query(
        `insert into birth_notices (personal_number, id, province_code, commune_code, mother_number, father_number, child_sex, birth_at, weight_grams, facility)
         values ($4, $5, '48', $1, $2, $3, 'M', '2026-11-02T10:00:00+07:00', 3100, 'Bệnh viện Phụ sản - Nhi Đà Nẵng')`,
        [A.commune, splitMother.pn, splitFather.pn, filedUnder, SPLIT_NOTICE],
      );
  });
}

/**
 * The mother files the whole birth group, the child (named `childName`) to join the father's
 * household HB-9, so its head (the father) is asked to consent. The group's id; a refused filing
 * throws with the answer.
 */
export async function fileIntoFathersHousehold(mother: Browser, childName: string): Promise<string> {
  const filed = await mother.send<{ id: string }>("POST", "/api/linked-applications", {
    ...WHOLE_BIRTH_GROUP,
    shared: { ...BIRTH_VALUES, "parents.married": false, "child.fullName": childName },
    childHome: splitFather.hh,
  });
  if (filed.status !== 201) throw new Error(`filing refused: ${filed.status} ${JSON.stringify(filed.body)}`);
  return filed.body.id;
}

/**
 * The group's birth step registered by Hải Vân's officers (`registerBirth`, each action answered
 * 200) and delivered (four rounds: the step done, the child's personal number written to the
 * population registry and given to the group). Only then may the residence step waiting for the
 * head be filed on its own (EARLIER_STEP_PENDING before). A refusal throws.
 */
export async function registerGroupBirth(s: TestServer, mother: Browser, groupId: string): Promise<void> {
  const g = await mother.send<{ steps: Array<{ key: string; dossierId: string | null }> }>(
    "GET",
    `/api/linked-applications/${groupId}`,
  );
  const birth = g.body.steps.find((x) => x.key === "birth")?.dossierId;
  if (!birth) throw new Error(`no birth step: ${JSON.stringify(g.body)}`);
  const officers = new Map<string, Browser>();
  for (const [who] of BIRTH_REGISTRATION_ACTIONS)
    if (!officers.has(who)) officers.set(who, await signedIn(s, who));
  const statuses = await registerBirth((who) => officers.get(who) as Browser, birth);
  if (statuses.some((x) => x !== 200)) throw new Error(`birth not registered: ${statuses.join(",")}`);
  for (let i = 0; i < 4; i++) await s.drain();
}

/**
 * The split parents' fixtures added to `s`, each parent signed in with a phone on file (the demo
 * SMS channel tells them): their browsers by personal number.
 */
export async function splitParentsWithPhones(s: TestServer): Promise<Record<string, Browser>> {
  await addSplitParents(s.db);
  const as: Record<string, Browser> = {};
  for (const [who, phone] of [
    [splitMother.pn, "0912000302"],
    [splitFather.pn, "0912000301"],
  ] as const) {
    const b = new Browser(s.baseUrl);
    await b.signIn(who);
    const put = await b.send("PUT", "/api/me/contact", { phone, email: null });
    if (put.status !== 200) throw new Error(`contact refused: ${put.status}`);
    as[who] = b;
  }
  return as;
}

/**
 * A describe file's server (delivery by `drain()` only, the clock from TEST_START) with the split
 * parents signed in (`splitParentsWithPhones`), started before all and closed after all: the
 * server, a parent's browser by personal number, and `drainAll` (four rounds of delivery: a
 * group's news and what it queues in turn). `fresh()` (a describe's `beforeAll`) replaces the
 * server with a new one, new registries, for another child of the same parents.
 */
export function splitParentsSuite() {
  let s: TestServer | undefined;
  const as: Record<string, Browser> = {};
  const fresh = async () => {
    await s?.close();
    s = await startTestServer({}, { delivery: "manual", now: clockFrom(TEST_START) });
    Object.assign(as, await splitParentsWithPhones(s));
  };
  beforeAll(fresh, 120_000);
  afterAll(async () => s?.close());
  const server = () => s as TestServer;
  return {
    server,
    fresh,
    b: (login: string) => as[login] as Browser,
    drainAll: async () => {
      for (let i = 0; i < 4; i++) await server().drain();
    },
    /** The group's birth registered and delivered (`registerGroupBirth`), as the mother files it. */
    registerBirth: (groupId: string) => registerGroupBirth(server(), as[splitMother.pn] as Browser, groupId),
  };
}

/** What the mother types to submit the residence step filed on its own: the child into her own household. */
export const CHILD_INTO_OWN_HOUSEHOLD = {
  request: "child_joins_household",
  "member.birthDate": "2026-11-02",
  "member.sex": "M",
  "member.relationshipToHead": "con",
  "household.headConsent": true,
};

/**
 * The mother files the group's residence step on its own ("Nộp riêng", while the head has not
 * answered; the birth registered first: `registerGroupBirth`) and submits it, the child into her own household: that dossier. A refusal throws.
 */
export async function submitResidenceAlone(
  mother: Browser,
  groupId: string,
): Promise<{ id: string; code: string; status: string }> {
  const alone = await mother.send<{ id: string }>(
    "POST",
    `/api/linked-applications/${groupId}/steps/residence/alone`,
  );
  if (alone.status !== 201) throw new Error(`alone refused: ${alone.status} ${JSON.stringify(alone.body)}`);
  const filed = await mother.send<{ id: string; code: string; status: string }>(
    "POST",
    `/api/dossiers/${alone.body.id}/submit`,
    { values: CHILD_INTO_OWN_HOUSEHOLD },
  );
  if (filed.status !== 200) throw new Error(`submit refused: ${filed.status} ${JSON.stringify(filed.body)}`);
  return filed.body;
}

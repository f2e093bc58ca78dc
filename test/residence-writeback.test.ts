import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "../src/modules/delivery/index.js";
import { engine } from "./helpers/db.js";
import { minimalPdf } from "./helpers/files.js";
import { A, people, WORKER_JOINS_HA1 } from "./helpers/fixtures.js";
import { type Browsers, decide, signInEach } from "./helpers/journey.js";
import { startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 11 point 3, residence written back over HTTP: a permanent residence registration and a
 * deregistration, once their results are issued, become signed messages from the commune police to
 * the residence registry's owner, delivered through the outbox, verified, logged and applied once
 * with provenance. The household follows: a member who moves leaves their old household, which gets
 * a new head by rule (src/domain/household-head.ts) when they headed it; a deceased head
 * deregistered is replaced the same way. Later procedures prefill from the new residence.
 */
type Field = { key: string; value: unknown };
type View = {
  id: string;
  code: string | null;
  status: string;
  fields: Field[];
  components: Array<{ key: string; state: string }>;
  error?: { code: string };
};

const PERMANENT = "1.004222";
const DEREGISTER = "LOCAL.XOA-DKTT";
// Two more members of the worker's household HB-2 (commune B): his mother and his son.
const GRANDMOTHER = "048165000302";
const SON = "048212000303";
let s: TestServer;
let b: Browsers;

beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  b = await signInEach(s.baseUrl, {
    mother: people.mother.pn,
    worker: people.worker.pn,
    receiver: "motcua.20194",
    specialist: "chuyenvien.20194",
    leader: "lanhdao.20194",
  });
  for (const [pn, name, birth, sex, rel] of [
    [GRANDMOTHER, "Phạm Thị Hoa", "1965-04-04", "F", "mẹ"],
    [SON, "Phạm Minh Khôi", "2012-06-06", "M", "con"],
  ] as const) {
    await s.db.query(
      `insert into persons (personal_number, province_code, full_name, search_name, birth_date, sex, ethnicity,
         birth_registration_old_province, permanent_commune_code, permanent_address, household_id, relationship_to_head)
       values ($1, '48', $2, $2, $3, $4, 'Kinh', '048', '20197', 'Số 4, đường Nguyễn Tất Thành', 'HB-2', $5)`,
      [pn, name, birth, sex, rel],
    );
    await s.db.query("update households set member_numbers = member_numbers || $2::bpchar where id = $1", [
      "HB-2",
      pn,
    ]);
  }
});
afterAll(async () => s?.close());

const draft = async (who: string, procedureCode: string): Promise<View> => {
  const r = await b(who).send<View>("POST", "/api/dossiers", { procedureCode });
  expect(r.status).toBe(201);
  return r.body;
};
async function payIfAsked(who: string, id: string) {
  const pay = await b(who).send<{ status: string; demoBankUrl: string }>(
    "GET",
    `/api/dossiers/${id}/payment`,
  );
  if (pay.status === 200 && pay.body.status === "unpaid")
    expect((await b(who).fetch(pay.body.demoBankUrl, { method: "POST" })).status).toBe(303);
}
const prefilled = async (who: string, code: string) => {
  const r = await b(who).send<{ fields: Field[] }>("GET", `/api/procedures/${code}/prefill`);
  expect(r.status).toBe(200);
  return Object.fromEntries(r.body.fields.map((f) => [f.key, f.value]));
};
const household = async (id: string) =>
  (
    await s.db.query<{ head: string; members: string[]; basis: string | null }>(
      "select head_number as head, member_numbers as members, head_basis as basis from households where id = $1",
      [id],
    )
  ).rows[0];
const person = async (pn: string) =>
  (
    await s.db.query<{ hh: string | null; rel: string | null; commune: string; address: string }>(
      `select household_id as hh, relationship_to_head as rel, permanent_commune_code as commune,
         permanent_address as address from persons where personal_number = $1`,
      [pn],
    )
  ).rows[0];

describe(`a permanent residence registration reaches the residence registry (${engine})`, () => {
  let code = "";

  it("the mother registers the worker, the head of HB-2, into her household HA-1", async () => {
    const d = await draft("mother", PERMANENT);
    const r = await b("mother").send<View>("POST", `/api/dossiers/${d.id}/submit`, {
      values: WORKER_JOINS_HA1,
    });
    expect(r.status, JSON.stringify(r.body.error)).toBe(200);
    code = r.body.code as string;
    await payIfAsked("mother", d.id);
    await s.drain();
    expect((await person(people.worker.pn))?.hh).toBe("HB-2"); // nothing before the result
    await decide(b, d.id);
    const out = await s.db.query<{ topic: string }>(
      "select topic from outbox where key = $1 and topic like 'residence.%'",
      [d.id],
    );
    // The mother already lives in HA-1: only the worker's residence changes.
    expect(out.rows).toEqual([{ topic: "residence.registered@3" }]);
    await s.drain();
  });

  it("the worker is in HA-1 with his relationship; HB-2's new head is its oldest adult", async () => {
    expect(await person(people.worker.pn)).toEqual({
      hh: "HA-1",
      rel: "em vợ",
      commune: A.commune,
      address: "Số 4, đường Nguyễn Tất Thành",
    });
    expect((await household("HA-1"))?.members).toContain(people.worker.pn);
    const hb2 = await household("HB-2");
    expect(hb2).toEqual({ head: GRANDMOTHER, members: [GRANDMOTHER, SON], basis: "oldest_adult" });
    expect((await person(GRANDMOTHER))?.rel).toBe("chủ hộ");
    const rec = await s.db.query(
      `select kind, event, household_id as hh, dossier_code as code, result_number as result
       from residence_records where personal_number = $1`,
      [people.worker.pn],
    );
    expect(rec.rows).toEqual([
      { kind: "permanent", event: "registered", hh: "HA-1", code, result: `KQ-${code}` },
    ]);
    const log = await s.db.query(
      "select sender, receiver, outcome, dossier_code as code from message_log where type = 'residence.registered@3'",
    );
    expect(log.rows).toEqual([{ sender: "cong-an", receiver: "cong-an", outcome: "accepted", code }]);
  });

  it("the same signed message delivered again changes nothing", async () => {
    const { rows } = await s.db.query<{ payload: Record<string, unknown>; key: string }>(
      "select payload, key from outbox where topic = 'residence.registered@3'",
    );
    const first = rows[0];
    if (!first) throw new Error("no message");
    await s.db.tx((q) =>
      enqueue(q, {
        topic: "residence.registered@3",
        key: "again",
        payload: first.payload,
        provinceCode: "48",
      }),
    );
    await s.drain();
    const again = await s.db.query<{ n: number }>(
      "select count(*)::int as n from residence_records where personal_number = $1",
      [people.worker.pn],
    );
    expect(again.rows[0]?.n).toBe(1);
    expect((await household("HB-2"))?.head).toBe(GRANDMOTHER);
  });

  it("the worker's next residence form is prefilled from his new household", async () => {
    const f = await prefilled("worker", PERMANENT);
    expect(f["household.headNumber"]).toBe(people.father.pn);
    expect(f["household.relationshipToHead"]).toBe("em vợ");
    expect(f["authority.commune"]).toBe(A.commune);
  });
});

describe(`a deceased head deregistered: the household gets a new head by rule (${engine})`, () => {
  it("the father's residence is deregistered after his death; the mother heads HA-1", async () => {
    await s.db.query(
      `insert into death_notices (household_id, id, province_code, commune_code, person_number, died_at, place, cause)
       values ('HA-1', 'GBT-RES-0001', '48', $1, $2, '2026-11-03T12:00:00Z', 'Bệnh viện Đà Nẵng', 'Bệnh')`,
      [A.commune, people.father.pn],
    );
    const d = await draft("mother", DEREGISTER);
    expect(d.fields.find((f) => f.key === "deceased.personalNumber")?.value).toBe(people.father.pn);
    if (d.components.find((c) => c.key === "deathExtract")?.state !== "replaced") {
      const up = await b("mother").fetch(`/api/dossiers/${d.id}/components/deathExtract`, {
        method: "PUT",
        headers: {
          "content-type": "application/pdf",
          "x-filename": "trich-luc-khai-tu.pdf",
          "x-csrf-token": await b("mother").csrf(),
        },
        body: new Uint8Array(minimalPdf()),
      });
      expect(up.status).toBe(201);
    }
    const r = await b("mother").send<View>("POST", `/api/dossiers/${d.id}/submit`, {
      values: { "deceased.relationshipToHead": "chủ hộ" },
    });
    expect(r.status, JSON.stringify(r.body.error)).toBe(200);
    await decide(b, d.id);
    await s.drain();
    expect(await person(people.father.pn)).toMatchObject({ hh: null, rel: null });
    const ha1 = await household("HA-1");
    // Mother (1988), worker (1992), child (2015): the oldest adult.
    expect(ha1?.head).toBe(people.mother.pn);
    expect(ha1?.basis).toBe("oldest_adult");
    expect(ha1?.members).not.toContain(people.father.pn);
    const ended = await s.db.query(
      "select event, reason is not null as why, dossier_code as code from residence_records where personal_number = $1",
      [people.father.pn],
    );
    expect(ended.rows).toEqual([{ event: "ended", why: true, code: r.body.code }]);
  });

  it("her next residence form names her as the head", async () => {
    const f = await prefilled("mother", PERMANENT);
    expect(f["household.headNumber"]).toBe(people.mother.pn);
    expect(f["household.relationshipToHead"]).toBe("chủ hộ");
  });
});

describe(`a registration at another lawful residence opens a new household (${engine})`, () => {
  it("the mother registers with her son at a house of her own: a new household she heads", async () => {
    const d = await draft("mother", PERMANENT);
    const values = {
      request: "other_residence",
      "residence.address": "Số 9, đường Lê Lợi",
      "member.fullName": people.child.name,
      "member.birthDate": people.child.birth,
      "member.sex": "M",
      "member.personalNumber": people.child.pn,
      "member.relationshipToHead": "con",
      "household.headConsent": true,
    };
    // At another residence the registry does not stand in for the proof of lawful residence.
    const refused = await b("mother").send<View>("POST", `/api/dossiers/${d.id}/submit`, { values });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe("COMPONENT_MISSING");
    const proof = await b("mother").fetch(`/api/dossiers/${d.id}/components/lawfulResidenceProof`, {
      method: "PUT",
      headers: {
        "content-type": "application/pdf",
        "x-filename": "so-do.pdf",
        "x-csrf-token": await b("mother").csrf(),
      },
      body: new Uint8Array(minimalPdf()),
    });
    expect(proof.status).toBe(201);
    const r = await b("mother").send<View>("POST", `/api/dossiers/${d.id}/submit`, { values });
    expect(r.status, JSON.stringify(r.body.error)).toBe(200);
    expect(r.body.components.find((c) => c.key === "lawfulResidenceProof")?.state).toBe("uploaded");
    const code = r.body.code as string;
    await payIfAsked("mother", d.id);
    await decide(b, d.id);
    const out = await s.db.query<{
      topic: string;
      payload: { personalNumber: string; newHousehold: boolean };
    }>("select topic, payload from outbox where key = $1 and topic like 'residence.%' order by id", [d.id]);
    expect(out.rows.map((m) => m.topic)).toEqual(["residence.registered@3", "residence.registered@3"]);
    await s.drain();
    const hh = `HK-${code}`;
    expect(await household(hh)).toEqual({
      head: people.mother.pn,
      members: [people.mother.pn, people.child.pn],
      basis: "registered",
    });
    expect(await person(people.mother.pn)).toEqual({
      hh,
      rel: "chủ hộ",
      commune: A.commune,
      address: "Số 9, đường Lê Lợi",
    });
    expect(await person(people.child.pn)).toMatchObject({ hh, rel: "con", address: "Số 9, đường Lê Lợi" });
    // HA-1 keeps the worker, now its head by rule (the oldest adult left).
    expect(await household("HA-1")).toEqual({
      head: people.worker.pn,
      members: [people.worker.pn],
      basis: "oldest_adult",
    });
    // Her next residence form names her new household.
    const f = await prefilled("mother", PERMANENT);
    expect(f["household.headNumber"]).toBe(people.mother.pn);
  });
});

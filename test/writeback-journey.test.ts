// Over 400 lines: one journey (birth, the child's card, death, forged messages) on one server whose state each step builds on.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPersonalNumber } from "../src/domain/personal-number.js";
import { signingKeyOf } from "../src/lib/secrets.js";
import { Delivery, enqueue } from "../src/modules/delivery/index.js";
import {
  readForPrefill,
  registerAgencyKey,
  registerCivilStatusHandlers,
  signMessage,
} from "../src/modules/exchange/index.js";
import { engine } from "./helpers/db.js";
import { A, BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { type Browsers, decide, signInEach } from "./helpers/journey.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 11 point 3, births and deaths wired end to end over HTTP: a registration's issued result
 * becomes a signed message from the commune People's Committee to the population registry's owner,
 * delivered through the outbox, verified, logged and applied once. Then the registries are live:
 * the child has a personal number, parents and a household, and a parent's later form prefills
 * the child; a dead person is no longer offered as a living party; a second registration of the
 * same birth is refused naming the first dossier, at submit and at the register step.
 */
type Field = { key: string; value: unknown; readOnly: boolean; provenance: { registry: string } | null };
type View = {
  id: string;
  code: string | null;
  status: string;
  fields: Field[];
  components: Array<{ key: string; state: string }>;
  error?: { code: string; details?: Array<{ field: string; messageVi: string; messageEn: string }> };
};

const BIRTH = "1.001193";
/** The father's filing: his relationship is read from the notice ("father"), not typed. */
const AS_FATHER = { ...BIRTH_VALUES, "requester.relationship": "father" };
const DEATH = "LOCAL.KHAI-TU";
let s: TestServer;
let b: Browsers;

beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  b = await signInEach(s.baseUrl, {
    mother: people.mother.pn,
    father: people.father.pn,
    receiver: "motcua.20194",
    specialist: "chuyenvien.20194",
    leader: "lanhdao.20194",
  });
});
afterAll(async () => s?.close());

const draft = async (who: string, procedureCode: string): Promise<View> => {
  const r = await b(who).send<View>("POST", "/api/dossiers", { procedureCode });
  expect(r.status).toBe(201);
  return r.body;
};
const submit = (who: string, id: string, values: Record<string, unknown>) =>
  b(who).send<View>("POST", `/api/dossiers/${id}/submit`, { values });
const act = (who: string, id: string, action: string) =>
  b(who).send<View>("POST", `/api/dossiers/${id}/actions`, { action });
function expectDuplicateOf(r: { status: number; body: View }, firstCode: string) {
  expect(r.status).toBe(409);
  expect(r.body.error?.code).toBe("DUPLICATE_LIFE_EVENT");
  expect(r.body.error?.details?.[0]?.messageVi).toContain(`số ${firstCode}`);
  expect(r.body.error?.details?.[0]?.messageEn).toContain(firstCode);
}

describe(`a registered birth reaches the population registry (${engine})`, () => {
  let first: View;
  let raced = "";
  let late = "";
  let child = "";

  it("the mother registers the birth; two more drafts of the same notice wait", async () => {
    // The parents differ (mother Kinh, father Tày): they chose the child's ethnicity on the form.
    await s.db.query("update persons set ethnicity = 'Tày' where personal_number = $1", [people.father.pn]);
    const a = await draft("mother", BIRTH);
    expect(a.components.find((c) => c.key === "birthCertificate")?.state).toBe("replaced");
    // Drafts started while the notice was still unregistered (a second draft is allowed).
    raced = (await draft("father", BIRTH)).id;
    late = (await draft("mother", BIRTH)).id;
    const r = await submit("mother", a.id, { ...BIRTH_VALUES, "child.ethnicity": "Tày" });
    expect(r.status).toBe(200);
    first = r.body;
    // The existing rule: while the first holds the event, a second submit is refused naming it.
    expectDuplicateOf(await submit("father", raced, AS_FATHER), first.code as string);
  });

  it("a race on another shard let a second submission through (simulated: the first's key is not seen)", async () => {
    // Two provinces' shards do not see each other's index: the first dossier's key is made
    // invisible, so the father's submission goes through as it would on another shard.
    await s.db.query("update dossiers set life_event_key = null where id = $1", [first.id]);
    expect((await submit("father", raced, AS_FATHER)).status).toBe(200);
  });

  it("nothing reaches the registry before the result is issued", async () => {
    await s.drain();
    const { rows } = await s.db.query("select 1 from persons where mother_number = $1 and birth_date = $2", [
      people.mother.pn,
      "2026-11-01",
    ]);
    expect(rows).toEqual([]);
  });

  it("issued and returned: the signed message is delivered and applied once", async () => {
    await decide(b, first.id);
    const out = await s.db.query<{ topic: string; dossier_code: string }>(
      "select topic, dossier_code from outbox where key = $1 and topic like 'civil_status.%'",
      [first.id],
    );
    expect(out.rows).toEqual([{ topic: "civil_status.birth_registered@1", dossier_code: first.code }]);
    await s.drain();
    await s.drain();
    const persons = await s.db.query<{
      personal_number: string;
      father_number: string;
      household_id: string;
      relationship_to_head: string;
      full_name: string;
      ethnicity: string;
    }>(
      `select personal_number, father_number, household_id, relationship_to_head, full_name, ethnicity from persons
       where mother_number = $1 and birth_date = '2026-11-01'`,
      [people.mother.pn],
    );
    expect(persons.rows).toHaveLength(1);
    const row = persons.rows[0];
    child = row?.personal_number ?? "";
    expect(checkPersonalNumber(child, { birthYear: 2026, sex: "F" }).ok).toBe(true);
    expect(child.slice(0, 3)).toBe("048");
    expect(row).toMatchObject({
      father_number: people.father.pn,
      household_id: "HA-1",
      relationship_to_head: "con",
      full_name: BIRTH_VALUES["child.fullName"],
      ethnicity: "Tày", // the form's, not the mother's
    });
    const hh = await s.db.query<{ ok: boolean }>(
      "select $1::bpchar = any(member_numbers) as ok from households where id = 'HA-1'",
      [child],
    );
    expect(hh.rows[0]?.ok).toBe(true);
    const notice = await s.db.query(
      `select registered, registered_by_dossier as by, child_number as child from birth_notices
       where id = 'GCS-TEST-0001' order by personal_number`,
    );
    expect(notice.rows).toEqual([
      { registered: true, by: first.code, child },
      { registered: true, by: first.code, child },
    ]);
    const record = await s.db.query<{ n: string; p: { dossierCode: string; resultNumber: string } }>(
      `select registration_number as n, details->'provenance' as p from civil_status_records
       where personal_number = $1 and kind = 'birth'`,
      [child],
    );
    expect(record.rows).toEqual([
      {
        n: `KQ-${first.code}`,
        p: expect.objectContaining({ dossierCode: first.code, resultNumber: `KQ-${first.code}` }),
      },
    ]);
    // The exchange's evidence: received by the commune police from the People's Committee, accepted.
    const log = await s.db.query(
      "select sender, receiver, outcome, dossier_code as code from message_log where type = $1",
      ["civil_status.birth_registered@1"],
    );
    expect(log.rows).toEqual([
      { sender: "ubnd", receiver: "cong-an", outcome: "accepted", code: first.code },
    ]);
  });

  it("the mother's list of who read her data shows the exchange", async () => {
    const log = (await (await b("mother").fetch("/api/me/access-log")).json()) as {
      items: Array<{ actorKind: string; messageType: string | null; dossierCode: string | null }>;
    };
    expect(log.items).toContainEqual(
      expect.objectContaining({
        actorKind: "agency",
        messageType: "civil_status.birth_registered@1",
        dossierCode: first.code,
      }),
    );
  });

  it("a second registration is refused naming the first at the register step, for the one a race let through", async () => {
    expect((await act("receiver", raced, "receive")).status).toBe(200);
    expect((await act("specialist", raced, "forward")).status).toBe(200);
    expectDuplicateOf(await act("leader", raced, "approve"), first.code as string);
    const refused = await b("leader").send<View>("POST", `/api/dossiers/${raced}/actions`, {
      action: "refuse",
      reason: "Trẻ đã được đăng ký khai sinh theo hồ sơ khác.",
    });
    expect(refused.body.status).toBe("refused");
    // The registered notice is no longer offered to a new birth registration.
    const fresh = await draft("father", BIRTH);
    expect(fresh.components.find((c) => c.key === "birthCertificate")?.state).not.toBe("replaced");
  });

  it("…and at submit: the registry names the dossier that registered the notice", async () => {
    // The first dossier's key is not seen here and the raced one is refused: the registry tells.
    expectDuplicateOf(await submit("mother", late, BIRTH_VALUES), first.code as string);
  });

  it("the child's health-insurance card form is prefilled with the child's personal number", async () => {
    const r = await draft("mother", "LOCAL.BHYT-TE");
    const f = Object.fromEntries(r.fields.map((x) => [x.key, x]));
    expect(f["child.personalNumber"]).toMatchObject({ value: child, readOnly: true });
    expect(f["child.personalNumber"]?.provenance?.registry).toBe("population");
    expect(f["child.fullName"]?.value).toBe(BIRTH_VALUES["child.fullName"]);
    expect(f["child.birthDate"]?.value).toBe("2026-11-01");
    expect(f["child.sex"]?.value).toBe("F");
    expect(f["child.healthInsuranceNumber"]?.value ?? null).toBeNull(); // no card yet
  });

  it("the card issued reaches the insurance registry, and the next form shows it", async () => {
    const d = await draft("mother", "LOCAL.BHYT-TE");
    const r = await submit("mother", d.id, {
      "child.nationality": "VN",
      "child.birthRegistrationCommune": A.commune,
      "healthcare.facility": "Trạm y tế phường Hải Vân",
    });
    expect(r.status, JSON.stringify(r.body.error)).toBe(200);
    await decide(b, d.id);
    await s.drain();
    const card = `TE148${child.slice(2)}`;
    const cards = await s.db.query(
      `select card_number as card, beneficiary_group as g, benefit_level as level, primary_facility as facility,
         valid_from::text as "from", valid_to::text as "to", provenance->>'dossierCode' as code
       from health_insurance_cards where personal_number = $1`,
      [child],
    );
    // Issued on 4 November 2026 (the test clock); the child is 72 months old on 1 November 2032.
    expect(cards.rows).toEqual([
      {
        card,
        g: "TE",
        level: 1,
        facility: "Trạm y tế phường Hải Vân",
        from: "2026-11-04",
        to: "2032-11-01",
        code: r.body.code,
      },
    ]);
    const log = await s.db.query(
      "select sender, receiver, outcome from message_log where type = 'health_insurance.card_issued@2'",
    );
    expect(log.rows).toEqual([{ sender: "bhxh", receiver: "bhxh", outcome: "accepted" }]);
    const next = await draft("mother", "LOCAL.BHYT-TE");
    const f = Object.fromEntries(next.fields.map((x) => [x.key, x]));
    expect(f["child.healthInsuranceNumber"]).toMatchObject({ value: card, readOnly: true });
    expect(f["child.healthInsuranceNumber"]?.provenance?.registry).toBe("health_insurance");
  });
});

describe(`a registered death reaches the population registry (${engine})`, () => {
  let code = "";
  let again = "";

  it("the father's death is registered and returned; the handler fails three times, then applies once", async () => {
    // The father (head of HA-1, the mother's husband) died on 3 November at 19:00 in Vietnam.
    await s.db.query(
      `insert into death_notices (household_id, id, province_code, commune_code, person_number, died_at, place, cause)
       values ('HA-1', 'GBT-TEST-0002', '48', $1, $2, '2026-11-03T12:00:00Z', 'Bệnh viện Đà Nẵng', 'Bệnh')`,
      [A.commune, people.father.pn],
    );
    const d = await draft("mother", DEATH);
    again = (await draft("mother", DEATH)).id;
    expect(d.fields.find((f) => f.key === "deceased.personalNumber")?.value).toBe(people.father.pn);
    const r = await submit("mother", d.id, { "requester.relationship": "spouse", "declaration.sworn": true });
    expect(r.status, JSON.stringify(r.body.error)).toBe(200);
    code = r.body.code as string;
    await decide(b, d.id);
    // A dispatcher of this test's own, with its clock, whose population registry fails 3 times.
    let t = new Date(s.now().getTime() + 60_000);
    const dispatcher = new Delivery({
      db: s.db,
      now: () => t,
      random: () => 0,
      settings: { maxAttempts: 5, backoff: { baseMs: 1_000, maxMs: 60_000 }, leaseMs: 30_000 },
    });
    let calls = 0;
    registerCivilStatusHandlers({
      registerHandler: (topic, handle) =>
        dispatcher.registerHandler(topic, async (q, m) => {
          calls += 1;
          await handle(q, m, undefined);
          if (calls <= 3) throw new Error(`population registry down (${calls})`);
        }),
    });
    for (let i = 0; i < 4; i++) {
      await dispatcher.drainOnce();
      t = new Date(t.getTime() + 10_000);
    }
    expect(calls).toBe(4);
    const row = await s.db.query<{ state: string; attempts: number }>(
      "select state, attempts from outbox where key = $1 and topic = 'civil_status.death_registered@1'",
      [d.id],
    );
    expect(row.rows).toEqual([{ state: "delivered", attempts: 4 }]);
    const person = await s.db.query<{ d: string }>(
      "select deceased_on::text as d from persons where personal_number = $1",
      [people.father.pn],
    );
    expect(person.rows[0]?.d).toBe("2026-11-03");
    const records = await s.db.query<{ code: string }>(
      `select details->'provenance'->>'dossierCode' as code from civil_status_records
       where personal_number = $1 and kind = 'death'`,
      [people.father.pn],
    );
    expect(records.rows).toEqual([{ code }]);
    const accepted = await s.db.query(
      "select outcome from message_log where type = 'civil_status.death_registered@1'",
    );
    expect(accepted.rows).toEqual([{ outcome: "accepted" }]);
  });

  it("he is no longer offered as a living party: not the head, not a household member, not the spouse", async () => {
    const pre = await b("mother").send<{ fields: Field[] }>("GET", "/api/procedures/1.004222/prefill");
    expect(pre.status).toBe(200);
    const f = Object.fromEntries(pre.body.fields.map((x) => [x.key, x.value]));
    expect(f["household.headNumber"] ?? null).toBeNull();
    expect(f["household.headName"] ?? null).toBeNull();
    const me = await b("mother").send<{ household: { members: Array<{ personalNumber: string }> } }>(
      "GET",
      "/api/me/data",
    );
    const members = me.body.household.members.map((m) => m.personalNumber);
    expect(members).not.toContain(people.father.pn);
    expect(members).toContain(people.mother.pn);
    const principal = { kind: "citizen" as const, id: "c-w", personalNumber: people.mother.pn, name: "" };
    const { sources } = await readForPrefill(s.db, { principal, purpose: "prefill" }, people.mother.pn, {
      needs: ["spouse", "householdHead"],
      fields: {},
    });
    expect(sources.spouse).toBeUndefined();
    expect(sources.householdHead).toBeUndefined();
  });

  it("a second death registration for him is refused naming the first dossier", async () => {
    // Drafted while the death notice was still unregistered.
    const r = await submit("mother", again, {
      "requester.relationship": "spouse",
      "declaration.sworn": true,
    });
    expectDuplicateOf(r, code);
  });
});

describe(`the population registry takes registered births only from the civil-status owner (${engine})`, () => {
  it("signed by social security, as itself or as the People's Committee: refused, logged, nothing applied", async () => {
    const bhxh = await signingKeyOf(
      generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      "test",
    );
    await registerAgencyKey(s.db, "bhxh", bhxh.publicJwk);
    const message = (from: "bhxh" | "ubnd") => ({
      id: randomUUID(),
      type: "civil_status.birth_registered@1",
      from: { agency: from, unit: A.commune },
      to: { agency: "cong-an" as const, unit: A.commune },
      sentAt: s.now().toISOString(),
      province: "48",
      payload: {
        registrationNumber: "GIA-MAO-1",
        registeredOn: "2026-11-04",
        communeCode: A.commune,
        child: { fullName: "Giả Mạo", birthDate: "2026-10-20", sex: "M" as const, placeOfBirth: "" },
        motherNumber: people.mother.pn,
        fatherNumber: null,
        birthNoticeId: null,
      },
    });
    const own = message("bhxh");
    const posing = message("ubnd");
    // A JWS signed with social security's key over a message naming the People's Committee.
    const forged = await signMessage({ ubnd: bhxh }, posing);
    for (const jws of [await signMessage({ bhxh }, own), forged])
      await s.db.tx((q) =>
        enqueue(q, {
          topic: "civil_status.birth_registered@1",
          key: `forged:${jws.length}`,
          payload: { jws },
          provinceCode: "48",
        }),
      );
    await s.drain();
    const refusals = async () =>
      (
        await s.db.query<{ reason: string }>(
          "select reason from message_log where message_id = any($1::uuid[]) and outcome = 'refused' order by reason",
          [[own.id, posing.id]],
        )
      ).rows.map((r) => r.reason);
    expect(await refusals()).toEqual(["SIGNER_NOT_SENDER", "WRONG_SENDER"]);
    const applied = await s.db.query("select 1 from persons where full_name = 'Giả Mạo'");
    expect(applied.rows).toEqual([]);

    // Dead at once (not retried, not "delivered"), on the administrator's page with the reason.
    const admin = new Browser(s.baseUrl);
    await admin.signIn("admin");
    type Dead = { items: Array<{ id: number; topic: string; attempts: number; lastError: string | null }> };
    const dead = await admin.send<Dead>("GET", "/api/admin/outbox?view=dead");
    const forgedRows = dead.body.items.filter((i) => i.topic === "civil_status.birth_registered@1");
    expect(forgedRows).toHaveLength(2);
    expect(forgedRows.map((i) => i.attempts)).toEqual([1, 1]);
    expect(
      forgedRows.map((i) => i.lastError?.match(/: (SIGNER_NOT_SENDER|WRONG_SENDER)/)?.[1]).sort(),
    ).toEqual(["SIGNER_NOT_SENDER", "WRONG_SENDER"]);
    // Retried by the administrator: refused and logged again, dead again; then discarded with a reason.
    const [first, second] = forgedRows as [Dead["items"][number], Dead["items"][number]];
    expect(
      (
        await admin.send("POST", "/api/admin/outbox/retry", {
          provinceCode: "48",
          id: first.id,
          reason: "Kiểm tra lại chữ ký.",
        })
      ).status,
    ).toBe(200);
    await s.drain();
    expect(await refusals()).toHaveLength(3);
    const r = await admin.send("POST", "/api/admin/outbox/discard", {
      provinceCode: "48",
      id: second.id,
      reason: "Thông điệp giả mạo, không xử lý.",
    });
    expect(r.status).toBe(200);
    const states = await s.db.query<{ state: string }>(
      "select state from outbox where province_code = '48' and id = any($1::bigint[]) order by id",
      [[first.id, second.id]],
    );
    expect(states.rows.map((x) => x.state)).toEqual(["dead", "discarded"]);
  });
});

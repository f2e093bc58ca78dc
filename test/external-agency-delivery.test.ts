import { generateKeyPairSync } from "node:crypto";
import { decodeProtectedHeader, exportJWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SigningKey, signingKeyOf } from "../src/lib/secrets.js";
import { envelopeOf, registerAgencyKey } from "../src/modules/exchange/index.js";
import { verifyChains } from "../src/modules/ledger/index.js";
import { engine } from "./helpers/db.js";
import { A, people, WORKER_JOINS_HA1 } from "./helpers/fixtures.js";
import { type Browsers, decide, signInEach } from "./helpers/journey.js";
import { type Child, startExternalAgency } from "./helpers/process.js";
import { clockFrom, startTestServer, TEST_START, type TestServer } from "./helpers/server.js";

/**
 * Issue 11 points 1 and 2 with the commune police run outside the platform
 * (`AGENCY_ENDPOINTS=cong-an=…`, a second process on 127.0.0.1 playing it): a registered death is
 * not applied here in the police's name; the outbox dispatcher posts the People's Committee's
 * signed message to the police's endpoint (the first post answered 503: the outbox's backoff, then
 * delivered), once, the police's signed acknowledgement verified and logged. A result the police
 * would have to sign (a residence registration) is refused at once, 409, nothing half-written.
 */
type View = {
  id: string;
  code: string | null;
  status: string;
  fields: Array<{ key: string; value: unknown }>;
  error?: { code: string; messageVi: string; messageEn: string };
};
type Seen = { id: string | null; outcome: string; reason: string | null; type?: string; jws?: string };

const DEATH = "LOCAL.KHAI-TU";
const PERMANENT = "1.004222";
const TOPIC = "civil_status.death_registered@1";
let s: TestServer;
let b: Browsers;
let police: SigningKey;
let agency: Child & { url: string };
let shift = 0;

const newKey = () =>
  signingKeyOf(
    generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    "test",
  );
const seen = async (): Promise<Seen[]> => (await (await fetch(`${agency.url}/received`)).json()) as Seen[];
const deceasedOn = async () =>
  (
    await s.db.query<{ d: string | null }>(
      "select deceased_on::text as d from persons where personal_number = $1",
      [people.father.pn],
    )
  ).rows[0]?.d;

beforeAll(async () => {
  [police] = await Promise.all([newKey()]);
  const other = await newKey();
  agency = await startExternalAgency({
    AGENCY_ID: "cong-an",
    AGENCY_KEY: JSON.stringify(await exportJWK(police.privateKey)),
    OTHER_KEY: JSON.stringify(await exportJWK(other.privateKey)),
    TRUSTED: "[]",
  });
  const clock = clockFrom(TEST_START);
  s = await startTestServer(
    // The police's endpoint answers 503 to its first post; one post per delivery attempt.
    { AGENCY_ENDPOINTS: `cong-an=${agency.url}/flaky/1`, AGENCY_ATTEMPTS: "1", AGENCY_TIMEOUT_MS: "5000" },
    { delivery: "manual", now: () => new Date(clock().getTime() + shift) },
  );
  // Each side knows the other's public key: the police ours (the People's Committee's), we theirs.
  await registerAgencyKey(s.db, "cong-an", police.publicJwk);
  const { rows } = await s.db.query<{ jwk: Record<string, unknown> }>(
    "select public_jwk as jwk from agency_keys where agency_id = 'ubnd'",
  );
  const trust = await fetch(`${agency.url}/trust`, {
    method: "POST",
    body: JSON.stringify(rows.map((r) => ({ ...r.jwk, agency: "ubnd" }))),
  });
  expect(trust.status).toBe(204);
  b = await signInEach(s.baseUrl, {
    mother: people.mother.pn,
    receiver: "motcua.20194",
    specialist: "chuyenvien.20194",
    leader: "lanhdao.20194",
  });
}, 120_000);
afterAll(async () => {
  agency?.proc.kill("SIGTERM");
  await s?.close();
});

describe(`a write-back to a registry run outside the platform (${engine})`, () => {
  let messageId = "";

  it("the father's death is registered and returned: the write-back waits in the outbox, signed by the People's Committee", async () => {
    await s.db.query(
      `insert into death_notices (household_id, id, province_code, commune_code, person_number, died_at, place, cause)
       values ('HA-1', 'GBT-EXT-0001', '48', $1, $2, '2026-11-03T12:00:00Z', 'Bệnh viện Đà Nẵng', 'Bệnh')`,
      [A.commune, people.father.pn],
    );
    const d = (await b("mother").send<View>("POST", "/api/dossiers", { procedureCode: DEATH })).body;
    const r = await b("mother").send<View>("POST", `/api/dossiers/${d.id}/submit`, {
      values: { "requester.relationship": "spouse", "declaration.sworn": true },
    });
    expect(r.status, JSON.stringify(r.body.error)).toBe(200);
    await decide(b, d.id);
    const { rows } = await s.db.query<{ jws: string }>(
      "select payload->>'jws' as jws from outbox where key = $1 and topic = $2",
      [d.id, TOPIC],
    );
    expect(rows).toHaveLength(1);
    const envelope = envelopeOf(rows[0]?.jws ?? "");
    expect(envelope?.from.agency).toBe("ubnd");
    expect(envelope?.to).toEqual({ agency: "cong-an", unit: A.commune });
    messageId = envelope?.id ?? "";
  });

  it("first delivery: the police answer 503; the attempt fails with the outbox's backoff, nothing applied here", async () => {
    await s.drain();
    const row = await s.db.query<{ state: string; attempts: number; error: string }>(
      "select state, attempts, last_error as error from outbox where topic = $1",
      [TOPIC],
    );
    expect(row.rows).toEqual([{ state: "pending", attempts: 1, error: expect.stringContaining("HTTP 503") }]);
    expect(await deceasedOn()).toBeNull();
    const log = await s.db.query<{ outcome: string; reason: string }>(
      "select outcome, reason from message_log where message_id = $1 and direction = 'sent'",
      [messageId],
    );
    expect(log.rows).toEqual([{ outcome: "failed", reason: "UNREACHABLE" }]);
  });

  it("after the backoff: posted once more, verified by the police, acknowledged signed; delivered, still not applied here", async () => {
    shift += 3_600_000;
    await s.drain();
    await s.drain(); // nothing left: a delivered message is not posted again
    const row = await s.db.query<{ state: string; attempts: number }>(
      "select state, attempts from outbox where topic = $1",
      [TOPIC],
    );
    expect(row.rows).toEqual([{ state: "delivered", attempts: 2 }]);
    const accepted = (await seen()).filter((m) => m.type === TOPIC);
    expect(accepted.map((m) => [m.id, m.outcome, m.reason])).toEqual([[messageId, "accepted", null]]);
    // Signed by the People's Committee's key (the police verified it with the key it trusts).
    const ubnd = await s.db.query<{ kid: string }>("select kid from agency_keys where agency_id = 'ubnd'");
    expect(decodeProtectedHeader(accepted[0]?.jws ?? "").kid).toBe(ubnd.rows[0]?.kid);
    // The police's registry is theirs: ours is not changed in their name.
    expect(await deceasedOn()).toBeNull();
    const records = await s.db.query(
      "select 1 from civil_status_records where personal_number = $1 and kind = 'death'",
      [people.father.pn],
    );
    expect(records.rows).toEqual([]);
    const log = await s.db.query<{ line: string }>(
      `select direction || ' ' || sender || '→' || receiver || ' ' || type || ' ' || outcome as line from message_log
       where message_id = $1 or in_reply_to = $1 order by chain_seq`,
      [messageId],
    );
    expect(log.rows.map((r) => r.line)).toEqual([
      `sent ubnd→cong-an ${TOPIC} failed`,
      `sent ubnd→cong-an ${TOPIC} delivered`,
      "received cong-an→ubnd exchange.ack@1 accepted",
    ]);
    expect(
      (await s.db.query("select 1 from message_log where type = $1 and direction = 'received'", [TOPIC]))
        .rows,
    ).toEqual([]);
  });

  it("a residence registration, which the police sign, is refused at once (409 AGENCY_NOT_HOSTED), nothing written", async () => {
    const d = (await b("mother").send<View>("POST", "/api/dossiers", { procedureCode: PERMANENT })).body;
    const r = await b("mother").send<View>("POST", `/api/dossiers/${d.id}/submit`, {
      values: WORKER_JOINS_HA1,
    });
    expect(r.status, JSON.stringify(r.body.error)).toBe(200);
    const pay = await b("mother").send<{ status: string; demoBankUrl: string }>(
      "GET",
      `/api/dossiers/${d.id}/payment`,
    );
    if (pay.status === 200 && pay.body.status === "unpaid")
      expect((await b("mother").fetch(pay.body.demoBankUrl, { method: "POST" })).status).toBe(303);
    for (const [who, action] of [
      ["receiver", "receive"],
      ["specialist", "forward"],
      ["leader", "approve"],
    ] as const)
      expect((await b(who).send("POST", `/api/dossiers/${d.id}/actions`, { action })).status).toBe(200);
    const started = Date.now();
    const issue = await b("leader").send<View>("POST", `/api/dossiers/${d.id}/actions`, {
      action: "issue_result",
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(issue.status).toBe(409);
    expect(issue.body.error?.code).toBe("AGENCY_NOT_HOSTED");
    expect(issue.body.error?.messageVi).toContain("AGENCY_ENDPOINTS");
    expect(issue.body.error?.messageEn).toContain("its own system");
    const after = await s.db.query<{ status: string; n: number }>(
      `select status, (select count(*)::int from outbox o where o.key = d.id::text and o.topic like 'residence.%') as n
       from dossiers d where id = $1`,
      [d.id],
    );
    expect(after.rows).toEqual([{ status: "approved", n: 0 }]);
  });

  it("the message log's chains verify", async () => {
    expect((await verifyChains(s.db)).problems).toEqual([]);
  });
});

import { generateKeyPairSync } from "node:crypto";
import path from "node:path";
import { exportJWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readKeyFile, type SigningKey, signingKeyOf } from "../src/lib/secrets.js";
import { envelopeOf, registerAgencyKey, sendAllowancePaid } from "../src/modules/exchange/index.js";
import { verifyChains } from "../src/modules/ledger/index.js";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { type Child, startExternalAgency } from "./helpers/process.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 11: a correction request to a registry whose owner runs its own system (the commune
 * police, `AGENCY_ENDPOINTS=cong-an=…`, a second process on 127.0.0.1) is posted to it signed by
 * the platform; the police decide it in their system and post the decision back signed
 * (`POST /api/agency-messages`, `registry.correction_decided@1`): verified with their key in
 * agency_keys, logged, applied once to the citizen's request, the citizen notified. A reply
 * unsigned, altered after signing or signed by a key that is not theirs is refused and logged.
 */
type Seen = { id: string | null; outcome: string; reason: string | null; type?: string };
type Posted = { status: number; body: string; id: string; jws: string };
type View = {
  correctionRequests: Array<{
    fieldKey: string;
    status: string;
    appliedValue: string | null;
    receivedAt: string | null;
  }>;
};

let s: TestServer;
let agency: Child & { url: string };
/** The social-affairs office (owner of the allowance registry), run outside the platform too. */
let social: Child & { url: string };
let mother: Browser;
let dossierId = "";
let requestMessage = "";

const newKey = (): Promise<SigningKey> =>
  signingKeyOf(
    generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    "test",
  );
const seen = async (): Promise<Seen[]> => (await (await fetch(`${agency.url}/received`)).json()) as Seen[];
const decide = async (mode: string, outcome = "accepted"): Promise<Posted> =>
  (await (
    await fetch(`${agency.url}/decide`, {
      method: "POST",
      body: JSON.stringify({
        platform: s.baseUrl,
        messageId: requestMessage,
        outcome,
        newValue: "Tày",
        mode,
      }),
    })
  ).json()) as Posted;
const request = async () =>
  (await mother.send<View>("GET", `/api/dossiers/${dossierId}`)).body.correctionRequests.find(
    (c) => c.fieldKey === "mother.ethnicity",
  );
const logged = async () =>
  (
    await s.db.query<{ line: string }>(
      `select direction || ' ' || sender || '→' || receiver || ' ' || outcome || coalesce(' ' || reason, '') as line
       from message_log where type = 'registry.correction_decided@1' order by province_code, chain_seq`,
    )
  ).rows.map((r) => r.line);

beforeAll(async () => {
  const police = await newKey();
  const other = await newKey();
  agency = await startExternalAgency({
    AGENCY_ID: "cong-an",
    AGENCY_KEY: JSON.stringify(await exportJWK(police.privateKey)),
    OTHER_KEY: JSON.stringify(await exportJWK(other.privateKey)),
    TRUSTED: "[]",
  });
  const office = await newKey();
  social = await startExternalAgency({
    AGENCY_ID: "van-hoa-xa-hoi",
    AGENCY_KEY: JSON.stringify(await exportJWK(office.privateKey)),
    OTHER_KEY: JSON.stringify(await exportJWK(other.privateKey)),
    TRUSTED: "[]",
  });
  s = await startTestServer(
    {
      AGENCY_ENDPOINTS: `cong-an=${agency.url}/ok,van-hoa-xa-hoi=${social.url}/ok`,
      AGENCY_ATTEMPTS: "1",
      AGENCY_TIMEOUT_MS: "5000",
    },
    { delivery: "manual" },
  );
  await registerAgencyKey(s.db, "cong-an", police.publicJwk);
  await registerAgencyKey(s.db, "van-hoa-xa-hoi", office.publicJwk);
  // Each external agency trusts the key of the hosted agency that writes to it.
  for (const [to, from] of [
    [agency, "mot-lan"],
    [social, "bhxh"],
  ] as const) {
    const { rows } = await s.db.query<{ jwk: Record<string, unknown> }>(
      "select public_jwk as jwk from agency_keys where agency_id = $1",
      [from],
    );
    await fetch(`${to.url}/trust`, {
      method: "POST",
      body: JSON.stringify(rows.map((r) => ({ ...r.jwk, agency: from }))),
    });
  }
  mother = new Browser(s.baseUrl);
  await mother.signIn(people.mother.pn);
}, 120_000);
afterAll(async () => {
  agency?.proc.kill("SIGTERM");
  social?.proc.kill("SIGTERM");
  await s?.close();
});

describe(`a correction decided by an external owner comes back signed (${engine})`, () => {
  it("the mother's correction request is posted to the police's system, signed by the platform, and acknowledged", async () => {
    dossierId = (await mother.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.001193" }))
      .body.id;
    const submitted = await mother.send<{ status: string }>("POST", `/api/dossiers/${dossierId}/submit`, {
      values: BIRTH_VALUES,
    });
    expect(submitted.body.status).toBe("submitted");
    const filed = await mother.send("POST", `/api/dossiers/${dossierId}/corrections`, {
      fieldKey: "mother.ethnicity",
      claimedValue: "Tày",
      note: "Tôi là người Tày.",
    });
    expect(filed.status).toBe(201);
    for (let i = 0; i < 3; i++) await s.drain();
    const asked = (await seen()).filter((m) => m.type === "registry.correction_requested@1");
    expect(asked.map((m) => [m.outcome, m.reason])).toEqual([["accepted", null]]);
    requestMessage = asked[0]?.id ?? "";
    expect(await request()).toMatchObject({ status: "open", receivedAt: expect.any(String) });
    // No case in a local queue: the police keep theirs.
    expect((await s.db.query("select 1 from correction_cases")).rows).toEqual([]);
  });

  it.each([
    ["unsigned", "BAD_SIGNATURE"],
    ["altered", "BAD_SIGNATURE"],
    ["other", "UNKNOWN_KEY"],
  ])("a decision %s is refused (400, both languages), logged, and changes nothing", async (mode, reason) => {
    const r = await decide(mode);
    expect(r.status).toBe(400);
    const body = JSON.parse(r.body) as { error: { code: string; messageVi: string; messageEn: string } };
    expect(body.error.code).toBe("AGENCY_MESSAGE_REFUSED");
    expect(body.error.messageVi).toContain("Tin nhắn của cơ quan bị từ chối");
    expect(body.error.messageEn).toContain(`The agency's message was refused`);
    expect(body.error.messageEn).toContain(reason);
    expect((await logged()).at(-1)).toBe(`received cong-an→mot-lan refused ${reason}`);
    expect(await request()).toMatchObject({ status: "open", appliedValue: null });
  });

  it("the police's signed decision is verified, logged, applied to the request once, and the mother is told", async () => {
    const r = await decide("signed");
    expect(r.status).toBe(200);
    const ack = envelopeOf(r.body);
    expect(ack).toMatchObject({
      type: "exchange.ack@1",
      from: { agency: "mot-lan" },
      to: { agency: "cong-an" },
      inReplyTo: r.id,
      payload: { outcome: "accepted", reason: null },
    });
    expect(await request()).toMatchObject({ status: "accepted", appliedValue: "Tày" });
    expect((await logged()).filter((l) => l.includes("accepted"))).toEqual([
      "received cong-an→mot-lan accepted",
    ]);
    const told = await s.db.query<{ action: string }>(
      "select payload->>'action' as action from outbox where topic = 'notify.citizen' and key = $1",
      [`notify:${dossierId}`],
    );
    expect(told.rows.map((t) => t.action)).toContain("correction_accepted");
    // The same message posted again: acknowledged, applied and logged once.
    const again = await fetch(`${s.baseUrl}/api/agency-messages`, {
      method: "POST",
      headers: { "content-type": "application/jose" },
      body: r.jws,
    });
    expect(again.status).toBe(200);
    expect(envelopeOf(await again.text())?.inReplyTo).toBe(r.id);
    expect((await logged()).filter((l) => l.includes("accepted"))).toHaveLength(1);
    const inbox = await s.db.query("select sender, type from agency_inbox where message_id = $1", [r.id]);
    expect(inbox.rows).toEqual([{ sender: "cong-an", type: "registry.correction_decided@1" }]);
    expect(
      (
        await s.db.query<{ n: number }>(
          "select count(*)::int as n from outbox where topic = 'notify.citizen' and key = $1 and payload->>'action' = 'correction_accepted'",
          [`notify:${dossierId}`],
        )
      ).rows,
    ).toEqual([{ n: 1 }]);
  });

  it("a survivor benefit paid by social security is posted, signed, to the external social-affairs office and acknowledged", async () => {
    const pem = readKeyFile(path.join(s.tdb.dataDir, "keys.json")).agencies?.bhxh ?? "";
    const bhxh = await signingKeyOf(pem, "bhxh");
    const id = await s.db.tx((q) =>
      sendAllowancePaid(
        q,
        { bhxh },
        {
          sender: "bhxh",
          unit: null,
          provinceCode: "48",
          dossier: { id: dossierId, code: null },
          resultNumber: "QĐ-48-0001",
          at: new Date("2026-11-20T03:00:00Z"),
          payload: {
            personalNumber: people.mother.pn,
            deceasedNumber: null,
            kind: "survivor_benefit",
            decisionNumber: "QĐ-48-0001",
            decidedOn: "2026-11-19",
            amount: 9_360_000,
            monthlyAmount: 0,
            payment: {
              bankRef: "NH-0001",
              paidAt: "2026-11-20T03:00:00Z",
              account: "****1234",
              bank: "Vietcombank",
            },
          },
        },
      ),
    );
    for (let i = 0; i < 2; i++) await s.drain();
    const row = await s.db.query<{ state: string }>(
      "select state from outbox where topic = 'allowances.paid@1'",
    );
    expect(row.rows).toEqual([{ state: "delivered" }]);
    const got = (await (await fetch(`${social.url}/received`)).json()) as Seen[];
    expect(got.map((m) => [m.id, m.type, m.outcome])).toEqual([[id, "allowances.paid@1", "accepted"]]);
    // Applied in the office's own registry, not here in its name.
    expect(
      (await s.db.query("select 1 from allowances where personal_number = $1", [people.mother.pn])).rows,
    ).toEqual([]);
  });

  it("the message log's chains verify", async () => {
    expect((await verifyChains(s.db)).problems).toEqual([]);
  });
});

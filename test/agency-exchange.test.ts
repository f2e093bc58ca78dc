import type { ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { CompactSign, exportJWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Envelope } from "../src/domain/messages.js";
import { localityId } from "../src/kernel/locality.js";
import { type SigningKey, signingKeyOf } from "../src/lib/secrets.js";
import {
  type AgencyTransport,
  MESSAGE_TYP,
  publishAgencyKeys,
  receiveMessage,
  registerAgencyKey,
  sendToAgency,
  signMessage,
} from "../src/modules/exchange/index.js";
import { verifyChains } from "../src/modules/ledger/index.js";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { startExternalAgency } from "./helpers/process.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Agencies exchange signed messages (issue 11 points 2 and 5): the receiver refuses and logs a
 * message altered after signing or signed by an agency that is not its sender; an external agency
 * takes part over HTTP (a second process on 127.0.0.1 verifies our signature and answers signed);
 * the citizen's access list says which agency received which fields, for which dossier, and why.
 */
let s: TestServer;
let ubnd: SigningKey;
let bhxh: SigningKey;
let stranger: SigningKey;
let agency: { proc: ChildProcess; url: string; output: () => string };

const newKey = () =>
  signingKeyOf(
    generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    "test",
  );
const DOSSIER = { id: localityId("48"), code: "UB.20194.H48-261104-0001" };

/** The birth of the mother's child, registered by Hải Vân's People's Committee, told to social security. */
function birthMessage(over: Partial<Envelope> = {}): Envelope {
  return {
    id: randomUUID(),
    type: "civil_status.birth_registered@1",
    from: { agency: "ubnd", unit: "20194" },
    to: { agency: "bhxh", unit: "48" },
    sentAt: "2026-11-04T09:30:00+07:00",
    province: "48",
    dossier: DOSSIER,
    payload: {
      registrationNumber: "125/2026",
      registeredOn: "2026-11-04",
      communeCode: "20194",
      child: {
        fullName: "Nguyễn Ngọc Diệp",
        birthDate: "2026-10-28",
        sex: "F",
        placeOfBirth: "Bệnh viện Đà Nẵng",
      },
      motherNumber: people.mother.pn,
      fatherNumber: null,
      birthNoticeId: null,
    },
    ...over,
  };
}

/** A JWS made by hand: any key, any content (what a forger sends). */
async function forge(content: unknown, key: SigningKey): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(content)))
    .setProtectedHeader({ alg: "EdDSA", kid: key.kid, typ: MESSAGE_TYP })
    .sign(key.privateKey);
}

const transport = (path: string, attempts = 3): AgencyTransport => ({
  db: s.db,
  signers: { ubnd },
  endpoints: { bhxh: `${agency.url}${path}` },
  attempts,
  timeoutMs: 5_000,
  backoffMs: 20,
});

async function logOf(messageOrReplyTo: string) {
  const { rows } = await s.db.query<{
    direction: string;
    outcome: string;
    reason: string | null;
    sender: string;
    receiver: string;
    type: string;
    payloadSha256: string;
  }>(
    `select direction, outcome, reason, sender, receiver, type, payload_sha256 as "payloadSha256" from message_log
     where province_code = '48' and (message_id = $1 or in_reply_to = $1 or detail->>'inReplyTo' = $1::text)
     order by chain_seq`,
    [messageOrReplyTo],
  );
  return rows;
}

beforeAll(async () => {
  s = await startTestServer();
  [ubnd, bhxh, stranger] = await Promise.all([newKey(), newKey(), newKey()]);
  await publishAgencyKeys(s.db, { ubnd });
  await registerAgencyKey(s.db, "bhxh", bhxh.publicJwk);
  // Another agency's key: registered, but not social security's.
  await registerAgencyKey(s.db, "cong-an", stranger.publicJwk);
  const child = await startExternalAgency({
    AGENCY_ID: "bhxh",
    AGENCY_KEY: JSON.stringify(await exportJWK(bhxh.privateKey)),
    OTHER_KEY: JSON.stringify(await exportJWK(stranger.privateKey)),
    TRUSTED: JSON.stringify([{ ...ubnd.publicJwk, agency: "ubnd" }]),
  });
  agency = { proc: child.proc, url: child.url, output: child.output };
}, 120_000);
afterAll(async () => {
  agency?.proc.kill("SIGTERM");
  await s?.close();
});

describe(`a receiver verifies every message and logs what it refuses (${engine})`, () => {
  it.each([
    ["a message signed by its sender", async () => signMessage({ ubnd }, birthMessage()), "accepted", null],
    [
      "the payload altered after signing (the mother's number changed)",
      async () => {
        const [h, p, sig] = (await signMessage({ ubnd }, birthMessage())).split(".");
        const altered = JSON.parse(Buffer.from(p as string, "base64url").toString()) as Envelope;
        (altered.payload as { motherNumber: string }).motherNumber = people.neighbour.pn;
        return `${h}.${Buffer.from(JSON.stringify(altered)).toString("base64url")}.${sig}`;
      },
      "refused",
      "BAD_SIGNATURE",
    ],
    [
      "signed by another agency's key (the police's) while it names the People's Committee as sender",
      async () => forge(birthMessage(), stranger),
      "refused",
      "SIGNER_NOT_SENDER",
    ],
    [
      "signed by a key nobody registered",
      async () => forge(birthMessage(), await newKey()),
      "refused",
      "UNKNOWN_KEY",
    ],
    [
      "addressed to another agency",
      async () => signMessage({ ubnd }, birthMessage({ to: { agency: "van-hoa-xa-hoi", unit: "20194" } })),
      "refused",
      "WRONG_RECEIVER",
    ],
    [
      "a payload that breaks its type's schema",
      async () => forge({ ...birthMessage(), payload: { registrationNumber: "" } }, ubnd),
      "refused",
      "INVALID_PAYLOAD",
    ],
    [
      "a type nobody defined",
      async () => forge({ ...birthMessage(), type: "civil_status.nothing@1" }, ubnd),
      "refused",
      "UNKNOWN_TYPE",
    ],
    ["not a JWS at all", async () => "hello.world", "refused", "MALFORMED"],
  ])("%s → %s %s", async (_name, make, outcome, reason) => {
    const jws = await make();
    const v = await s.db.tx((q) => receiveMessage(q, jws, { receiver: "bhxh" }));
    expect(v.ok ? null : v.reason).toBe(reason);
    const { rows } = await s.db.query<{
      outcome: string;
      reason: string | null;
      sender: string;
      receiver: string;
    }>(
      `select outcome, reason, sender, receiver from message_log where province_code = $1 and direction = 'received'
       order by chain_seq desc limit 1`,
      [reason === "MALFORMED" ? "00" : "48"],
    );
    expect(rows[0]).toEqual({
      outcome,
      reason,
      sender: reason === "MALFORMED" ? "?" : "ubnd",
      receiver: reason === "WRONG_RECEIVER" ? "van-hoa-xa-hoi" : "bhxh",
    });
  });
});

describe(`an external agency over HTTP (${engine})`, () => {
  it("happy path: our message verified by the agency's process, its signed acknowledgement verified by us, both logged", async () => {
    const m = birthMessage();
    const result = await sendToAgency(transport("/ok"), m);
    expect(result).toMatchObject({ ok: true, ack: { outcome: "accepted", reason: null }, attempts: 1 });
    const seen = (await (await fetch(`${agency.url}/received`)).json()) as Array<{
      id: string;
      outcome: string;
    }>;
    expect(seen).toContainEqual(expect.objectContaining({ id: m.id, outcome: "accepted", reason: null }));
    const log = await logOf(m.id);
    expect(log.map((r) => `${r.direction} ${r.sender}→${r.receiver} ${r.type} ${r.outcome}`)).toEqual([
      "sent ubnd→bhxh civil_status.birth_registered@1 delivered",
      "received bhxh→ubnd exchange.ack@1 accepted",
    ]);
    expect(log[0]?.payloadSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("retries: the agency answers 503 twice, the third post is delivered", async () => {
    const m = birthMessage();
    expect(await sendToAgency(transport("/flaky/2"), m)).toMatchObject({ ok: true, attempts: 3 });
    const { rows } = await s.db.query<{ attempts: number }>(
      `select (detail->>'attempts')::int as attempts from message_log
       where province_code = '48' and message_id = $1 and direction = 'sent'`,
      [m.id],
    );
    expect(rows).toEqual([{ attempts: 3 }]);
  });

  it.each([
    ["/forge-payload", "BAD_SIGNATURE"],
    ["/forge-signer", "SIGNER_NOT_SENDER"],
  ])("a forged reply (%s) is refused and logged, and the exchange counts as failed", async (path, reason) => {
    const m = birthMessage();
    const result = await sendToAgency(transport(path), m);
    expect(result).toMatchObject({ ok: false, reason: "INVALID_REPLY" });
    expect(result.ok ? "" : result.detail).toContain(reason);
    const log = await logOf(m.id);
    expect(log.map((r) => `${r.direction} ${r.sender}→${r.receiver} ${r.outcome} ${r.reason}`)).toEqual([
      "sent ubnd→bhxh failed INVALID_REPLY",
      `received bhxh→ubnd refused ${reason}`,
    ]);
  });

  it("the agency checks our signature: a message altered on the way is refused by it, signed", async () => {
    const [h, p, sig] = (await signMessage({ ubnd }, birthMessage())).split(".");
    const altered = {
      ...(JSON.parse(Buffer.from(p as string, "base64url").toString()) as Envelope),
      province: "01",
    };
    const res = await fetch(`${agency.url}/ok`, {
      method: "POST",
      headers: { "content-type": "application/jose" },
      body: `${h}.${Buffer.from(JSON.stringify(altered)).toString("base64url")}.${sig}`,
    });
    const reply = await res.text();
    const v = await s.db.tx((q) => receiveMessage(q, reply, { receiver: "ubnd" }));
    expect(v.ok && v.message.payload).toEqual({ outcome: "refused", reason: "BAD_SIGNATURE" });
  });

  it("an agency that cannot be reached: the exchange is logged as failed after the attempts", async () => {
    const m = birthMessage();
    const t = { ...transport(""), endpoints: { bhxh: "http://127.0.0.1:9/messages" } };
    expect(await sendToAgency(t, m)).toMatchObject({ ok: false, reason: "UNREACHABLE", attempts: 3 });
    expect((await logOf(m.id)).map((r) => `${r.direction} ${r.outcome} ${r.reason}`)).toEqual([
      "sent failed UNREACHABLE",
    ]);
  });

  it("after all of it, the message log's chains verify", async () => {
    expect((await verifyChains(s.db)).problems).toEqual([]);
  });
});

describe(`the citizen sees which agency received which of their data (${engine})`, () => {
  it("the mother's access list names social security of Đà Nẵng, the fields, the dossier and the legal basis", async () => {
    const mother = new Browser(s.baseUrl);
    await mother.signIn(people.mother.pn);
    const { status, body } = await mother.send<{
      items: Array<Record<string, unknown>>;
    }>("GET", "/api/me/access-log?limit=50");
    expect(status).toBe(200);
    const exchanges = body.items.filter((e) => e.actorKind === "agency");
    expect(exchanges).toEqual([
      expect.objectContaining({
        actorKind: "agency",
        actorId: "bhxh",
        actorName: "Bảo hiểm xã hội thành phố Đà Nẵng",
        actorRole: null,
        purpose: "agency-exchange",
        legalBasis: "Luật Hộ tịch 2014, Điều 16; Nghị định 63/2024/NĐ-CP (liên thông thủ tục hành chính)",
        resource: `dossier:${DOSSIER.id}`,
        fields: ["personalNumber", "civilStatus", "parents"],
        dossierCode: DOSSIER.code,
        messageType: "civil_status.birth_registered@1",
        // the message accepted in-process and the two delivered over HTTP (happy path, retries);
        // nothing for the exchanges whose reply was forged, nor for the one never delivered
        count: 3,
      }),
    ]);
  });
});

import { randomUUID } from "node:crypto";
import http from "node:http";
import {
  CompactSign,
  calculateJwkThumbprint,
  compactVerify,
  decodeProtectedHeader,
  importJWK,
  type JWK,
} from "jose";

/**
 * A second process playing an external agency (e.g. social security) on 127.0.0.1, as the HTTP
 * adapter's test runs it. It verifies each message it is posted with the sender's registered
 * public key (TRUSTED: public JWKs with their `agency`), answers with an acknowledgement signed
 * by its own key (AGENCY_KEY, a private JWK), and
 * misbehaves on purpose by path:
 *   /ok             a signed acknowledgement ("accepted", or "refused" with why it refused)
 *   /flaky/<n>      503 for the first n posts, then as /ok
 *   /forge-payload  the acknowledgement's payload altered after it was signed
 *   /forge-signer   the acknowledgement signed with OTHER_KEY (another agency's private JWK)
 * GET /received lists what it verified (with the message's type and the JWS posted); POST /trust
 * adds public JWKs (with their `agency`) to TRUSTED. POST /decide `{ platform, messageId,
 * outcome, newValue?, reason?, mode }` decides a correction request it accepted, as the agency's
 * own officers would, and posts `registry.correction_decided@1` to `<platform>/api/agency-messages`:
 * `signed` (its key), `other` (OTHER_KEY), `altered` (new value changed after signing) or
 * `unsigned` (no signature); it answers the platform's status and body. Prints "LISTENING <port>".
 */
const self = process.env.AGENCY_ID ?? "bhxh";
const ownJwk = JSON.parse(process.env.AGENCY_KEY ?? "{}") as JWK;
const otherJwk = JSON.parse(process.env.OTHER_KEY ?? "{}") as JWK;
const own = await importJWK(ownJwk, "EdDSA");
const other = await importJWK(otherJwk, "EdDSA");
const ownKid = await calculateJwkThumbprint(ownJwk);
const otherKid = await calculateJwkThumbprint(otherJwk);
const trusted = JSON.parse(process.env.TRUSTED ?? "[]") as Array<JWK & { agency: string }>;

type Message = {
  id: string;
  type: string;
  payload?: unknown;
  from: { agency: string };
  to: { agency: string; unit?: string };
  province: string;
  dossier?: { id: string; code: string | null };
};
const received: Array<{
  id: string | null;
  outcome: string;
  reason: string | null;
  type?: string;
  jws?: string;
}> = [];
const hits = new Map<string, number>();

async function check(jws: string): Promise<{ m: Message | null; reason: string | null }> {
  try {
    const header = decodeProtectedHeader(jws);
    const key = trusted.find((k) => k.kid === header.kid);
    if (!key) return { m: null, reason: "UNKNOWN_KEY" };
    let payload: Uint8Array;
    try {
      payload = (await compactVerify(jws, await importJWK(key, "EdDSA"))).payload;
    } catch {
      const m = JSON.parse(Buffer.from(jws.split(".")[1] ?? "", "base64url").toString()) as Message;
      return { m, reason: "BAD_SIGNATURE" };
    }
    const m = JSON.parse(new TextDecoder().decode(payload)) as Message;
    if (m.from.agency !== key.agency) return { m, reason: "SIGNER_NOT_SENDER" };
    if (m.to.agency !== self) return { m, reason: "WRONG_RECEIVER" };
    return { m, reason: null };
  } catch {
    return { m: null, reason: "MALFORMED" };
  }
}

async function sign(content: unknown, key: CryptoKey | Uint8Array, kid: string): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(content)))
    .setProtectedHeader({ alg: "EdDSA", kid, typ: "mot-lan-message+jws" })
    .sign(key);
}

const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => {
    body += c;
  });
  req.on("end", async () => {
    const path = req.url ?? "/";
    if (req.method === "GET" && path === "/received") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(received));
      return;
    }
    if (req.method === "POST" && path === "/trust") {
      trusted.push(...(JSON.parse(body) as Array<JWK & { agency: string }>));
      res.writeHead(204).end();
      return;
    }
    if (req.method === "POST" && path === "/decide") {
      const d = JSON.parse(body) as {
        platform: string;
        messageId: string;
        outcome: "accepted" | "rejected";
        newValue?: string;
        reason?: string;
        mode: "signed" | "other" | "altered" | "unsigned";
      };
      const asked = received.find((r) => r.id === d.messageId && r.outcome === "accepted");
      const m = asked?.jws ? (await check(asked.jws)).m : null;
      if (!m) {
        res.writeHead(404).end("no such request");
        return;
      }
      const p = m.payload as Record<string, string>;
      const decision = {
        id: randomUUID(),
        type: "registry.correction_decided@1",
        from: { agency: self, ...(m.to.unit ? { unit: m.to.unit } : {}) },
        to: { agency: "mot-lan" },
        sentAt: new Date().toISOString(),
        province: m.province,
        ...(m.dossier ? { dossier: m.dossier } : {}),
        inReplyTo: m.id,
        payload: {
          correctionId: p.correctionId,
          registry: p.registry,
          personalNumber: p.personalNumber,
          field: p.field,
          outcome: d.outcome,
          previousValue: p.currentValue ?? null,
          newValue: d.outcome === "accepted" ? (d.newValue ?? p.proposedValue) : null,
          reason: d.reason ?? null,
          decidedAt: new Date().toISOString(),
        },
      };
      let jws = await sign(
        decision,
        d.mode === "other" ? other : own,
        d.mode === "other" ? otherKid : ownKid,
      );
      const [h, , sig] = jws.split(".");
      const forged = { ...decision, payload: { ...decision.payload, newValue: "Kinh (sửa tay)" } };
      if (d.mode === "altered")
        jws = `${h}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${sig}`;
      if (d.mode === "unsigned") jws = `${h}.${Buffer.from(JSON.stringify(decision)).toString("base64url")}.`;
      const answer = await fetch(`${d.platform}/api/agency-messages`, {
        method: "POST",
        headers: { "content-type": "application/jose" },
        body: jws,
      });
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ status: answer.status, body: await answer.text(), id: decision.id, jws }));
      return;
    }
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    const flaky = /^\/flaky\/(\d+)$/.exec(path);
    if (flaky && n <= Number(flaky[1])) {
      res.writeHead(503).end("busy");
      return;
    }
    const { m, reason } = await check(body);
    received.push({
      id: m?.id ?? null,
      outcome: reason ? "refused" : "accepted",
      reason,
      type: m?.type,
      jws: body,
    });
    const ack = {
      id: randomUUID(),
      type: "exchange.ack@1",
      from: { agency: self },
      to: { agency: m?.from.agency ?? "mot-lan" },
      sentAt: new Date().toISOString(),
      province: m?.province ?? "00",
      ...(m?.id ? { inReplyTo: m.id } : {}),
      payload: { outcome: reason ? "refused" : "accepted", reason },
    };
    let reply = path === "/forge-signer" ? await sign(ack, other, otherKid) : await sign(ack, own, ownKid);
    if (path === "/forge-payload") {
      const [h, , s] = reply.split(".");
      const altered = { ...ack, payload: { outcome: "accepted", reason: "checked by hand" } };
      reply = `${h}.${Buffer.from(JSON.stringify(altered)).toString("base64url")}.${s}`;
    }
    res.writeHead(200, { "content-type": "application/jose" }).end(reply);
  });
});
server.listen(0, "127.0.0.1", () => {
  const addr = server.address();
  console.log(`LISTENING ${typeof addr === "object" && addr ? addr.port : 0}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));

import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db, Queryable } from "../../db/client.js";
import { type AgencyId, officeName } from "../../domain/agencies.js";
import type { Envelope, PayloadOf } from "../../domain/messages.js";
import { AppError, defineErrors } from "../../kernel/errors.js";
import { errorResponses } from "../../kernel/schemas.js";
import { findCorrectionRequest, recordCorrectionDecision } from "../dossiers/index.js";
import {
  type AgencySigners,
  logExchange,
  type Refused,
  receivedEntry,
  signMessage,
  type Verified,
  verifyMessage,
} from "../exchange/index.js";
import { findCommune, findProvince } from "../units/index.js";
import { ownerOf } from "./relay.js";

/**
 * The way back in for an agency run outside this platform (AGENCY_ENDPOINTS): `POST
 * /api/agency-messages` takes one signed message (`Content-Type: application/jose`, the compact
 * JWS, as our adapter posts to them). Today one type comes this way: an external owner's decision
 * on a correction request the platform posted to it (`registry.correction_decided@1`). The
 * message must verify with the sender's key in `agency_keys` (registered by `npm run
 * agency:register`), be addressed to the platform (`mot-lan`), come from an agency that is
 * external here and owns the registry of that request (the office it was posted to), and name
 * the request's person and field. It is logged in the message log (`received`, `accepted` or
 * `refused` with the reason: the refusal is committed as evidence and answered 400
 * AGENCY_MESSAGE_REFUSED in both languages), applied once by message id (`agency_inbox`: a
 * repeated post is acknowledged again and applies nothing), and the decision is recorded as the
 * local path records it (`recordCorrectionDecision`: the request's outcome, the citizen told by
 * SMS and e-mail, open dossiers that reused the old value alerted). The answer is the platform's
 * signed acknowledgement (`exchange.ack@1`, `application/jose`).
 */
export const InboundErrors = defineErrors({
  AGENCY_MESSAGE_REFUSED: {
    status: 400,
    vi: "Tin nhắn của cơ quan bị từ chối (chữ ký, người gửi hoặc nội dung không hợp lệ); đã ghi vào nhật ký trao đổi.",
    en: "The agency's message was refused (its signature, sender or content is not valid); it is recorded in the message log.",
  },
});

const DECIDED = "registry.correction_decided@1";

type Verdict = { ok: true; message: Envelope; duplicate: boolean } | { ok: false; refused: Refused };

/** Why a verified message may not be applied here (undefined: it may). */
async function whyNot(
  q: Queryable,
  m: Envelope,
  endpoints: Partial<Record<AgencyId, string>>,
): Promise<Pick<Refused, "reason" | "issues"> | undefined> {
  if (m.type !== DECIDED) return { reason: "UNKNOWN_TYPE", issues: [`${m.type} is not taken over HTTP`] };
  const from = m.from.agency;
  if (!endpoints[from])
    return { reason: "WRONG_SENDER", issues: [`${from} is hosted here: its decisions are made here`] };
  const p = m.payload as PayloadOf<typeof DECIDED>;
  const [province, id] = p.correctionId.split(":");
  const r =
    province === m.province && /^\d{1,15}$/.test(id ?? "")
      ? await findCorrectionRequest(q, province, Number(id))
      : undefined;
  if (!r) return { reason: "INVALID_PAYLOAD", issues: [`no correction request ${p.correctionId}`] };
  if ((await ownerOf(q, r)).agency !== from)
    return {
      reason: "WRONG_SENDER",
      issues: [`${from} does not own the ${r.registry} registry of this request`],
    };
  if (r.subjectNumber !== p.personalNumber || r.attribute !== p.field || r.registry !== p.registry)
    return { reason: "INVALID_PAYLOAD", issues: ["the person, field or registry differs from the request"] };
  return undefined;
}

/** Verifies, logs and (once) applies one posted message, in one transaction. */
async function receive(
  db: Db,
  jws: string,
  endpoints: Partial<Record<AgencyId, string>>,
  at: Date,
): Promise<Verdict> {
  return db.tx(async (q) => {
    const v: Verified | Refused = await verifyMessage(q, jws, { receiver: "mot-lan" });
    const no = v.ok ? await whyNot(q, v.message, endpoints) : undefined;
    if (!v.ok || no) {
      const refused: Refused = v.ok ? { ...v, ok: false, ...(no as NonNullable<typeof no>) } : v;
      await logExchange(q, receivedEntry(refused, "mot-lan"));
      return { ok: false, refused };
    }
    const m = v.message;
    const { rows } = await q.query(
      `insert into agency_inbox (province_code, message_id, sender, type, received_at)
       values ($1, $2, $3, $4, $5) on conflict do nothing returning message_id`,
      [m.province, m.id, m.from.agency, m.type, at],
    );
    if (rows.length === 0) return { ok: true, message: m, duplicate: true };
    await logExchange(q, receivedEntry(v, "mot-lan"));
    const p = m.payload as PayloadOf<typeof DECIDED>;
    const [province, id] = p.correctionId.split(":") as [string, string];
    const unit = m.from.unit;
    const commune = unit?.length === 5 ? await findCommune(q, unit) : undefined;
    await recordCorrectionDecision(q, {
      requestProvince: province,
      requestId: Number(id),
      correctionId: p.correctionId,
      outcome: p.outcome,
      registry: p.registry,
      subjectNumber: p.personalNumber,
      attribute: p.field,
      previousValue: p.previousValue,
      newValue: p.outcome === "accepted" ? p.newValue : null,
      reason: p.reason,
      officeVi: officeName(m.from.agency, {
        commune,
        province: await findProvince(q, commune?.provinceCode ?? (unit?.length === 2 ? unit : m.province)),
      }),
      at: new Date(p.decidedAt),
    });
    return { ok: true, message: m, duplicate: false };
  });
}

/** Registers `POST /api/agency-messages` (its own body parser: `application/jose`, up to 64 KiB). */
export async function agencyMessageRoutes(
  appBase: FastifyInstance,
  opts: {
    db: Db;
    now: () => Date;
    signers: AgencySigners;
    endpoints: Partial<Record<AgencyId, string>>;
    wake: () => void;
  },
) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser(
    "application/jose",
    { parseAs: "string", bodyLimit: 64 * 1024 },
    (_r, body, done) => done(null, body),
  );
  app.post(
    "/api/agency-messages",
    {
      schema: {
        tags: ["exchange"],
        summary:
          "External agency → platform: one signed message (application/jose), e.g. a correction decided",
        consumes: ["application/jose"],
        body: z
          .string()
          .min(1)
          .max(64 * 1024),
        response: { 200: z.string(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const at = opts.now();
      const v = await receive(opts.db, req.body.trim(), opts.endpoints, at);
      if (!v.ok) {
        const why = [v.refused.reason, ...v.refused.issues].join(": ");
        throw new AppError(InboundErrors.AGENCY_MESSAGE_REFUSED, [], {
          vi: `${InboundErrors.AGENCY_MESSAGE_REFUSED.vi} (${why})`,
          en: `${InboundErrors.AGENCY_MESSAGE_REFUSED.en} (${why})`,
        });
      }
      if (!v.duplicate) opts.wake(); // the citizen's notification waits in the outbox
      const m = v.message;
      const ack = await signMessage(opts.signers, {
        id: randomUUID(),
        type: "exchange.ack@1",
        from: { agency: "mot-lan" },
        to: { agency: m.from.agency },
        sentAt: at.toISOString(),
        province: m.province,
        inReplyTo: m.id,
        payload: { outcome: "accepted", reason: null },
      });
      return reply.type("application/jose").send(ack);
    },
  );
}

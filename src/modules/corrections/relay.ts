import { createHash, randomUUID } from "node:crypto";
import type { Queryable } from "../../db/client.js";
import { type AgencyId, officeName } from "../../domain/agencies.js";
import { correctionOwner } from "../../domain/corrections.js";
import type { Envelope } from "../../domain/messages.js";
import type { Delivery, OutboxMessage } from "../delivery/index.js";
import {
  type CorrectionRequestRow,
  findCorrectionRequest,
  recordCorrectionDecision,
  recordCorrectionReceived,
} from "../dossiers/index.js";
import {
  type AgencySigners,
  type ExternalAgencies,
  findPersonPlace,
  type Posted,
  postToExternal,
  receiveOrRefuse,
  signMessage,
} from "../exchange/index.js";
import { findCommune, findProvince } from "../units/index.js";
import { findCase, insertCase } from "./repository.js";

/**
 * The two legs of a correction between the platform and the registry's owner, each a signed
 * message (src/domain/messages.ts) verified and logged by its receiver (message_log), carried by
 * delivery so that it commits with the change that caused it:
 * - `registry.correction_requested` (written with the citizen's request): the platform (mot-lan)
 *   sends `registry.correction_requested@1` to the owner's office where the person lives; the
 *   owner, hosted here, verifies it and opens a case in its officers' queue;
 * - `registry.correction_decided` (written with an officer's decision): the owner's office sends
 *   `registry.correction_decided@1` back; the platform records it on the citizen's request, alerts
 *   the open dossiers that reused the old value and tells the citizen.
 * A refused message (bad signature…) is logged as evidence, applies nothing and is dead at once
 * (the administrator's delivery page shows it with the reason; retry or discard). An owner run
 * outside this platform (`external`) is posted the request instead, and keeps its queue itself.
 */
export function registerCorrectionHandlers(
  delivery: Delivery,
  signers: AgencySigners,
  external?: ExternalAgencies,
): void {
  delivery.registerHandler<Posted | undefined>(
    "registry.correction_requested",
    (q, m, posted) => (posted ? forwarded(q, m) : relayRequest(q, m, signers)),
    { send: async (m) => (external ? postRequest(external, signers, m) : undefined) },
  );
  delivery.registerHandler("registry.correction_decided", (q, m) => relayDecision(q, m, signers));
}

type Routed = { r: CorrectionRequestRow; owner: NonNullable<ReturnType<typeof correctionOwner>> };

/** The open request an outbox message names and the owner's office it goes to (undefined: nothing to do). */
async function route(q: Queryable, m: OutboxMessage): Promise<Routed | undefined> {
  const { requestId } = m.payload as { requestId: number };
  const r = await findCorrectionRequest(q, m.provinceCode, Number(requestId));
  if (r?.status !== "open") return undefined;
  return { r, owner: await ownerOf(q, r) };
}

/** The office that owns the registry a correction request is about, where the person lives. */
export async function ownerOf(q: Queryable, r: CorrectionRequestRow): Promise<Routed["owner"]> {
  const lives = await findPersonPlace(q, r.subjectNumber);
  const commune = lives ? undefined : r.dossierCommune ? await findCommune(q, r.dossierCommune) : undefined;
  const place =
    lives ?? (commune ? { communeCode: commune.code, provinceCode: commune.provinceCode } : undefined);
  const owner = place ? correctionOwner(r.registry, place) : undefined;
  if (!owner) throw new Error(`correction ${r.provinceCode}:${r.id}: no owner for ${r.registry}`);
  return owner;
}

function requestEnvelope({ r, owner }: Routed, id: string, at: Date): Envelope {
  return {
    id,
    type: "registry.correction_requested@1",
    from: { agency: "mot-lan" },
    to: { agency: owner.agency, unit: owner.unit },
    sentAt: at.toISOString(),
    province: r.provinceCode,
    dossier: { id: r.dossierId, code: r.dossierCode },
    payload: {
      correctionId: `${r.provinceCode}:${r.id}`,
      registry: r.registry,
      personalNumber: r.subjectNumber,
      field: r.attribute,
      currentValue: r.registryValue,
      proposedValue: r.claimedValue,
      reason: r.note ?? "",
    },
  };
}

/** One message id per outbox message: a retried post is the same message to the owner (its inbox). */
function stableId(m: OutboxMessage): string {
  const h = createHash("sha256").update(`correction:${m.provinceCode}:${m.id}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * An owner run outside this platform (AGENCY_ENDPOINTS) takes the request over HTTP, signed by the
 * platform, and keeps its queue itself: posted by the dispatcher before the handler, outside any
 * transaction. Undefined (handled here) when the owner is hosted.
 */
async function postRequest(
  external: NonNullable<ExternalAgencies>,
  signers: AgencySigners,
  m: OutboxMessage,
): Promise<Posted | undefined> {
  const routed = await route(external.db, m);
  if (!routed || !external.endpoints[routed.owner.agency]) return undefined;
  const jws = await signMessage(signers, requestEnvelope(routed, stableId(m), m.at));
  return postToExternal(external, jws);
}

/** The request reached its external owner (acknowledged): the citizen sees it received. */
async function forwarded(q: Queryable, m: OutboxMessage): Promise<void> {
  const { requestId } = m.payload as { requestId: number };
  const r = await findCorrectionRequest(q, m.provinceCode, Number(requestId));
  if (r?.status === "open") await recordCorrectionReceived(q, r.provinceCode, r.id, m.at);
}

async function relayRequest(q: Queryable, m: OutboxMessage, signers: AgencySigners): Promise<void> {
  const routed = await route(q, m);
  if (!routed) return;
  const { r, owner } = routed;
  // Neither hosted (no key) nor reachable (no endpoint): fails visibly (dead after its attempts,
  // on the administrator's queue) rather than being received in its name.
  if (!signers[owner.agency])
    throw new Error(`correction ${r.provinceCode}:${r.id}: ${owner.agency} is not hosted here`);
  const envelope = requestEnvelope(routed, randomUUID(), m.at);
  await receiveOrRefuse(q, await signMessage(signers, envelope), { receiver: owner.agency });
  await insertCase(q, {
    provinceCode: owner.provinceCode,
    messageId: envelope.id,
    ownerAgency: owner.agency,
    ownerUnit: owner.unit,
    request: r,
    receivedAt: m.at,
  });
  await recordCorrectionReceived(q, r.provinceCode, r.id, m.at);
}

async function relayDecision(q: Queryable, m: OutboxMessage, signers: AgencySigners): Promise<void> {
  const { caseId } = m.payload as { caseId: number };
  const c = await findCase(q, m.provinceCode, Number(caseId));
  if (!c || c.status === "open" || !c.decidedAt) return;
  const agency = c.ownerAgency as AgencyId;
  const envelope: Envelope = {
    id: randomUUID(),
    type: "registry.correction_decided@1",
    from: { agency, unit: c.ownerUnit },
    to: { agency: "mot-lan" },
    sentAt: m.at.toISOString(),
    province: c.requestProvince,
    dossier: { id: c.dossierId, code: c.dossierCode },
    inReplyTo: c.messageId,
    payload: {
      correctionId: `${c.requestProvince}:${c.requestId}`,
      registry: c.registry,
      personalNumber: c.subjectNumber,
      field: c.attribute,
      outcome: c.status,
      previousValue: c.currentValue,
      newValue: c.status === "accepted" ? c.appliedValue : null,
      reason: c.reason,
      decidedAt: c.decidedAt.toISOString(),
    },
  };
  await receiveOrRefuse(q, await signMessage(signers, envelope), { receiver: "mot-lan" });
  const communeName = c.ownerUnit.length === 5 ? await findCommune(q, c.ownerUnit) : undefined;
  const province = await findProvince(q, c.provinceCode);
  await recordCorrectionDecision(q, {
    requestProvince: c.requestProvince,
    requestId: c.requestId,
    correctionId: `${c.requestProvince}:${c.requestId}`,
    outcome: c.status,
    registry: c.registry,
    subjectNumber: c.subjectNumber,
    attribute: c.attribute,
    previousValue: c.currentValue,
    newValue: c.status === "accepted" ? c.appliedValue : null,
    reason: c.reason,
    officeVi: officeName(agency, { commune: communeName, province }),
    at: c.decidedAt,
  });
}

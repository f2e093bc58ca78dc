import type { AgencyId } from "../../domain/agencies.js";
import { type Handler, type HandlerOptions, MessageRefused, type OutboxMessage } from "../delivery/index.js";
import { type AgencyTransport, envelopeOf, sendSignedToAgency } from "./agency-http.js";

/**
 * One rule for every signed message the outbox carries (write-backs, corrections, allowances):
 * when its receiver is an agency run outside this platform (AGENCY_ENDPOINTS), the dispatcher
 * posts the JWS, as signed by its sender, to that agency's endpoint (`sendSignedToAgency`: the
 * exchange and the agency's signed acknowledgement verified and logged), and nothing is applied
 * here in the receiver's name. A lost connection or a bad reply fails the attempt (the outbox's
 * backoff, then dead); an acknowledgement that refuses the message makes it dead at once (an
 * administrator may retry it). Only a hosted receiver's handler runs locally.
 */

/** What the post to an external agency returned (the handler skips local work when it is set). */
export type Posted = { agency: AgencyId; attempts: number };

/** Where external agencies are (no endpoints: every agency is hosted here). */
export type ExternalAgencies = AgencyTransport | undefined;

/** The receiver a signed outbox payload (`{ jws }`) is addressed to, when it is external. */
function externalReceiver(external: ExternalAgencies, m: OutboxMessage): AgencyId | undefined {
  const jws = typeof m.payload.jws === "string" ? m.payload.jws : "";
  const to = envelopeOf(jws)?.to.agency;
  return external && to && external.endpoints[to] ? to : undefined;
}

/**
 * Posts `jws` to its external receiver. Throws (the attempt fails, retried with backoff) when the
 * agency cannot be reached or its reply does not verify; throws MessageRefused when it refuses.
 */
export async function postToExternal(t: AgencyTransport, jws: string): Promise<Posted> {
  const r = await sendSignedToAgency(t, jws);
  const to = envelopeOf(jws)?.to.agency as AgencyId;
  if (r.ok) return { agency: to, attempts: r.attempts };
  if (r.reason === "REFUSED_BY_RECEIVER") throw new MessageRefused(`${to} refused the message: ${r.detail}`);
  throw new Error(`${to}: ${r.reason} (${r.detail}) after ${r.attempts} post(s)`);
}

/** A dispatcher, or what registers with one. */
export type SignedDelivery = {
  registerHandler(
    topic: string,
    handle: Handler<Posted | undefined>,
    options?: HandlerOptions<Posted | undefined>,
  ): void;
};

/**
 * Registers `handle` for `topic` (a signed message in `payload.jws`) so that a message to an
 * external agency is posted to it, and only a message to a hosted agency is handled here.
 */
export function registerSigned(
  delivery: SignedDelivery,
  topic: string,
  handle: Handler<undefined>,
  external: ExternalAgencies,
): void {
  delivery.registerHandler(topic, (q, m, posted) => (posted ? Promise.resolve() : handle(q, m, undefined)), {
    send: async (m) => {
      const to = externalReceiver(external, m);
      return to && external ? postToExternal(external, m.payload.jws as string) : undefined;
    },
  });
}

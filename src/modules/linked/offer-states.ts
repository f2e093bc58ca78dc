import type { Queryable } from "../../db/client.js";
import { offerState } from "./offers.js";

/**
 * Where the person's own offer `id` stands, for its link's page: "declined" (they declined it),
 * "expired" (the period to register ended), or else as `offerState` says. Undefined when they hold
 * no such offer (anyone else's is not told apart from an unknown id).
 */
export async function ownOfferState(
  q: Queryable,
  personalNumber: string,
  id: string,
  now: Date,
): Promise<"open" | "accepted" | "filed" | "closed" | "declined" | "expired" | undefined> {
  const { rows } = await q.query<{ state: string; expiresAt: Date }>(
    `select state, expires_at as "expiresAt" from linked_offers where personal_number = $1 and id = $2`,
    [personalNumber, id],
  );
  const offer = rows[0];
  if (!offer) return undefined;
  if (offer.state === "declined") return "declined";
  if (new Date(offer.expiresAt).getTime() <= now.getTime()) return "expired";
  return offerState(q, personalNumber, id, now);
}

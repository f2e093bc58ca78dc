import type { Queryable } from "../../db/client.js";
import * as repo from "../registries/index.js";

/**
 * The phone and e-mail a citizen keeps on file "for notifications" (PUT /api/me/contact), read by
 * the platform itself to tell that citizen about their own dossier. Not a read by someone else, so
 * not written to their access list (as their own reads are not). Undefined for an unknown number;
 * one shard (by personal number).
 */
export async function contactForNotification(
  q: Queryable,
  personalNumber: string,
): Promise<{ phone: string | null; email: string | null } | undefined> {
  const person = await repo.findPerson(q, personalNumber);
  return person ? { phone: person.phone, email: person.email } : undefined;
}

import type { Queryable } from "../../db/client.js";
import { AppError } from "../../kernel/errors.js";
import { LinkedErrors } from "./errors.js";

/**
 * The refusal of offer `id` not (or no longer) open, as `offerState` gave it: a group was filed
 * from it (OFFER_ALREADY_FILED; taken by this person's own filing, e.g. from another tab, its
 * detail names the group they may open: `details[0].group.id`), or else OFFER_CLOSED; an offer
 * the person does not hold (anyone else's, unknown): 404 OFFER_NOT_FOUND.
 */
export async function offerRefusal(
  q: Queryable,
  personalNumber: string,
  id: string,
  state: "open" | "accepted" | "filed" | "closed",
): Promise<AppError> {
  if (state === "filed") return new AppError(LinkedErrors.OFFER_ALREADY_FILED);
  if (state !== "accepted") {
    // Another person's (another household's) offer is not told apart from an unknown id.
    const { rows: own } = await q.query(
      "select 1 from linked_offers where personal_number = $1 and id = $2",
      [personalNumber, id],
    );
    return new AppError(own.length > 0 ? LinkedErrors.OFFER_CLOSED : LinkedErrors.OFFER_NOT_FOUND);
  }
  const { rows } = await q.query<{ groupId: string | null }>(
    `select group_id as "groupId" from linked_offers where personal_number = $1 and id = $2`,
    [personalNumber, id],
  );
  return alreadyFiled(rows[0]?.groupId ?? undefined);
}

/**
 * 409 OFFER_ALREADY_FILED; `groupId`: the group the caller filed from the offer's notice (their
 * own filing, e.g. from another tab), named in `details[0].group.id` so the page can open it.
 */
export function alreadyFiled(groupId?: string): AppError {
  return new AppError(
    LinkedErrors.OFFER_ALREADY_FILED,
    groupId
      ? [
          {
            field: "body.offer",
            messageVi: "Bạn đã nộp hồ sơ từ lời mời này; xem hồ sơ liên thông đã nộp.",
            messageEn: "You already filed an application from this offer; see the linked application filed.",
            group: { id: groupId },
          },
        ]
      : undefined,
  );
}

/** Whether the person's offer `id` is one they declined (a second decline changes nothing). */
export async function declinedBy(q: Queryable, personalNumber: string, id: string): Promise<boolean> {
  const { rows } = await q.query(
    "select 1 from linked_offers where personal_number = $1 and id = $2 and state = 'declined'",
    [personalNumber, id],
  );
  return rows.length > 0;
}

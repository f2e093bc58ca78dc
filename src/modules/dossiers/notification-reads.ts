import type { Queryable } from "../../db/client.js";
import { all, qb } from "../../db/query.js";
import { AppError } from "../../kernel/errors.js";
import { DossierErrors } from "./errors.js";
import { notificationsOf } from "./notifications.js";

/** A citizen's notification as listed: its text, and when they read it (null: unread). */
export type ListedNotification = Awaited<ReturnType<typeof notificationsOf>>[number] & {
  readAt: Date | null;
};

/**
 * The citizen's in-app notifications, newest first (at most `limit`), each with when they read it
 * on any device (`notification_reads`, migration 271), and how many of them are unread: the badge.
 */
export async function notificationsWithReads(
  q: Queryable,
  personalNumber: string,
  limit = 50,
): Promise<{ items: ListedNotification[]; unread: number }> {
  const list = await notificationsOf(q, personalNumber, limit);
  const read = new Map<string, Date>();
  if (list.length > 0) {
    const rows = await all(
      q,
      qb
        .selectFrom("notification_reads")
        .select(["notification_id as id", "read_at as readAt"])
        .where("personal_number", "=", personalNumber)
        .where(
          "notification_id",
          "in",
          list.map((n) => n.id),
        ),
    );
    for (const r of rows) read.set(r.id, r.readAt);
  }
  const items = list.map((n) => ({ ...n, readAt: read.get(n.id) ?? null }));
  return { items, unread: items.filter((n) => n.readAt === null).length };
}

/**
 * Marks notifications of the signed-in citizen read at `at`: `ids` (each must be one of their
 * current notifications, else 404 NOTIFICATION_NOT_FOUND and nothing is written), or every one
 * listed (`all`). Idempotent: a notification already read keeps its first `read_at`. Returns the
 * number still unread, for the badge.
 */
export async function markNotificationsRead(
  q: Queryable,
  personalNumber: string,
  input: { ids: readonly string[] } | { all: true },
  at: Date,
): Promise<{ unread: number }> {
  const { items } = await notificationsWithReads(q, personalNumber);
  const known = new Set(items.map((n) => n.id));
  const ids = "all" in input ? [...known] : [...new Set(input.ids)];
  if (ids.some((id) => !known.has(id))) throw new AppError(DossierErrors.NOTIFICATION_NOT_FOUND);
  const unseen = ids.filter((id) => items.find((n) => n.id === id)?.readAt === null);
  if (unseen.length > 0) {
    await q.query(
      `insert into notification_reads (personal_number, notification_id, read_at)
       select $1, unnest($2::text[]), $3 on conflict do nothing`,
      [personalNumber, unseen, at],
    );
  }
  return { unread: items.filter((n) => n.readAt === null && !unseen.includes(n.id)).length };
}

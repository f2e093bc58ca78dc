import type { Db } from "../../db/client.js";
import { AppError } from "../../kernel/errors.js";
import { DeliveryErrors } from "./errors.js";

/**
 * How long a delivered message stays in the hot table before it may be archived, in days (default
 * of OUTBOX_RETENTION_DAYS): 90, the time a citizen has to complain about an administrative
 * decision or act (Law on Complaints 2011, art. 9), during which "was I told, and when?" must be
 * answered from the live table. Archived messages are kept in `outbox_archive`, not deleted.
 */
export const DEFAULT_RETENTION_DAYS = 90;

const DAY_MS = 86_400_000;

export type ArchiveProgress = { total: number; done: number; province: string };

/**
 * Moves delivered and discarded messages finished before `before` from `outbox` to
 * `outbox_archive` (and drops their inbox rows: a message no longer in the outbox cannot be
 * delivered again), province by province, `batch` rows per transaction, so an interruption leaves
 * every row in exactly one of the two tables and a rerun continues. Refuses (ARCHIVE_TOO_RECENT) a
 * `before` later than `now` less the retention period. Pending and dead messages stay. Returns the
 * number of messages moved.
 */
export async function archiveFinished(
  db: Db,
  o: {
    before: Date;
    now: Date;
    retentionDays: number;
    batch?: number;
    onProgress?: (p: ArchiveProgress) => void;
  },
): Promise<number> {
  const limit = new Date(o.now.getTime() - o.retentionDays * DAY_MS);
  if (o.before.getTime() > limit.getTime()) {
    throw new AppError(DeliveryErrors.ARCHIVE_TOO_RECENT, [
      {
        field: "before",
        messageVi: `Thời hạn giữ là ${o.retentionDays} ngày: chỉ lưu trữ được tin gửi trước ${limit.toISOString()}.`,
        messageEn: `The retention period is ${o.retentionDays} days: only messages finished before ${limit.toISOString()} can be archived.`,
      },
    ]);
  }
  const { rows: provinces } = await db.query<{ province_code: string; n: number }>(
    `select province_code, count(*)::int as n from outbox
     where state in ('delivered', 'discarded') and coalesce(delivered_at, discarded_at) < $1
     group by province_code order by province_code`,
    [o.before],
  );
  const total = provinces.reduce((s, p) => s + p.n, 0);
  let done = 0;
  for (const { province_code: province } of provinces) {
    for (;;) {
      const moved = await db.tx(async (q) => {
        const { rows } = await q.query<{ id: number }>(
          `with moved as (
             delete from outbox where province_code = $2 and id in (
               select id from outbox where province_code = $2 and state in ('delivered', 'discarded')
                 and coalesce(delivered_at, discarded_at) < $1 order by id limit $3 for update)
             returning *)
           insert into outbox_archive (province_code, id, topic, key, payload, dossier_code, state, attempts,
             created_at, delivered_at, discarded_at, discard_reason, last_error, archived_at)
           select province_code, id, topic, key, payload, dossier_code, state, attempts, created_at,
             delivered_at, discarded_at, discard_reason, last_error, $4 from moved
           returning id`,
          [o.before, province, o.batch ?? 1000, o.now],
        );
        const ids = rows.map((r) => r.id);
        if (ids.length > 0)
          await q.query("delete from inbox where province_code = $1 and message_id = any($2)", [
            province,
            ids,
          ]);
        return ids.length;
      });
      if (moved === 0) break;
      done += moved;
      o.onProgress?.({ total, done, province });
    }
  }
  return done;
}

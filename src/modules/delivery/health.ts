import { Counter, Gauge, type Registry } from "prom-client";
import type { Queryable } from "../../db/client.js";
import type { Delivery } from "./dispatcher.js";

/**
 * Age in seconds of the oldest pending message (by the clock `now`), or null when none is pending.
 * A national read (every shard), made by /readyz and /metrics.
 */
export async function oldestPendingAge(db: Queryable, now: Date): Promise<number | null> {
  const { rows } = await db.query<{ oldest: Date | null }>(
    "select min(created_at) as oldest from outbox where state = 'pending'",
  );
  const oldest = rows[0]?.oldest;
  return oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : null;
}

/**
 * What /readyz says of delivery: undefined when the oldest pending message is younger than
 * `maxAgeSeconds`, else the reason the service is degraded, in Vietnamese and English.
 */
export async function deliveryWarning(
  db: Queryable,
  now: Date,
  maxAgeSeconds: number,
): Promise<{ code: string; messageVi: string; messageEn: string; ageSeconds: number } | undefined> {
  const age = await oldestPendingAge(db, now);
  if (age === null || age <= maxAgeSeconds) return undefined;
  const s = Math.round(age);
  return {
    code: "OUTBOX_BEHIND",
    messageVi: `Tin chờ gửi lâu nhất đã chờ ${s} giây (giới hạn ${maxAgeSeconds} giây): việc gửi tin đang chậm hoặc bị tắc.`,
    messageEn: `The oldest pending message has waited ${s} s (limit ${maxAgeSeconds} s): delivery is slow or stuck.`,
    ageSeconds: s,
  };
}

/**
 * Delivery metrics in `registry`: queue depth per topic and state (pending, failed, dead; read from
 * the database when scraped), the age of the oldest pending message, and deliveries and failures
 * per topic counted by this process's dispatcher (`outcome` delivered | failed | dead).
 */
export function registerDeliveryMetrics(
  registry: Registry,
  o: { db: Queryable; delivery: Delivery; now: () => Date },
): void {
  new Gauge({
    name: "mot_lan_outbox_messages",
    help: "Outbox messages not delivered, by topic and state (pending: due or claimed; failed: waiting for a retry; dead)",
    labelNames: ["topic", "state"],
    registers: [registry],
    async collect() {
      const { rows } = await o.db.query<{ topic: string; state: string; n: number }>(
        `select topic, case when state = 'dead' then 'dead' when last_error is null then 'pending' else 'failed' end as state,
           count(*)::int as n
         from outbox where state in ('pending', 'dead') group by 1, 2`,
      );
      this.reset();
      for (const r of rows) this.set({ topic: r.topic, state: r.state }, r.n);
    },
  });
  new Gauge({
    name: "mot_lan_outbox_oldest_pending_age_seconds",
    help: "Age of the oldest pending outbox message in seconds (0 when none is pending)",
    registers: [registry],
    async collect() {
      this.set((await oldestPendingAge(o.db, o.now())) ?? 0);
    },
  });
  const deliveries = new Counter({
    name: "mot_lan_outbox_deliveries_total",
    help: "Messages delivered by this process, by topic",
    labelNames: ["topic"],
    registers: [registry],
  });
  const failures = new Counter({
    name: "mot_lan_outbox_failures_total",
    help: "Failed delivery attempts in this process, by topic and outcome (failed: will retry; dead: given up)",
    labelNames: ["topic", "outcome"],
    registers: [registry],
  });
  o.delivery.observe((topic, outcome) => {
    if (outcome === "delivered") deliveries.inc({ topic });
    else failures.inc({ topic, outcome });
  });
}

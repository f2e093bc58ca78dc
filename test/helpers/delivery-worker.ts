/**
 * A dispatcher process for test/delivery-crash.test.ts: opens the test database (DATABASE_URL or
 * DATA_DIR), registers a handler of `test.crash` that writes its effect and, with MODE=hang, then
 * hangs inside the delivery's transaction (printing IN_HANDLER) until the test kills it; with
 * MODE=complete it finishes, and the process exits once the message is delivered (DELIVERED).
 */
import { openDb } from "../../src/db/client.js";
import { Delivery } from "../../src/modules/delivery/index.js";

const db = await openDb({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? "" });
const hang = process.env.MODE === "hang";
const d = new Delivery({ db, settings: { leaseMs: Number(process.env.LEASE_MS ?? 1000), maxAttempts: 5 } });
d.registerHandler("test.crash", async (q, m) => {
  await q.query("insert into test_effects (province_code, message_id, note) values ($1, $2, $3)", [
    m.provinceCode,
    m.id,
    `attempt ${m.attempts}`,
  ]);
  if (hang) {
    console.log(`IN_HANDLER ${m.id}`);
    await new Promise(() => undefined);
  }
});
const until = Date.now() + 60_000;
while (Date.now() < until) {
  const r = await d.drainOnce();
  if (r.delivered > 0) {
    console.log("DELIVERED");
    await db.close();
    process.exit(0);
  }
  await new Promise((r) => setTimeout(r, 200));
}
console.log("NOTHING DELIVERED");
await db.close();
process.exit(2);

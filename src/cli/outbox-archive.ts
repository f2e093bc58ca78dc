/**
 * Moves delivered (and discarded) outbox messages to `outbox_archive`:
 *   npm run outbox:archive -- [--before 2026-08-01] [--batch 1000]
 * `--before` (a date, or an instant) defaults to now less OUTBOX_RETENTION_DAYS (90 days); a later
 * one is refused. Resumable: every batch commits on its own; run it again after an interruption.
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { ConfigError, loadConfig } from "../config.js";
import { AppError } from "../kernel/errors.js";
import { archiveFinished } from "../modules/delivery/index.js";
import { openReadyDb } from "./open.js";

const USAGE = "Usage: npm run outbox:archive -- [--before YYYY-MM-DD | ISO instant] [--batch N]";

function fail(vi: string, en: string): never {
  console.error(`${vi}\n${en}\n${USAGE}`);
  process.exit(1);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) fail(err.messageVi, err.messageEn);
  throw err;
}
let values: { before?: string | undefined; batch?: string | undefined };
try {
  values = parseArgs({
    args: process.argv.slice(2),
    options: { before: { type: "string" }, batch: { type: "string" } },
  }).values;
} catch (err) {
  fail("Tham số không hợp lệ.", (err as Error).message);
}
const now = new Date();
const before = values.before
  ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(values.before) ? `${values.before}T00:00:00+07:00` : values.before)
  : new Date(now.getTime() - config.outbox.retentionDays * 86_400_000);
if (Number.isNaN(before.getTime()))
  fail(
    `--before "${values.before}" không phải là ngày hợp lệ.`,
    `--before "${values.before}" is not a date.`,
  );
const batch = values.batch === undefined ? 1000 : Number(values.batch);
if (!Number.isInteger(batch) || batch < 1 || batch > 100_000)
  fail("--batch phải là số nguyên từ 1 đến 100000.", "--batch must be an integer from 1 to 100000.");

const { db } = await openReadyDb(config);
const bar = new cliProgress.SingleBar(
  { format: "archive |{bar}| {value}/{total} messages · province {province}", hideCursor: true },
  cliProgress.Presets.shades_classic,
);
let started = false;
try {
  const moved = await archiveFinished(db, {
    before,
    now,
    retentionDays: config.outbox.retentionDays,
    batch,
    onProgress: (p) => {
      if (!started) {
        bar.start(p.total, 0, { province: p.province });
        started = true;
      }
      bar.update(p.done, { province: p.province });
    },
  });
  if (started) bar.stop();
  console.log(
    `Đã lưu trữ ${moved} tin gửi xong trước ${before.toISOString()}. / Archived ${moved} messages finished before ${before.toISOString()}.`,
  );
} catch (err) {
  if (started) bar.stop();
  await db.close();
  if (err instanceof AppError) {
    const d = err.details?.[0];
    fail(d?.messageVi ?? err.message, d?.messageEn ?? err.message);
  }
  throw err;
}
await db.close();

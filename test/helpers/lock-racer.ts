/**
 * A separate process that takes and releases the data-directory lock on command, so that
 * src/db/lock.test.ts can race several processes for one lock. Messages in: `{ type: "race",
 * dataDir, at }` (spin until epoch millis `at`, then lock) and `{ type: "release" }`.
 * Messages out: `{ type: "ready" }`, `{ type: "won" }`, `{ type: "refused", ownerPid }`,
 * `{ type: "released" }`, `{ type: "failed", message }`.
 */
import { DataDirLockedError, type DirLock, lockDataDir } from "../../src/db/lock.js";

type Command = { type: "race"; dataDir: string; at: number } | { type: "release" };

let held: DirLock | undefined;
const send = (msg: Record<string, unknown>) => process.send?.(msg);

process.on("message", (cmd: Command) => {
  if (cmd.type === "release") {
    held?.release();
    held = undefined;
    send({ type: "released" });
    return;
  }
  while (Date.now() < cmd.at) {
    // spin: start every racer at the same instant
  }
  try {
    held = lockDataDir(cmd.dataDir);
    send({ type: "won" });
  } catch (err) {
    if (err instanceof DataDirLockedError) send({ type: "refused", ownerPid: err.ownerPid });
    else send({ type: "failed", message: String(err) });
  }
});
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });

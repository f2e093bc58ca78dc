import fs from "node:fs";
import path from "node:path";

/**
 * Exclusive lock on an embedded data directory. PGlite does not lock its directory and two
 * processes on one directory silently lose data, so we refuse a second process here.
 * The lock file holds the owner's pid; a lock whose owner is dead (e.g. after SIGKILL) is stale
 * and taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `Thư mục dữ liệu ${dataDir} đang được tiến trình ${ownerPid} sử dụng. / ` +
        `The data directory ${dataDir} is in use by process ${ownerPid}. ` +
        "Stop that process or set DATA_DIR to another directory.",
    );
    this.name = "DataDirLockedError";
  }
}

export type DirLock = { release(): void };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockDataDir(dataDir: string): DirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "mot-lan.lock");
  const tmp = `${lockPath}.${process.pid}`;
  fs.writeFileSync(tmp, String(process.pid));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        // link() is atomic and fails if the lock exists: exactly one process wins.
        fs.linkSync(tmp, lockPath);
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
          } catch {
            // already gone
          }
        };
        process.once("exit", release);
        return { release };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
        const owner = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
        if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
          throw new DataDirLockedError(dataDir, owner);
        }
        fs.rmSync(lockPath, { force: true }); // stale lock of a dead process
      }
    }
    throw new Error(`Could not take the lock on ${dataDir}`);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

import fs from "node:fs";
import path from "node:path";
import fsExt from "fs-ext";

/**
 * Exclusive lock on an embedded data directory. PGlite does not lock its directory and two
 * processes on one directory silently lose data, so we refuse a second holder here.
 *
 * Mechanism: an advisory flock(2) on `<dataDir>/mot-lan.lock`, held by an open file descriptor
 * for as long as the database is open (fs-ext provides flock; Node has none). The kernel drops
 * the lock when the descriptor is closed or the process dies, however it dies (SIGKILL, OOM,
 * power loss), so there is no stale lock to detect or take over and no take-over race: whoever
 * flocks first holds it, everyone else is refused, atomically. flock locks belong to the open
 * file description, so a second `lockDataDir` on the same directory in the SAME process (a
 * second descriptor) is refused as well. The file holds the owner's pid only so that the
 * refusal can name it; a dead pid left in it after a crash is meaningless and simply replaced.
 *
 * Alternatives rejected: the previous pid file (check owner alive → rm → link) let two processes
 * take one stale lock (4 of 15 rounds with four racers); proper-lockfile's take-over is the same
 * stat → rmdir → mkdir sequence, and its mtime staleness would let a second process take a live
 * lock whenever PGlite's synchronous WebAssembly blocks the event loop longer than `stale`.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    /** The holder's pid as it wrote it; null if it had not written it yet. */
    readonly ownerPid: number | null,
  ) {
    const vi = ownerPid === null ? "một tiến trình khác" : `tiến trình ${ownerPid}`;
    const en = ownerPid === null ? "another process" : `process ${ownerPid}`;
    super(
      `Thư mục dữ liệu ${dataDir} đang được ${vi} sử dụng. / ` +
        `The data directory ${dataDir} is in use by ${en}. ` +
        "Stop that process or set DATA_DIR to another directory.",
    );
    this.name = "DataDirLockedError";
  }
}

export type DirLock = { release(): void };

const LOCK_FILE = "mot-lan.lock";

function isWouldBlock(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "EAGAIN" || code === "EWOULDBLOCK";
}

/** Synchronous pause (lockDataDir is synchronous), in milliseconds. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The holder's pid from the lock file. A holder writes it right after taking the lock, so a
 * reader racing that write may still see nothing or a crashed holder's dead pid: it reads again
 * for up to ~0.5 s before giving up (null). Only used to word the refusal.
 */
function readOwner(lockPath: string): number | null {
  for (let attempt = 0; attempt < 50; attempt++) {
    let text = "";
    try {
      text = fs.readFileSync(lockPath, "utf8").trim();
    } catch {
      // removed meanwhile: read again
    }
    if (/^\d+$/.test(text) && isAlive(Number(text))) return Number(text);
    sleepSync(10);
  }
  return null;
}

/**
 * Takes the exclusive lock on `dataDir` (created if missing) for this process, or throws
 * DataDirLockedError naming the holder's pid if another process, or this one, holds it.
 * The lock lasts until `release()` or the end of the process.
 */
export function lockDataDir(dataDir: string): DirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (;;) {
    const fd = fs.openSync(lockPath, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
    try {
      fsExt.flockSync(fd, "exnb");
    } catch (err) {
      fs.closeSync(fd);
      if (isWouldBlock(err)) throw new DataDirLockedError(dataDir, readOwner(lockPath));
      throw err;
    }
    // We never unlink the lock file, but someone may have: a lock on an inode that is no longer
    // at the path protects nothing, so start again with the file that is there now.
    const locked = fs.fstatSync(fd);
    const current = fs.statSync(lockPath, { throwIfNoEntry: false });
    if (!current || current.ino !== locked.ino || current.dev !== locked.dev) {
      fs.closeSync(fd); // closing drops the flock
      continue;
    }
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, String(process.pid), 0);
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        // Keep the file: unlinking it would let a process that already opened this inode lock
        // it while another locks a new file at the same path.
        fs.ftruncateSync(fd, 0);
        fs.closeSync(fd);
      },
    };
  }
}

import { type ChildProcess, fork, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "./lock.js";

// The lock concerns the embedded database only; nothing here touches PostgreSQL.
const RACERS = 4;
const ROUNDS = 15;
const LOCK_FILE = "mot-lan.lock";

type Reply =
  | { type: "ready" | "won" | "released" }
  | { type: "refused"; ownerPid: number | null }
  | { type: "failed"; message: string };

type Racer = { proc: ChildProcess; pid: number; next(): Promise<Reply> };

/** A long-lived child process running test/helpers/lock-racer.ts; replies are read in order. */
function startRacer(): Racer {
  const proc = fork(path.resolve("test/helpers/lock-racer.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const queue: Reply[] = [];
  const waiting: Array<(r: Reply) => void> = [];
  proc.on("message", (msg: Reply) => {
    const w = waiting.shift();
    if (w) w(msg);
    else queue.push(msg);
  });
  return {
    proc,
    pid: proc.pid ?? -1,
    next: () => {
      const queued = queue.shift();
      return queued ? Promise.resolve(queued) : new Promise<Reply>((resolve) => waiting.push(resolve));
    },
  };
}

/** A pid that belonged to a process which has exited: what a crash leaves in the lock file. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  return child.pid;
}

const dirs: string[] = [];
function freshDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-lock-unit-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("lockDataDir within one process", () => {
  it("refuses a second lock on the same directory, naming this process, until the first is released", () => {
    const dir = freshDir();
    const first = lockDataDir(dir);
    try {
      const second = (() => {
        try {
          lockDataDir(dir);
          return null;
        } catch (err) {
          return err;
        }
      })();
      expect(second).toBeInstanceOf(DataDirLockedError);
      expect((second as DataDirLockedError).ownerPid).toBe(process.pid);
      expect((second as Error).message).toContain(`đang được tiến trình ${process.pid} sử dụng`);
      expect((second as Error).message).toContain(`is in use by process ${process.pid}`);
    } finally {
      first.release();
    }
    const again = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")).toBe(String(process.pid));
    again.release();
  });

  it("takes over a lock file left by a dead process and writes its own pid", () => {
    const dir = freshDir();
    fs.writeFileSync(path.join(dir, LOCK_FILE), String(deadPid()));
    const lock = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")).toBe(String(process.pid));
    lock.release();
  });

  it("locks a directory in another directory independently", () => {
    const a = lockDataDir(freshDir());
    const b = lockDataDir(freshDir());
    a.release();
    b.release();
  });
});

describe("lockDataDir across processes", { timeout: 30_000 }, () => {
  const racers: Racer[] = [];
  beforeAll(async () => {
    for (let i = 0; i < RACERS; i++) racers.push(startRacer());
    const ready = await Promise.all(racers.map((r) => r.next()));
    expect(ready.map((r) => r.type)).toEqual(Array(RACERS).fill("ready"));
  });
  afterAll(() => {
    for (const r of racers) if (r.proc.connected) r.proc.disconnect();
  });

  it(`${RACERS} processes racing for a stale lock: exactly one wins, ${ROUNDS} rounds out of ${ROUNDS}`, async () => {
    const stalePid = deadPid();
    const winnersPerRound: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const dir = freshDir();
      fs.writeFileSync(path.join(dir, LOCK_FILE), String(stalePid));
      const at = Date.now() + 40;
      for (const r of racers) r.proc.send({ type: "race", dataDir: dir, at });
      const replies = await Promise.all(racers.map((r) => r.next()));
      const winners = racers.filter((_, i) => replies[i]?.type === "won");
      winnersPerRound.push(winners.length);
      if (winners.length === 1) {
        const winner = winners[0] as Racer;
        // Every loser was refused and told who holds the lock; the file names the holder.
        for (const [i, reply] of replies.entries()) {
          if (racers[i] !== winner) expect(reply).toEqual({ type: "refused", ownerPid: winner.pid });
        }
        expect(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")).toBe(String(winner.pid));
      }
      for (const w of winners) {
        w.proc.send({ type: "release" });
        expect(await w.next()).toEqual({ type: "released" });
      }
    }
    expect(winnersPerRound).toEqual(Array(ROUNDS).fill(1));
  });

  it("a live holder in another process is named in the refusal; once it is killed (SIGKILL) the lock is free at once", async () => {
    const dir = freshDir();
    const holder = startRacer();
    expect(await holder.next()).toEqual({ type: "ready" });
    holder.proc.send({ type: "race", dataDir: dir, at: 0 });
    expect(await holder.next()).toEqual({ type: "won" });
    expect(() => lockDataDir(dir)).toThrow(`is in use by process ${holder.pid}`);
    const exited = new Promise((resolve) => holder.proc.on("exit", resolve));
    holder.proc.kill("SIGKILL");
    await exited;
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")).toBe(String(holder.pid));
    const lock = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")).toBe(String(process.pid));
    lock.release();
  });
});

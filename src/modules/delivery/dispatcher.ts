import { randomUUID } from "node:crypto";
import type { Db, Queryable } from "../../db/client.js";
import { type Backoff, retryDelayMs } from "../../domain/delivery.js";
import {
  claim,
  markDelivered,
  markFailed,
  type OutboxMessage,
  provincesWithPending,
  receive,
  stillClaimed,
} from "./outbox.js";

/**
 * Applies a message's effect in `q`, the transaction that also writes the message's inbox row and
 * marks it delivered: effect, inbox row and delivery commit together or not at all. Throwing fails
 * the attempt (retried with backoff, dead after the last). `sent` is what the handler's `send`
 * returned (undefined without one).
 */
export type Handler<S = unknown> = (q: Queryable, message: OutboxMessage, sent: S) => Promise<void>;

/**
 * Thrown by a handler that refuses its message for good (a signature that does not verify, a
 * sender that may not send it): the message is dead at once, not retried, with this error as its
 * last error, so an administrator sees it, and may retry it (after a key is registered) or discard
 * it. `record` runs in the transaction that marks it dead (the handler's own was rolled back): the
 * refusal's evidence (the message log row) is kept.
 */
export class MessageRefused extends Error {
  override name = "MessageRefused";
  constructor(
    message: string,
    readonly record?: (q: Queryable) => Promise<void>,
  ) {
    super(message);
  }
}

/** A message left the pending state other than by delivery, or came back to it. */
export type StateChange = { state: "dead" | "discarded" | "pending"; note: string };

export type HandlerOptions<S> = {
  /**
   * Work outside any transaction, before the handler (an SMTP or HTTP send), so that no database
   * transaction is held open during network I/O. It is at-least-once: a dispatcher that dies after
   * it and before the commit sends again (receivers outside get the message id to recognise it).
   * Given up after half the lease.
   */
  send?: (message: OutboxMessage) => Promise<S>;
  /** Told, in the transaction that changes it, when the message dies, is discarded or retried. */
  onState?: (q: Queryable, message: OutboxMessage, change: StateChange) => Promise<void>;
};

type TimedWork = { everyMs: number; run: (at: Date) => Promise<void>; lastAt: Date | null };

type Registered = { handle: Handler<unknown>; options: HandlerOptions<unknown> };

export type DeliverySettings = {
  /** Attempts before a message is dead (counted when claimed). */
  maxAttempts: number;
  backoff: Backoff;
  /** How long a claim lasts: a message claimed by a dispatcher that died is taken again after it. */
  leaseMs: number;
  /** The background loop's pause between passes when nothing is left to do. */
  pollMs: number;
  /** Messages claimed at once per province. */
  batch: number;
};

export const DEFAULT_SETTINGS: DeliverySettings = {
  maxAttempts: 10,
  backoff: { baseMs: 10_000, maxMs: 3_600_000 },
  leaseMs: 120_000,
  pollMs: 1_000,
  batch: 50,
};

export type Outcome = "delivered" | "failed" | "dead";
type Log = { error(obj: unknown, msg: string): void };

export type DeliveryOptions = {
  db: Db;
  now?: () => Date;
  settings?: Partial<DeliverySettings>;
  /** A number in [0, 1) for the backoff's jitter (tests fix it). */
  random?: () => number;
  log?: Log;
};

const ERROR_LIMIT = 1000;
const describe = (err: unknown) =>
  (err instanceof Error ? `${err.name === "Error" ? "" : `${err.name}: `}${err.message}` : String(err)).slice(
    0,
    ERROR_LIMIT,
  );

function timeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * The dispatcher: drains the outbox at least once, in order per key, with backoff and a dead state.
 * One per server process (several processes on one PostgreSQL share the work through
 * `FOR UPDATE SKIP LOCKED` and leases). `drainOnce()` delivers everything due now (tests call it);
 * `start()` runs passes in the background until `stop()`. Passes never overlap in one process.
 */
export class Delivery {
  readonly settings: DeliverySettings;
  private readonly handlers = new Map<string, Registered>();
  private readonly listeners = new Set<(topic: string, outcome: Outcome) => void>();
  private readonly db: Db;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly log: Log | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly timed = new Map<string, TimedWork>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(o: DeliveryOptions) {
    this.db = o.db;
    this.now = o.now ?? (() => new Date());
    this.random = o.random ?? Math.random;
    this.log = o.log;
    this.settings = { ...DEFAULT_SETTINGS, ...o.settings };
  }

  /** Registers the one handler of `topic` (a second registration of a topic throws). */
  registerHandler<S = undefined>(topic: string, handle: Handler<S>, options: HandlerOptions<S> = {}): void {
    if (this.handlers.has(topic)) throw new Error(`a handler for ${topic} is registered already`);
    this.handlers.set(topic, {
      handle: handle as Handler<unknown>,
      options: options as HandlerOptions<unknown>,
    });
  }

  /**
   * Registers work the clock drives (a deadline that passes with nothing written): `run(at)` at the
   * start of a pass when `everyMs` of the dispatcher's clock (`now`, injected) passed since its last
   * run, or it never ran in this process. What it writes (actions and their messages) is delivered
   * by the same pass. It must be idempotent and safe against a concurrent change (several
   * dispatchers may run it): it locks what it changes. A failure is logged, not fatal to the pass.
   */
  registerTimed(name: string, everyMs: number, run: (at: Date) => Promise<void>): void {
    if (this.timed.has(name)) throw new Error(`timed work ${name} is registered already`);
    this.timed.set(name, { everyMs, run, lastAt: null });
  }

  /** Counts outcomes (metrics). */
  observe(listener: (topic: string, outcome: Outcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells the message's handler of a change of state made elsewhere (an administrator's retry or discard). */
  async changed(q: Queryable, message: OutboxMessage, change: StateChange): Promise<void> {
    await this.handlers.get(message.topic)?.options.onState?.(q, message, change);
  }

  /**
   * Delivers every message due now, in every province, until none is left (a delivered message
   * may make the next one of its key due). Returns what happened. Waits for a pass in progress.
   */
  drainOnce(): Promise<Record<Outcome, number>> {
    const run = this.chain.then(() => this.pass());
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Runs passes in the background: one now, then one `pollMs` after each. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops the background loop and waits for the pass in progress to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain;
  }

  /** Runs a pass soon (after a change that wrote messages), without waiting for the poll. */
  wake(): void {
    if (this.running) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drainOnce()
        .catch((err) => this.log?.error({ err }, "outbox pass failed"))
        .finally(() => {
          if (this.running && !this.timer) this.schedule(this.settings.pollMs);
        });
    }, ms);
    this.timer.unref();
  }

  private async pass(): Promise<Record<Outcome, number>> {
    const counts: Record<Outcome, number> = { delivered: 0, failed: 0, dead: 0 };
    await this.runTimed();
    for (const province of await provincesWithPending(this.db)) {
      for (;;) {
        const token = randomUUID();
        const at = this.now();
        const batch = await this.db.tx((q) =>
          claim(q, province, at, this.settings.leaseMs, token, this.settings.batch),
        );
        if (batch.length === 0) break;
        for (const m of batch) counts[await this.deliver(m, token)] += 1;
      }
    }
    return counts;
  }

  /** The timed work whose period has passed on the dispatcher's clock. */
  private async runTimed(): Promise<void> {
    for (const [name, work] of this.timed) {
      const at = this.now();
      if (work.lastAt !== null && Math.abs(at.getTime() - work.lastAt.getTime()) < work.everyMs) continue;
      work.lastAt = at;
      try {
        await work.run(at);
      } catch (err) {
        this.log?.error({ err, timed: name }, "timed work failed");
      }
    }
  }

  private async deliver(m: OutboxMessage, token: string): Promise<Outcome> {
    const h = this.handlers.get(m.topic);
    let outcome: Outcome = "delivered";
    try {
      const send = h?.options.send;
      const sent = send ? await timeout(send(m), this.settings.leaseMs / 2, `sending ${m.topic}`) : undefined;
      await this.db.tx(async (q) => {
        // A claim taken over by another dispatcher (the lease ran out) is theirs now.
        if (!(await stillClaimed(q, m, token))) return;
        // A message without a handler is delivered to no one. The inbox row makes a redelivery
        // (two dispatchers past a lease) apply nothing twice.
        if (h && (await receive(q, m))) await h.handle(q, m, sent);
        await markDelivered(q, m, this.now());
      });
    } catch (err) {
      const refused = err instanceof MessageRefused;
      const dead = refused || m.attempts >= this.settings.maxAttempts;
      outcome = dead ? "dead" : "failed";
      const error = describe(err);
      const next = new Date(
        this.now().getTime() + retryDelayMs(m.attempts, this.settings.backoff, this.random()),
      );
      await this.db.tx(async (q) => {
        if (!(await stillClaimed(q, m, token))) return;
        await markFailed(q, m, error, dead, next);
        if (refused) await err.record?.(q);
        if (dead) await h?.options.onState?.(q, m, { state: "dead", note: error });
      });
    }
    for (const l of this.listeners) l(m.topic, outcome);
    return outcome;
  }
}

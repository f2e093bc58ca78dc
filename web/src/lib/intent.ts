import { useCallback, useRef, useState } from "react";
import { ApiError, newIdempotencyKey } from "../api/client";

/** Waits before each retry of a request whose answer was lost (ms). */
const RETRY_DELAYS = [800, 2_000];

/** A failure where the server may have acted and the answer was lost: retry with the same key. */
export function lostAnswer(e: unknown): boolean {
  return (
    e instanceof ApiError && (e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504)
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One user intent (start this procedure, submit this dossier) done once, whatever the taps and
 * retries. It keeps one Idempotency-Key until the intent succeeds or what it asks changes
 * (`fingerprint`, e.g. the form's values); a second tap while a request is in flight joins it
 * instead of sending another; a lost answer (no connection, 502–504) is retried with the same key,
 * and a later tap after a failure reuses it too. The server answers every request with one key
 * with the first one's result, so a submission whose answer was lost shows as submitted on the
 * next tap, never as "illegal transition".
 *
 * Once it succeeds the intent is done: `busy` stays true and a tap on the same page (the page may
 * take a moment to move, e.g. while the next page's code loads) gets the same result again, with
 * no request and no new key (issue 14: a second tap never creates a second draft). Only another
 * `fingerprint` (or a new page) starts a new intent.
 */
export function useIntent<T>(fingerprint: string) {
  const key = useRef<{ fingerprint: string; value: string } | null>(null);
  const inFlight = useRef<Promise<T> | null>(null);
  const done = useRef<{ fingerprint: string; result: T } | null>(null);
  const [busy, setBusy] = useState(false);
  const [doneFor, setDoneFor] = useState<string | null>(null);

  const run = useCallback(
    (send: (headers: Record<string, string>) => Promise<T>): Promise<T> => {
      if (inFlight.current) return inFlight.current;
      if (done.current?.fingerprint === fingerprint) return Promise.resolve(done.current.result);
      if (key.current?.fingerprint !== fingerprint) key.current = { fingerprint, value: newIdempotencyKey() };
      const headers = { "Idempotency-Key": key.current.value };
      const attempt = async (): Promise<T> => {
        for (let i = 0; ; i++) {
          try {
            return await send(headers);
          } catch (e) {
            const wait = RETRY_DELAYS[i];
            if (!lostAnswer(e) || wait === undefined) throw e;
            await sleep(wait);
          }
        }
      };
      setBusy(true);
      const p = attempt()
        .then((r) => {
          key.current = null; // done: another fingerprint gets a key of its own
          done.current = { fingerprint, result: r };
          setDoneFor(fingerprint);
          return r;
        })
        .finally(() => {
          inFlight.current = null;
          setBusy(false);
        });
      inFlight.current = p;
      return p;
    },
    [fingerprint],
  );
  return { run, busy: busy || doneFor === fingerprint };
}

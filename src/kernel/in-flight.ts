import type { FastifyReply } from "fastify";

/**
 * At most `max` requests in flight per key (a principal, or an IP for public routes), counted in
 * this process. `enter` answers false when the key is at its limit; otherwise the slot is freed
 * when the response ends or the connection closes, whichever comes first.
 */
export function inFlightLimit(max: number) {
  const inFlight = new Map<string, number>();
  return {
    enter(key: string, reply: FastifyReply): boolean {
      const n = inFlight.get(key) ?? 0;
      if (n >= max) return false;
      inFlight.set(key, n + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const left = (inFlight.get(key) ?? 1) - 1;
        if (left <= 0) inFlight.delete(key);
        else inFlight.set(key, left);
      };
      reply.raw.once("close", release);
      reply.raw.once("finish", release);
      return true;
    },
    count: (key: string) => inFlight.get(key) ?? 0,
  };
}

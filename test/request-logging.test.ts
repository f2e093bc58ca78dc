import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { fastifyRequestLogging, logRequests } from "../src/server/logging.js";

/** Log lines a small app writes at `level` for one request of each outcome, in a terminal's format. */
async function linesAt(level: "info" | "debug"): Promise<Array<{ level: number; msg: string }>> {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = { write: (s: string) => lines.push(JSON.parse(s) as { level: number; msg: string }) };
  const config = { logFormat: "pretty" as const };
  const app = Fastify({
    logger: { level, stream },
    disableRequestLogging: !fastifyRequestLogging(config),
  });
  logRequests(app, config);
  app.get("/ok", async () => ({ ok: true }));
  app.get("/boom", async () => {
    throw new Error("boom");
  });
  await app.ready();
  for (const url of ["/ok", "/nothing-here", "/boom"]) await app.inject({ method: "GET", url });
  await app.close();
  return lines.filter((l) => /^GET \//.test(l.msg));
}

describe("request logs in a terminal (LOG_FORMAT=pretty)", () => {
  it("at info: one line for a refusal and one for a server error, none for a success", async () => {
    const lines = await linesAt("info");
    expect(lines.map((l) => l.msg.replace(/\d+ ms$/, "ms"))).toEqual([
      "GET /nothing-here 404 ms",
      "GET /boom 500 ms",
    ]);
    // 30 info, 40 warn (pino's levels).
    expect(lines.map((l) => l.level)).toEqual([30, 40]);
  });

  it("at debug: exactly one line per request, successes included (never Fastify's two)", async () => {
    const lines = await linesAt("debug");
    expect(lines.map((l) => l.msg.split(" ").slice(0, 3).join(" "))).toEqual([
      "GET /ok 200",
      "GET /nothing-here 404",
      "GET /boom 500",
    ]);
  });

  it("JSON logs keep Fastify's own request lines for collectors", () => {
    expect(fastifyRequestLogging({ logFormat: "json" })).toBe(true);
    expect(fastifyRequestLogging({ logFormat: "pretty" })).toBe(false);
  });
});

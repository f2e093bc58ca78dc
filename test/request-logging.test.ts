import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { requestLogController } from "../src/server/logging.js";

type Line = { level: number; msg: string };

/** Log lines a small app writes at `level` for one request of each outcome, in `format`. */
async function linesAt(level: "info" | "debug", format: "pretty" | "json"): Promise<Line[]> {
  const lines: Line[] = [];
  const stream = { write: (s: string) => lines.push(JSON.parse(s) as Line) };
  const controller = requestLogController({ logFormat: format });
  const app = Fastify({ logger: { level, stream }, ...(controller ? { logController: controller } : {}) });
  app.get("/ok", async () => ({ ok: true }));
  app.get("/boom", async () => {
    throw new Error("boom");
  });
  await app.ready();
  for (const url of ["/ok", "/nothing-here", "/boom"]) await app.inject({ method: "GET", url });
  await app.close();
  return lines;
}
const ours = (lines: Line[]) => lines.filter((l) => /^GET \//.test(l.msg));

describe("request logs in a terminal (LOG_FORMAT=pretty)", () => {
  it("at info: one line for a refusal and one for a server error, none for a success, no 'incoming request'", async () => {
    const lines = await linesAt("info", "pretty");
    expect(ours(lines).map((l) => l.msg.replace(/\d+ ms$/, "ms"))).toEqual([
      "GET /nothing-here 404 ms",
      "GET /boom 500 ms",
    ]);
    // pino's levels: 30 info, 40 warn.
    expect(ours(lines).map((l) => l.level)).toEqual([30, 40]);
    expect(lines.map((l) => l.msg)).not.toContain("incoming request");
    expect(lines.map((l) => l.msg)).not.toContain("request completed");
  });

  it("at debug: exactly one line per request, successes included", async () => {
    const lines = await linesAt("debug", "pretty");
    expect(ours(lines).map((l) => l.msg.split(" ").slice(0, 3).join(" "))).toEqual([
      "GET /ok 200",
      "GET /nothing-here 404",
      "GET /boom 500",
    ]);
    expect(lines.map((l) => l.msg)).not.toContain("incoming request");
  });

  it("JSON logs keep Fastify's own request lines for collectors", async () => {
    const lines = await linesAt("info", "json");
    expect(lines.filter((l) => l.msg === "incoming request")).toHaveLength(3);
    expect(lines.filter((l) => l.msg === "request completed")).toHaveLength(3);
  });
});

import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { sendError } from "../src/server/http-errors.js";
import { metricsPlugin } from "../src/server/metrics.js";

/**
 * `/metrics` is not for anyone (issue 11): with METRICS_TOKEN, only a scraper presenting it as a
 * bearer token; without it, with DEMO on, only this machine, unproxied; with DEMO off, nobody.
 * Refusals are 401 METRICS_TOKEN_REQUIRED in Vietnamese and English. (The server's own scrape,
 * over real HTTP from 127.0.0.1, is in platform.test.ts.)
 */
const TOKEN = "scrape-me-with-this-token-0123";
const apps: FastifyInstance[] = [];
async function appWith(opts: { token?: string; demo: boolean }): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setErrorHandler((err, req, reply) => sendError(err, req, reply));
  await app.register(metricsPlugin, opts);
  await app.ready();
  apps.push(app);
  return app;
}
afterAll(async () => {
  for (const a of apps) await a.close();
});

const scrape = (app: FastifyInstance, from: string, headers: Record<string, string> = {}) =>
  app.inject({ method: "GET", url: "/metrics", remoteAddress: from, headers });

function expectRefused(res: Awaited<ReturnType<typeof scrape>>) {
  expect(res.statusCode).toBe(401);
  expect(res.headers["www-authenticate"]).toBe('Bearer realm="metrics"');
  expect(res.json()).toMatchObject({
    error: {
      code: "METRICS_TOKEN_REQUIRED",
      status: 401,
      messageVi: "Số liệu giám sát cần mã truy cập: gửi tiêu đề Authorization: Bearer <METRICS_TOKEN>.",
      messageEn:
        "The monitoring metrics need their token: send the header Authorization: Bearer <METRICS_TOKEN>.",
    },
  });
  expect(res.body).not.toContain("process_cpu");
}

describe("who may read /metrics", () => {
  it("with METRICS_TOKEN: the bearer of the token from anywhere, nobody else (not even this machine)", async () => {
    for (const demo of [true, false]) {
      const app = await appWith({ token: TOKEN, demo });
      const ok = await scrape(app, "10.20.30.40", { authorization: `Bearer ${TOKEN}` });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain("mot_lan_calendar_last_covered_day_seconds");
      expectRefused(await scrape(app, "10.20.30.40"));
      expectRefused(await scrape(app, "127.0.0.1"));
      expectRefused(await scrape(app, "10.20.30.40", { authorization: `Bearer ${TOKEN}x` }));
      expectRefused(await scrape(app, "10.20.30.40", { authorization: `Basic ${TOKEN}` }));
    }
  });

  it("DEMO on without a token: this machine only, and not through a proxy", async () => {
    const app = await appWith({ demo: true });
    expect((await scrape(app, "127.0.0.1")).statusCode).toBe(200);
    expect((await scrape(app, "::1")).statusCode).toBe(200);
    expectRefused(await scrape(app, "192.168.1.7"));
    expectRefused(await scrape(app, "127.0.0.1", { "x-forwarded-for": "203.0.113.9" }));
    expectRefused(await scrape(app, "127.0.0.1", { "x-real-ip": "203.0.113.9" }));
    expectRefused(await scrape(app, "127.0.0.1", { forwarded: "for=203.0.113.9" }));
  });

  it("DEMO off without a token: nobody", async () => {
    const app = await appWith({ demo: false });
    expectRefused(await scrape(app, "127.0.0.1"));
    expectRefused(await scrape(app, "10.20.30.40", { authorization: "Bearer anything-at-all-here" }));
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Fastify from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import {
  assertServable,
  ConfigError,
  FETCH_BAD_PORTS,
  fetchBadPortSetting,
  isFetchBadPort,
  loadConfig,
} from "../src/config.js";
import type { Db } from "../src/db/client.js";
import { identityRoutes } from "../src/modules/identity/index.js";
import { sendError } from "../src/server/http-errors.js";
import { runCli } from "./helpers/process.js";

/** Ports the Fetch standard blocks (https://fetch.spec.whatwg.org/#port-blocking) are refused up front. */
describe("ports the Fetch standard blocks", () => {
  it.each([
    [4190, true],
    [6000, true],
    [6665, true],
    [6666, true],
    [6667, true],
    [6668, true],
    [6669, true],
    [10080, true],
    [1, true],
    [22, true],
    [587, true],
    [5060, true],
    [0, false],
    [80, false],
    [443, false],
    [3000, false],
    [4300, false],
    [6664, false],
    [6670, false],
    [8080, false],
    [65535, false],
  ])("port %i: blocked %s", (port, blocked) => {
    expect(isFetchBadPort(port)).toBe(blocked);
  });

  it("is the list Node's own fetch refuses (a sample of it, and its neighbours)", async () => {
    expect(FETCH_BAD_PORTS.size).toBe(82);
    const refused = async (port: number) =>
      fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) }).then(
        () => false,
        (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message).includes("bad port"),
      );
    for (const port of [4190, 6000, 6665, 6669, 10080, 4189, 4191, 5999, 6670, 10081])
      expect([port, await refused(port)]).toEqual([port, isFetchBadPort(port)]);
  });

  it.each([
    [
      { port: 4190, publicUrl: "http://localhost:4190", oidcIssuer: undefined },
      { name: "PORT", port: 4190 },
    ],
    [
      { port: 3000, publicUrl: "http://mot-lan.example:6666", oidcIssuer: undefined },
      { name: "PUBLIC_URL", port: 6666 },
    ],
    [
      { port: 3000, publicUrl: "https://mot-lan.example", oidcIssuer: "https://id.example:6000/" },
      { name: "OIDC_ISSUER", port: 6000 },
    ],
    [{ port: 3000, publicUrl: "http://localhost:3000", oidcIssuer: undefined }, undefined],
    [{ port: 0, publicUrl: "https://mot-lan.example", oidcIssuer: "https://id.example" }, undefined],
  ])("%j: %j", (config, bad) => {
    expect(fetchBadPortSetting(config)).toEqual(bad);
  });

  it("the configuration with such a port cannot serve: one bilingual message naming the setting", () => {
    let err: unknown;
    try {
      assertServable(loadConfig({ PORT: "6667" }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).messageVi).toBe(
      "PORT dùng cổng 6667, một cổng mà chuẩn Fetch chặn (https://fetch.spec.whatwg.org/#port-blocking): trình duyệt không mở được trang và đăng nhập sẽ lỗi. Hãy chọn cổng khác, ví dụ PORT=3000.",
    );
    expect((err as ConfigError).messageEn).toBe(
      "PORT uses port 6667, which the Fetch standard blocks (https://fetch.spec.whatwg.org/#port-blocking): browsers will not open the pages and sign-in fails. Choose another port, e.g. PORT=3000.",
    );
    expect(() => assertServable(loadConfig({ PORT: "3000" }))).not.toThrow();
  });

  it("npm start with PORT=4190 stops before the database: exit 1, the bilingual message, no stack trace", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-bad-port-"));
    try {
      const child = runCli("start", [], { DATA_DIR: dataDir, PORT: "4190" });
      expect(await child.exited).toBe(1);
      expect(child.output()).toContain("PORT dùng cổng 4190, một cổng mà chuẩn Fetch chặn");
      expect(child.output()).toContain("PORT uses port 4190, which the Fetch standard blocks");
      expect(child.output()).not.toMatch(/\n\s+at /);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it("sign-in with an issuer Node's fetch refuses (a bad port) answers a bilingual 424 with a stable code, never a 5xx", async () => {
    const app = Fastify({ logger: false });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.setErrorHandler((err, req, reply) => sendError(err, req, reply));
    await app.register(identityRoutes, {
      // Never reached: the refusal comes before any session or database work.
      db: {} as Db,
      issuer: "http://127.0.0.1:4190/oidc",
      clientId: "mot-lan-web",
      clientSecret: "secret",
      redirectUri: "http://127.0.0.1:4190/auth/callback",
      signInRateLimit: 100,
    });
    try {
      for (let i = 0; i < 2; i += 1) {
        const res = await app.inject({ method: "GET", url: "/auth/login?next=/" });
        expect(res.statusCode).toBe(424);
        expect(res.json()).toMatchObject({
          error: {
            code: "SIGN_IN_PROVIDER_UNREACHABLE",
            messageVi: expect.stringContaining("Chưa kết nối được với hệ thống định danh"),
            messageEn: expect.stringContaining("The identity provider for sign-in cannot be reached"),
          },
        });
      }
    } finally {
      await app.close();
    }
  });
});

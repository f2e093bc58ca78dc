import { createHmac, generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import { readKeyFile } from "../src/lib/secrets.js";
import { DEMO_MACHINE_CLIENT } from "../src/modules/identity/index.js";
import { buildApp } from "../src/server/app.js";
import { engine } from "./helpers/db.js";
import { people, registerApiClient } from "./helpers/fixtures.js";
import { runCli } from "./helpers/process.js";
import { Browser, freePort, machineToken, startTestServer, type TestServer } from "./helpers/server.js";

const ed25519Pem = () =>
  generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();

type ErrorBody = { error: { code: string; status: number; messageVi: string; messageEn: string } };

describe("the DEMO switch (configuration)", () => {
  it("is on by default, off with NODE_ENV=production, and settable", () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ NODE_ENV: "production" }).demo).toBe(false);
    expect(loadConfig({ DEMO: "off" }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: "development", DEMO: "on" }).demo).toBe(true);
  });

  it("seeds the demo population only with DEMO on, and DEMO_SEED=off keeps the demo without it", () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ DEMO_SEED: "off" })).toMatchObject({ demo: true, seedDemo: false });
    expect(loadConfig({ DEMO: "off" }).seedDemo).toBe(false);
  });

  it("refuses DEMO=on with NODE_ENV=production, in both languages", () => {
    expect(() => loadConfig({ NODE_ENV: "production", DEMO: "on" })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: "production", DEMO: "on" });
    } catch (err) {
      expect((err as ConfigError).messageVi).toContain("DEMO=on bị từ chối");
      expect((err as ConfigError).messageEn).toContain("DEMO=on is refused with NODE_ENV=production");
    }
  });

  it("a secret that is too short is named, its value never repeated", () => {
    let err: ConfigError | undefined;
    try {
      loadConfig({ METRICS_TOKEN: "short-secret" });
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err?.messageVi).toContain(
      "METRICS_TOKEN=… không hợp lệ: cần một chuỗi bí mật dài ít nhất 16 ký tự.",
    );
    expect(err?.messageEn).toContain(
      "METRICS_TOKEN=… is invalid: expected a secret of at least 16 characters.",
    );
    expect(`${err?.messageVi} ${err?.messageEn}`).not.toContain("short-secret");
  });

  it.each([
    ["on", true],
    ["ON", true],
    [" On ", true],
    ["1", true],
    ["true", true],
    ["TRUE", true],
    ["off", false],
    ["OFF", false],
    ["0", false],
    ["false", false],
    ["False", false],
  ])("DEMO=%j is read as %s", (value, demo) => {
    expect(loadConfig({ DEMO: value }).demo).toBe(demo);
  });

  const refusal = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return [(err as ConfigError).messageVi, (err as ConfigError).messageEn];
    }
    throw new Error("accepted");
  };
  it.each([
    [
      { DEMO: "yes please" },
      'DEMO="yes please" không hợp lệ: cần on/off, 1/0 hoặc true/false.',
      'DEMO="yes please" is invalid: expected on/off, 1/0 or true/false.',
    ],
    [
      { PORT: "abc" },
      'PORT="abc" không hợp lệ: cần số nguyên từ 0 đến 65535.',
      'PORT="abc" is invalid: expected a whole number from 0 to 65535.',
    ],
    [
      { PORT: "70000" },
      'PORT="70000" không hợp lệ: cần số nguyên từ 0 đến 65535.',
      'PORT="70000" is invalid: expected a whole number from 0 to 65535.',
    ],
    [
      { DEMO_SEED: "2" },
      'DEMO_SEED="2" không hợp lệ: cần auto hoặc off.',
      'DEMO_SEED="2" is invalid: expected auto or off.',
    ],
  ])("%j is refused with one bilingual message naming the variable", (env, vi, en) => {
    expect(refusal(env)).toEqual([vi, en]);
  });

  it("npm start refuses to start with DEMO off and no OIDC_ISSUER (exit 1, bilingual message)", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-demo-off-"));
    try {
      const child = runCli("start", [], { DATA_DIR: dataDir, DEMO: "off", PORT: "0" });
      expect(await child.exited).toBe(1);
      expect(child.output()).toContain("Thiếu OIDC_ISSUER");
      expect(child.output()).toContain("OIDC_ISSUER is missing: with DEMO off");
      // Nothing was opened or written: the refusal comes before the database.
      expect(fs.readdirSync(dataDir)).toEqual([]);
      const prod = runCli("start", [], { DATA_DIR: dataDir, NODE_ENV: "production", DEMO: "on" });
      expect(await prod.exited).toBe(1);
      expect(prod.output()).toContain("DEMO=on is refused with NODE_ENV=production");
      // An invalid value: the bilingual line naming it, no stack trace (DEMO=OFF is valid: off).
      const bad = runCli("start", [], { DATA_DIR: dataDir, DEMO: "OFF", PORT: "abc" });
      expect(await bad.exited).toBe(1);
      expect(bad.output()).toContain(
        'PORT="abc" không hợp lệ: cần số nguyên từ 0 đến 65535.\nPORT="abc" is invalid: expected a whole number from 0 to 65535.',
      );
      expect(bad.output()).not.toMatch(/ZodError|\n\s+at /);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe(`demo machinery with DEMO on, and DEMO off (${engine})`, () => {
  let s: TestServer;
  let off: FastifyInstance;
  let offUrl = "";
  let offBank: FastifyInstance;
  let offBankUrl = "";
  const offDir = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-demo-off-"));
  const as: Record<string, Browser> = {};
  const b = (login: string) => as[login] as Browser;

  beforeAll(async () => {
    s = await startTestServer();
    for (const login of [
      "buudien.20194",
      "motcua.20194",
      "motcua.20197",
      "admin",
      "quocgia",
      people.worker.pn,
    ]) {
      as[login] = new Browser(s.baseUrl);
      await as[login].signIn(login);
    }
    // A second server over the same database with DEMO off, trusting the first one's provider as
    // its external OIDC issuer; its keys come from the environment.
    const env = {
      DEMO: "off",
      OIDC_ISSUER: `${s.baseUrl}/oidc`,
      OIDC_CLIENT_SECRET: "a-real-provider-secret",
      SESSION_KEY: randomBytes(32).toString("base64"),
      OTP_KEY: randomBytes(32).toString("base64"),
      RESULT_SIGNING_KEY: ed25519Pem(),
      LEDGER_SIGNING_KEY: ed25519Pem(),
      DATA_DIR: offDir,
      LOG_LEVEL: "silent",
    };
    const port = await freePort();
    // These servers share the first one's database but have no SMS channel: they deliver nothing
    // (a dispatcher without the channel would fail the demo phone's SMS and leave it for a retry).
    const quiet = { db: s.db, logger: false, delivery: "manual" } as const;
    off = await buildApp({ config: loadConfig(env, { port, host: "127.0.0.1" }), ...quiet });
    await off.listen({ port, host: "127.0.0.1" });
    offUrl = `http://localhost:${port}`;
    const bankPort = await freePort();
    offBank = await buildApp({
      config: loadConfig(
        { ...env, BANK_CALLBACK_KEY: "a-real-bank-key" },
        { port: bankPort, host: "127.0.0.1" },
      ),
      ...quiet,
    });
    await offBank.listen({ port: bankPort, host: "127.0.0.1" });
    offBankUrl = `http://localhost:${bankPort}`;
  });
  afterAll(async () => {
    await off?.close();
    await offBank?.close();
    await s?.close();
    fs.rmSync(offDir, { recursive: true, force: true });
  });

  it("with DEMO off the demo outbox, the demo bank and the passwordless provider answer 404", async () => {
    const anyId = "00000000-0000-4000-8000-000000000000";
    const probes: Array<[string, string, RequestInit?]> = [
      ["GET", "/api/demo/outbox"],
      ["GET", `/demo-bank/pay/${anyId}`, { headers: { accept: "text/html" } }],
      ["POST", `/demo-bank/pay/${anyId}`],
      ["GET", "/oidc/.well-known/openid-configuration"],
      ["GET", "/oidc/auth?client_id=mot-lan-web"],
      ["GET", "/signin/abc"],
      [
        "POST",
        "/api/payments/demo-bank/callback",
        { headers: { "content-type": "application/json" }, body: "{}" },
      ],
    ];
    for (const [method, url, init] of probes) {
      const res = await fetch(`${offUrl}${url}`, { ...init, method, redirect: "manual" });
      expect([url, res.status]).toEqual([url, 404]);
      expect(((await res.json()) as ErrorBody).error.code).toBe("NOT_FOUND");
    }
    // The same paths exist with DEMO on.
    expect((await fetch(`${s.baseUrl}/oidc/.well-known/openid-configuration`)).status).toBe(200);
    expect((await b("admin").fetch("/api/demo/outbox")).status).toBe(200);
  });

  it("with DEMO off a configured bank key mounts the callback (and only it), and the payment offers no demo bank", async () => {
    const body = JSON.stringify({
      paymentId: "00000000-0000-4000-8000-000000000000",
      amount: 1,
      bankRef: "X",
    });
    const signature = createHmac("sha256", "a-real-bank-key").update(body).digest("hex");
    const res = await fetch(`${offBankUrl}/api/payments/demo-bank/callback`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-bank-signature": signature },
      body,
    });
    expect(res.status).toBe(400); // heard and refused: no such payment
    expect((await fetch(`${offBankUrl}/demo-bank/pay/00000000-0000-4000-8000-000000000000`)).status).toBe(
      404,
    );
  });

  it("with DEMO off no SMS is sent and nothing is written to the demo table (503, bilingual)", async () => {
    const secret = readKeyFile(path.join(s.tdb.dataDir, "keys.json")).demoMachineSecret ?? "";
    await registerApiClient(s.db, DEMO_MACHINE_CLIENT, secret, "buudien.20194");
    const token = await machineToken(s.baseUrl, DEMO_MACHINE_CLIENT, secret);
    const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const created = await fetch(`${offUrl}/api/dossiers`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ procedureCode: "LOCAL.DK-TAM-TRU", applicantNumber: people.worker.pn }),
    });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    const before = await s.db.query<{ n: number }>("select count(*)::int as n from demo_sms");
    const sent = await fetch(`${offUrl}/api/dossiers/${id}/otp`, {
      method: "POST",
      headers: { authorization: auth.authorization },
    });
    expect(sent.status).toBe(503);
    const err = ((await sent.json()) as ErrorBody).error;
    expect(err.code).toBe("SMS_UNAVAILABLE");
    expect(err.messageVi).toContain("SMS");
    const after = await s.db.query<{ n: number }>("select count(*)::int as n from demo_sms");
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  describe("the demo SMS outbox with DEMO on", () => {
    let id = "";
    let code = "";
    beforeAll(async () => {
      const agent = b("buudien.20194");
      const created = await agent.send<{ id: string }>("POST", "/api/dossiers", {
        procedureCode: "LOCAL.DK-TAM-TRU",
        applicantNumber: people.worker.pn,
        communeCode: "20194",
      });
      id = created.body.id;
      expect((await agent.send("POST", `/api/dossiers/${id}/otp`)).status).toBe(200);
      // The SMS goes through delivery: delivered (to the demo phone) before the phone is read.
      await s.drain();
    });

    it("shows the citizen's own phone the whole SMS, code and number included", async () => {
      const res = await b(people.worker.pn).send<{ items: Array<{ phone: string; textVi: string }> }>(
        "GET",
        "/api/demo/outbox",
      );
      expect(res.status).toBe(200);
      expect(res.body.items[0]?.phone).toBe("0905123456");
      code = /mã xác nhận (\d{6})/.exec(res.body.items[0]?.textVi ?? "")?.[1] ?? "";
      expect(code).toMatch(/^\d{6}$/);
    });

    it("refuses the agent (the code is the citizen's consent to the agent) and the national viewer", async () => {
      for (const login of ["buudien.20194", "quocgia"]) {
        const res = await b(login).send<ErrorBody>("GET", "/api/demo/outbox");
        expect([login, res.status, res.body.error.code]).toEqual([login, 403, "FORBIDDEN"]);
      }
    });

    it("shows the commune's officers and the admin the message with the code and the number masked", async () => {
      for (const login of ["motcua.20194", "admin"]) {
        const res = await b(login).send<{ items: Array<{ phone: string; textVi: string; textEn: string }> }>(
          "GET",
          "/api/demo/outbox",
        );
        expect(res.status).toBe(200);
        const m = res.body.items[0];
        expect(m?.phone).toBe("090****456");
        expect(m?.textVi).toContain("mã xác nhận •••••• để");
        expect(`${m?.textVi} ${m?.textEn}`).not.toContain(code);
      }
    });

    it("shows another commune's officers nothing of it", async () => {
      const res = await b("motcua.20197").send<{ items: unknown[] }>("GET", "/api/demo/outbox");
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    });

    it("keeps the code only as a keyed hash: not in the challenge, nor in the outbox or the notification once sent", async () => {
      const { rows } = await s.db.query<{ code_hash: string; phone: string }>(
        "select code_hash, phone from otp_challenges where dossier_id = $1",
        [id],
      );
      expect(rows[0]?.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0]?.phone).toBe("090****456");
      const otpKey = Buffer.from(readKeyFile(path.join(s.tdb.dataDir, "keys.json")).otp ?? "", "base64");
      expect(rows[0]?.code_hash).toBe(createHmac("sha256", otpKey).update(`${id}:${code}`).digest("hex"));
      const leaks = await s.db.query<{ n: number }>(
        `select (select count(*) from outbox where payload::text like '%' || $1 || '%')
              + (select count(*) from notifications where text_vi like '%' || $1 || '%' or text_en like '%' || $1 || '%')
              + (select count(*) from otp_challenges where code_hash like '%' || $1 || '%' or phone like '%' || $1 || '%')
              + (select count(*) from audit_log where detail::text like '%' || $1 || '%') as n`,
        [code],
      );
      expect(Number(leaks.rows[0]?.n)).toBe(0);
    });

    it("a confirmation that fails does not burn the code: the same code works once the fault is gone", async () => {
      const agent = b("buudien.20194");
      // A fault inside the confirmation's transaction (after the code was checked).
      await s.db.exec(`
        create function fail_confirm() returns trigger language plpgsql as $$
        begin
          if new.action = 'confirm_on_behalf' then raise exception 'injected fault'; end if;
          return new;
        end $$;
        create trigger fail_confirm before insert on dossier_actions for each row execute function fail_confirm();`);
      const failed = await agent.send<ErrorBody>("POST", `/api/dossiers/${id}/otp/verify`, { code });
      expect(failed.status).toBe(500);
      await s.db.exec("drop trigger fail_confirm on dossier_actions; drop function fail_confirm();");
      const ok = await agent.send<{ status: string }>("POST", `/api/dossiers/${id}/otp/verify`, { code });
      expect(ok.status).toBe(200);
      // Used up now.
      const again = await agent.send<ErrorBody>("POST", `/api/dossiers/${id}/otp/verify`, { code });
      expect([again.status, again.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    });
  });
});

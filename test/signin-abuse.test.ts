// Over 400 lines: one file because all these cases share one server start with its identity provider (a server costs seconds per file).
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OfficerPrincipal } from "../src/domain/principal.js";
import { readKeyFile } from "../src/lib/secrets.js";
import { officerQueue } from "../src/modules/dossiers/index.js";
import { dossierReadRight } from "../src/modules/exchange/index.js";
import { databaseAdapter, resolveAccount } from "../src/modules/identity/index.js";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Sign-in abuse (issue 9, point 13) and identity confusion (point 15): rate limits on the
 * provider, a provider store one client cannot flush, sign-out that ends the session and its
 * tokens server-side, one-time code resend limits, distinct officer and citizen namespaces, and
 * our own request ids.
 */
type ErrorBody = {
  error: {
    code: string;
    status: number;
    messageVi: string;
    messageEn: string;
    details?: Array<{ field: string }>;
  };
};

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

const keys = () => readKeyFile(path.join(s.tdb.dataDir, "keys.json"));

/** A PKCE authorization request for the web client, riding on whatever provider session `b` has. */
async function silentAuthorization(b: Browser): Promise<{ code?: string; error?: string; verifier: string }> {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const q = new URLSearchParams({
    client_id: "mot-lan-web",
    response_type: "code",
    redirect_uri: `${s.baseUrl}/auth/callback`,
    scope: "openid profile api",
    resource: "urn:mot-lan:api",
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: "s1",
    prompt: "none",
  });
  const res = await b.fetch(`/oidc/auth?${q}`);
  const location = new URL(res.headers.get("location") ?? "", s.baseUrl);
  return {
    code: location.searchParams.get("code") ?? undefined,
    error: location.searchParams.get("error") ?? undefined,
    verifier,
  };
}

async function exchange(code: string, verifier: string): Promise<string> {
  const res = await fetch(`${s.baseUrl}/oidc/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`mot-lan-web:${keys().webClientSecret}`).toString("base64")}`,
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: `${s.baseUrl}/auth/callback`,
      code_verifier: verifier,
    }).toString(),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

async function logout(b: Browser): Promise<number> {
  const res = await b.fetch("/auth/logout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: await b.csrf() }).toString(),
  });
  return res.status;
}

describe(`signing out ends the session on the server (${engine})`, () => {
  it("a copied session cookie stops working after sign-out", async () => {
    const b = new Browser(s.baseUrl);
    await b.signIn(people.mother.pn);
    const copied = b.cookieHeader();
    const withCopy = (url: string) => fetch(`${s.baseUrl}${url}`, { headers: { cookie: copied } });
    expect((await withCopy("/api/me/data")).status).toBe(200);
    expect(await logout(b)).toBe(303);
    expect((await withCopy("/api/me/data")).status).toBe(401);
    const session = (await (await withCopy("/api/session")).json()) as { principal: unknown };
    expect(session.principal).toBeNull();
    const { rows } = await s.db.query<{ ended: boolean }>(
      "select ended_at is not null as ended from web_sessions where account_id = $1",
      [people.mother.pn],
    );
    expect(rows).toEqual([{ ended: true }]);
  });

  it("ends the provider session and revokes the tokens issued under it", async () => {
    const b = new Browser(s.baseUrl);
    await b.signIn(people.father.pn);
    // The RP knows the provider session and grant of this sign-in.
    const { rows } = await s.db.query<{ provider_session: string | null; provider_grant: string | null }>(
      "select provider_session, provider_grant from web_sessions where account_id = $1 and ended_at is null",
      [people.father.pn],
    );
    expect(rows[0]?.provider_session).toBeTruthy();
    expect(rows[0]?.provider_grant).toBeTruthy();
    // A token minted silently from the same provider session (as a stolen provider cookie could).
    const silent = await silentAuthorization(b);
    expect(silent.code).toBeTruthy();
    const token = await exchange(silent.code ?? "", silent.verifier);
    const bearer = () => fetch(`${s.baseUrl}/api/me/data`, { headers: { authorization: `Bearer ${token}` } });
    expect((await bearer()).status).toBe(200);

    expect(await logout(b)).toBe(303);

    const after = await bearer();
    expect([after.status, ((await after.json()) as ErrorBody).error.code]).toEqual([401, "INVALID_TOKEN"]);
    // The provider session is gone too: no silent sign-in with the old provider cookie.
    const again = await silentAuthorization(b);
    expect(again).toMatchObject({ code: undefined, error: "login_required" });
    const left = await s.db.query<{ n: number }>(
      "select count(*)::int as n from oidc_payloads where grant_id = $1 or (model = 'Grant' and id = $1)",
      [rows[0]?.provider_grant],
    );
    expect(left.rows[0]?.n).toBe(0);
  });

  it("a sign-out does not end anyone else's session", async () => {
    const a = new Browser(s.baseUrl);
    await a.signIn(people.neighbour.pn);
    const c = new Browser(s.baseUrl);
    await c.signIn(people.neighbour.pn);
    expect(await logout(a)).toBe(303);
    expect((await c.fetch("/api/me/data")).status).toBe(200);
  });
});

describe(`the identity provider's store and rate limits (${engine})`, () => {
  it("keeps a sign-in in progress while others start 1,500 more (no eviction), then completes it", async () => {
    const b = new Browser(s.baseUrl);
    const form = await b.navigate("/auth/login");
    const action = /action="([^"]+)"/.exec(await form.text())?.[1] ?? "";
    expect(action).toMatch(/^\/signin\//);
    // The provider's in-memory store held 1,000 entries; ours is a table.
    const Adapter = databaseAdapter(s.db);
    const interactions = new Adapter("Interaction");
    for (let i = 0; i < 1500; i++)
      await interactions.upsert(`flood-${i}`, { returnTo: "/", kind: "Interaction" } as never, 600);
    const done = await b.navigate(action, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ login: people.child.pn }).toString(),
    });
    expect(done.status).toBe(200);
    const session = (await (await b.fetch("/api/session")).json()) as {
      principal: { personalNumber: string };
    };
    expect(session.principal.personalNumber).toBe(people.child.pn);
  });

  it("an expired entry is not found and is swept", async () => {
    let now = new Date("2026-11-04T08:00:00Z");
    const Adapter = databaseAdapter(s.db, () => now);
    const a = new Adapter("Session");
    await a.upsert("short", { uid: "u-short", kind: "Session" } as never, 10);
    expect(await a.findByUid("u-short")).toMatchObject({ uid: "u-short" });
    now = new Date("2026-11-04T08:00:11Z");
    expect(await a.find("short")).toBeUndefined();
    now = new Date("2026-11-04T08:05:00Z");
    await a.upsert("other", { kind: "Session" } as never, 10);
    const { rows } = await s.db.query("select 1 from oidc_payloads where model = 'Session' and id = 'short'");
    expect(rows).toHaveLength(0);
  });

  it("rate-limits the provider's endpoints per address with the error shape", async () => {
    const limited = await startTestServer({ RATE_LIMIT_SIGNIN_PER_MINUTE: "2" });
    try {
      // Interactive endpoints: 4 × the sign-in limit per minute.
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++) {
        const res = await fetch(`${limited.baseUrl}/oidc/auth?client_id=mot-lan-web`, { redirect: "manual" });
        statuses.push(res.status);
        if (res.status === 429) {
          const body = (await res.json()) as ErrorBody;
          expect(body.error.code).toBe("RATE_LIMITED");
          expect(body.error.messageVi).toContain("Quá nhiều yêu cầu");
        }
      }
      expect(statuses.slice(0, 8).every((st) => st !== 429)).toBe(true);
      expect(statuses[8]).toBe(429);
      // Back-channel endpoints (token, keys, discovery): 10 × per minute, counted apart.
      const token: number[] = [];
      for (let i = 0; i < 21; i++) {
        const res = await fetch(`${limited.baseUrl}/oidc/token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "grant_type=client_credentials",
        });
        token.push(res.status);
      }
      expect(token.slice(0, 20).every((st) => st !== 429)).toBe(true);
      expect(token[20]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe(`one-time codes: resend limits and the guess counter (${engine})`, () => {
  let agent: Browser;
  const phone = new Map<string, Browser>();
  beforeAll(async () => {
    agent = new Browser(s.baseUrl);
    await agent.signIn("buudien.20194");
    for (const pn of [people.worker.pn, people.capital.pn]) {
      const b = new Browser(s.baseUrl);
      await b.signIn(pn);
      phone.set(pn, b);
    }
  });
  const fileFor = async (pn: string) =>
    (
      await agent.send<{ id: string }>("POST", "/api/dossiers", {
        procedureCode: "LOCAL.DK-TAM-TRU",
        applicantNumber: pn,
        communeCode: "20194",
      })
    ).body.id;
  const lastCode = async (pn: string) => {
    await s.drain();
    const sms = await (phone.get(pn) as Browser).send<{ items: Array<{ textVi: string }> }>(
      "GET",
      "/api/demo/outbox",
    );
    return /mã xác nhận (\d{6})/.exec(sms.body.items[0]?.textVi ?? "")?.[1] ?? "";
  };
  const wrongFor = (code: string) => (code === "000000" ? "111111" : "000000");

  it("a resend does not reset the count of wrong guesses", async () => {
    const id = await fileFor(people.capital.pn);
    expect((await agent.send("POST", `/api/dossiers/${id}/otp`)).status).toBe(200);
    const first = await lastCode(people.capital.pn);
    for (let i = 0; i < 3; i++)
      expect(
        (await agent.send("POST", `/api/dossiers/${id}/otp/verify`, { code: wrongFor(first) })).status,
      ).toBe(400);
    expect((await agent.send("POST", `/api/dossiers/${id}/otp`)).status).toBe(200);
    const second = await lastCode(people.capital.pn);
    for (let i = 0; i < 2; i++)
      expect(
        (await agent.send("POST", `/api/dossiers/${id}/otp/verify`, { code: wrongFor(second) })).status,
      ).toBe(400);
    // Six guesses in all: even the right code is refused now.
    const res = await agent.send<ErrorBody & { status?: string }>("POST", `/api/dossiers/${id}/otp/verify`, {
      code: second,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    const { rows } = await s.db.query<{ attempts: number }>(
      "select attempts from otp_challenges where dossier_id = $1",
      [id],
    );
    expect(rows[0]?.attempts).toBe(6);
  });

  it("at most 3 codes per citizen in 15 minutes: the 4th send gets 429", async () => {
    const id = await fileFor(people.worker.pn);
    for (let i = 0; i < 3; i++)
      expect((await agent.send("POST", `/api/dossiers/${id}/otp`)).status).toBe(200);
    const fourth = await agent.send<ErrorBody>("POST", `/api/dossiers/${id}/otp`);
    expect([fourth.status, fourth.body.error.code]).toEqual([429, "OTP_SEND_LIMITED"]);
    expect(fourth.body.error.messageVi).toContain("15 phút");
    // A second dossier for the same citizen does not get around it.
    const other = await fileFor(people.worker.pn);
    expect((await agent.send("POST", `/api/dossiers/${other}/otp`)).status).toBe(429);
    // The refusal is in the audit log, and sent no SMS.
    const sms = await s.db.query<{ n: number }>(
      "select count(*)::int as n from demo_sms where personal_number = $1",
      [people.worker.pn],
    );
    expect(sms.rows[0]?.n).toBe(3);
  });

  it("at most 10 codes per agent in 15 minutes", async () => {
    const id = await fileFor(people.father.pn);
    // This agent already sent 2 + 3 codes above; five more earlier this quarter hour.
    for (let i = 0; i < 5; i++)
      await s.db.query(
        "insert into otp_sends (province_code, at, dossier_id, applicant_number, agent_id) values ('48', $1, $2, $3, 'buudien.20194')",
        [new Date(s.now().getTime() - 60_000), id, people.child.pn],
      );
    const res = await agent.send<ErrorBody>("POST", `/api/dossiers/${id}/otp`);
    expect([res.status, res.body.error.code]).toEqual([429, "OTP_SEND_LIMITED"]);
    // Sends older than 15 minutes do not count.
    await s.db.query("update otp_sends set at = $1 where agent_id = 'buudien.20194'", [
      new Date(s.now().getTime() - 16 * 60_000),
    ]);
    expect((await agent.send("POST", `/api/dossiers/${id}/otp`)).status).toBe(200);
  });
});

describe(`officers and citizens are separate namespaces (${engine})`, () => {
  let admin: Browser;
  beforeAll(async () => {
    admin = new Browser(s.baseUrl);
    await admin.signIn("admin");
  });
  const create = (username: string, headers: Record<string, string> = {}) =>
    admin.send<ErrorBody>(
      "POST",
      "/api/admin/officers",
      { username, fullName: "Cán bộ thử", role: "agent", jurisdiction: { level: "commune", code: "20194" } },
      headers,
    );

  it.each([
    ["a citizen's personal number", people.father.pn],
    ["any digits", "123456"],
    ["digits and dots", "0480.8500"],
  ])("refuses an officer username that is %s", async (_name, username) => {
    const res = await create(username);
    expect([res.status, res.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    expect(res.body.error.details?.[0]?.field).toBe("body.username");
    const { rows } = await s.db.query("select 1 from officers where username = $1", [username]);
    expect(rows).toHaveLength(0);
  });

  it("accepts a username with a letter, even one that contains a number", async () => {
    expect((await create(`bd.${people.father.pn}`)).status).toBe(201);
  });

  it("the database refuses a number-shaped officer username as well", async () => {
    await expect(
      s.db.query(
        "insert into officers (username, full_name, role, jurisdiction_level, jurisdiction_code, province_code) values ($1, 'x', 'agent', 'commune', '20194', '48')",
        [people.mother.pn],
      ),
    ).rejects.toThrow(/officers_username_has_letter/);
  });

  it("an older all-digit officer account resolves to nobody and sees no citizen's dossier", async () => {
    // A database from before the rule: the row exists (constraint added NOT VALID).
    await s.db.exec("alter table officers drop constraint officers_username_has_letter");
    await s.db.query(
      "insert into officers (username, full_name, role, jurisdiction_level, jurisdiction_code, province_code) values ($1, 'Trùng số', 'agent', 'commune', '20194', '48')",
      [people.father.pn],
    );
    await s.db.exec(
      "alter table officers add constraint officers_username_has_letter check (username ~ '[a-z]') not valid",
    );
    expect(await resolveAccount(s.db, `officer:${people.father.pn}`)).toBeUndefined();
    expect(await resolveAccount(s.db, people.father.pn)).toMatchObject({ kind: "citizen" });
    // The citizen files a dossier of their own.
    const citizen = new Browser(s.baseUrl);
    await citizen.signIn(people.father.pn);
    const own = await citizen.send<{ id: string }>("POST", "/api/dossiers", {
      procedureCode: "LOCAL.DK-TAM-TRU",
    });
    expect(own.status).toBe(201);
    const { rows } = await s.db.query<{ created_by_kind: string; created_by: string }>(
      "select created_by_kind, created_by from dossiers where id = $1",
      [own.body.id],
    );
    expect(rows[0]).toEqual({ created_by_kind: "citizen", created_by: people.father.pn });
    // Even as a principal (however obtained), that officer neither sees it nor lists it.
    const twin: OfficerPrincipal = {
      kind: "officer",
      id: people.father.pn,
      username: people.father.pn,
      name: "Trùng số",
      role: "agent",
      jurisdiction: { level: "commune", code: "20194", provinceCode: "48" },
    };
    expect(
      dossierReadRight(twin, {
        applicantNumber: people.father.pn,
        createdByKind: "citizen",
        createdBy: people.father.pn,
        communeCode: "20194",
        provinceCode: "48",
      }),
    ).toEqual({ ok: false, error: "NOT_FOUND" });
    const queue = await officerQueue(s.db, twin, { limit: 50, offset: 0 }, s.now());
    expect(JSON.stringify(queue)).not.toContain(own.body.id);
  });
});

describe(`request ids are ours (${engine})`, () => {
  it("a client's x-request-id is neither echoed nor written to the audit log as ours", async () => {
    const admin = new Browser(s.baseUrl);
    await admin.signIn("admin");
    const res = await admin.fetch("/api/admin/officers", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-csrf-token": await admin.csrf(),
        "x-request-id": "forged-request-id",
      },
      body: JSON.stringify({
        username: "motcua.moi",
        fullName: "Cán bộ mới",
        role: "receiver",
        jurisdiction: { level: "commune", code: "20194" },
      }),
    });
    expect(res.status).toBe(201);
    const ours = res.headers.get("x-request-id") ?? "";
    expect(ours).toMatch(/^[0-9a-f-]{36}$/);
    const { rows } = await s.db.query<{ request_id: string }>(
      "select request_id from audit_log where action = 'officer.create' and resource = 'officer:motcua.moi'",
    );
    expect(rows).toEqual([{ request_id: ours }]);
    const forged = await s.db.query("select 1 from audit_log where request_id = 'forged-request-id'");
    expect(forged.rows).toHaveLength(0);
  });
});

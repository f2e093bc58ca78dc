import middie from "@fastify/middie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { JWK, JWTPayload } from "jose";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { announce, forget } from "../../db/cache.js";
import type { Db } from "../../db/client.js";
import { first, qb, run, sql } from "../../db/query.js";
import { checkPersonalNumber } from "../../domain/personal-number.js";
import { escapeHtml, page } from "../../kernel/html.js";
import { isOfficerUsername, resolveAccount } from "./accounts.js";
import {
  type DemoUnit,
  ensureDemoOfficerFor,
  listDemoOfficers,
  listMoreDemoOfficers,
} from "./demo-officers.js";
import { findOfficer } from "./officers.js";
import { databaseAdapter } from "./oidc-adapter.js";

/** The API as an OAuth resource: access tokens for it are JWTs any API instance can verify. */
export const API_RESOURCE = "urn:mot-lan:api";
export const DEMO_MACHINE_CLIENT = "demo-agency-client";

export type DemoProviderOptions = {
  db: Db;
  issuer: string;
  webClient: { clientId: string; clientSecret: string; redirectUri: string };
  machineClients: Array<{ clientId: string; clientSecret: string }>;
  signInRateLimit: number;
  /** The demo provider's keys, from the key file (src/lib/secrets.ts). */
  keys: { signing: JWK[]; cookies: string[] };
};

/** What the relying party knows of a sign-in at this provider: its session and grant. */
export type ProviderSessionRef = { sessionUid?: string | undefined; grantId?: string | undefined };

export type DemoProvider = {
  provider: Provider;
  /** Ends the provider session and revokes the grant with every token issued under it. */
  endSession(ref: ProviderSessionRef): Promise<void>;
  /**
   * The grant (claim `gid`) of a user access token while it lives, with its end (null: none);
   * undefined once it is revoked or expired, and with it every token issued under it.
   */
  tokenGrant(payload: JWTPayload): Promise<{ expiresAt: Date | null } | undefined>;
};

/**
 * Demo identity provider (oidc-provider) mounted at /oidc, with a sign-in page where a citizen
 * types a personal number and an officer a username, and no password. Mounted only with DEMO on
 * and no OIDC_ISSUER (src/config.ts, src/server/app.ts); otherwise a standard OIDC provider is
 * configured. Its state lives in the database (oidc-adapter.ts), its keys in the key file
 * (src/lib/secrets.ts).
 */
export async function registerDemoProvider(
  app: FastifyInstance,
  opts: DemoProviderOptions,
): Promise<DemoProvider> {
  const { db } = opts;
  const configuration: Configuration = {
    adapter: databaseAdapter(db),
    clients: [
      {
        client_id: opts.webClient.clientId,
        client_secret: opts.webClient.clientSecret,
        redirect_uris: [opts.webClient.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
      ...opts.machineClients.map((c) => ({
        client_id: c.clientId,
        client_secret: c.clientSecret,
        grant_types: ["client_credentials"],
        redirect_uris: [],
        response_types: [],
      })),
    ],
    jwks: { keys: opts.keys.signing },
    cookies: { keys: opts.keys.cookies },
    // User tokens name their grant and provider session, so signing out can revoke them.
    formats: {
      customizers: {
        jwt(_ctx, token, parts) {
          if ("grantId" in token && token.grantId) parts.payload.gid = token.grantId;
          if ("sessionUid" in token && token.sessionUid) parts.payload.sid = token.sessionUid;
          return parts;
        },
      },
    },
    claims: { openid: ["sub"], profile: ["name", "preferred_username"] },
    scopes: ["openid", "profile"],
    pkce: { required: () => true },
    ttl: {
      AccessToken: 3600,
      ClientCredentials: 3600,
      IdToken: 3600,
      Session: 8 * 3600,
      Interaction: 600,
      Grant: 8 * 3600,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => API_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: KoaContextWithOIDC, resource: string) => {
          if (resource !== API_RESOURCE) throw new Error("unknown resource");
          return { scope: "api", audience: API_RESOURCE, accessTokenTTL: 3600, accessTokenFormat: "jwt" };
        },
      },
    },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/signin/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const account = await resolveAccount(db, sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          name: account.name,
          preferred_username: sub.startsWith("officer:") ? sub.slice(8) : sub,
        }),
      };
    },
    // First-party client: no consent screen; the grant is created on the citizen's behalf.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const client = ctx.oidc.client;
      const session = ctx.oidc.session;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid profile");
      grant.addResourceScope(API_RESOURCE, "api");
      await grant.save();
      return grant;
    },
    async renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = page(
        "Lỗi đăng nhập / Sign-in error",
        `<h1>Lỗi đăng nhập <span lang="en">/ Sign-in error</span></h1><p>${escapeHtml(String(out.error_description ?? out.error))}</p><p><a href="/">Về trang chủ / Home</a></p>`,
      );
    },
  };
  const provider = new Provider(opts.issuer, configuration);
  provider.on("server_error", (_ctx, err) => app.log.error({ err }, "oidc provider error"));

  // Every /oidc endpoint is rate-limited per IP before the provider sees the request: the
  // interactive ones (authorization, end of session) like sign-in, the back-channel ones
  // (token, JWKS, discovery) more loosely because the relying party calls them for everyone.
  const front = app.rateLimit({
    max: opts.signInRateLimit * 4,
    timeWindow: "1 minute",
    keyGenerator: (req) => `oidc-front:${req.ip}`,
  });
  const back = app.rateLimit({
    max: opts.signInRateLimit * 10,
    timeWindow: "1 minute",
    keyGenerator: (req) => `oidc-back:${req.ip}`,
  });
  app.addHook("onRequest", async (req, reply) => {
    if (!/^\/oidc(\/|\?|$)/.test(req.url)) return;
    const backChannel =
      /^\/oidc\/(token|jwks|\.well-known|token\/revocation|token\/introspection)(\/|\?|$)/.test(req.url);
    await (backChannel ? back : front).call(app, req, reply);
  });
  await app.register(middie);
  app.use("/oidc", provider.callback());

  const rateLimit = { rateLimit: { max: opts.signInRateLimit, timeWindow: "1 minute" } };

  app.get("/signin/:uid", { schema: { hide: true }, config: rateLimit }, async (req, reply) => {
    const details = await provider.interactionDetails(req.raw, reply.raw);
    return reply.type("text/html").send(signInPage(details.uid, await demoAccounts(db)));
  });

  app.post(
    "/signin/:uid",
    { schema: { hide: true }, config: { ...rateLimit, csrf: false } },
    async (req, reply) => {
      const details = await provider.interactionDetails(req.raw, reply.raw);
      const login = String((req.body as Record<string, unknown> | undefined)?.login ?? "").trim();
      const accountId = await resolveLogin(db, login);
      if (!accountId) {
        return reply
          .status(401)
          .type("text/html")
          .send(
            signInPage(
              details.uid,
              await demoAccounts(db),
              login,
              "Không tìm thấy tài khoản. / No such account.",
            ),
          );
      }
      await sendFinished(provider, req, reply, { login: { accountId } });
    },
  );

  return {
    provider,
    async endSession(ref) {
      await db.tx(async (q) => {
        const { sessionUid, grantId } = ref;
        if (sessionUid)
          await run(
            q,
            qb.deleteFrom("oidc_payloads").where("model", "=", "Session").where("uid", "=", sessionUid),
          );
        if (grantId) {
          await run(
            q,
            qb
              .deleteFrom("oidc_payloads")
              .where((eb) =>
                eb.or([
                  eb("grant_id", "=", grantId),
                  eb.and([eb("model", "=", "Grant"), eb("id", "=", grantId)]),
                ]),
              ),
          );
          // Every process drops the accounts it cached for tokens of this grant.
          await announce(q, "auth", `grant:${grantId}`);
        }
      });
      // Again after the commit: a request between the announcement and the commit saw the grant live.
      if (ref.grantId) forget(db, "auth", `grant:${ref.grantId}`);
    },
    async tokenGrant(payload) {
      if (typeof payload.gid !== "string") return undefined;
      const grant = await first(
        db,
        qb
          .selectFrom("oidc_payloads")
          .select("expires_at")
          .where("model", "=", "Grant")
          .where("id", "=", payload.gid)
          .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", sql<Date>`now()`)])),
      );
      return grant ? { expiresAt: grant.expires_at } : undefined;
    },
  };
}

async function resolveLogin(db: Db, login: string): Promise<string | undefined> {
  if (/^[0-9]{12}$/.test(login)) {
    if (!checkPersonalNumber(login).ok) return undefined;
    return (await resolveAccount(db, login)) ? login : undefined;
  }
  if (isOfficerUsername(login)) {
    // Any commune's demo officer signs in (created on first use): every dossier can be processed.
    const found = (await findOfficer(db, login)) ?? ((await ensureDemoOfficerFor(db, login)) || undefined);
    return found ? `officer:${login}` : undefined;
  }
  return undefined;
}

async function sendFinished(
  provider: Provider,
  req: FastifyRequest,
  reply: FastifyReply,
  result: { login: { accountId: string } },
) {
  const redirectTo = await provider.interactionResult(req.raw, reply.raw, result, {
    mergeWithLastSubmission: false,
  });
  return reply.redirect(redirectTo, 303);
}

/** The demo accounts the sign-in page lists: the first communes, open; the others, folded by province. */
async function demoAccounts(db: Db): Promise<{ first: DemoUnit[]; more: DemoUnit[] }> {
  const first = await listDemoOfficers(db);
  return { first, more: await listMoreDemoOfficers(db, first) };
}

/** A unit's heading in the demo list: "Xã, phường: Phường Hải Vân, Đà Nẵng". */
function unitHeading(u: DemoUnit): string {
  if (u.level === "commune")
    return `Cán bộ xã, phường: ${escapeHtml(u.unitName ?? "")} <span lang="en">/ Commune officers</span>`;
  if (u.level === "province")
    return `Cán bộ tỉnh, thành phố: ${escapeHtml(u.unitName ?? "")} <span lang="en">/ Province officers</span>`;
  return `Toàn quốc <span lang="en">/ National</span>`;
}

/** One unit's accounts, one tap each (a submit button carrying the username). */
function unitSection(u: DemoUnit, id: string): string {
  return `<section aria-labelledby="${id}">
    <h3 id="${id}">${unitHeading(u)}</h3>
    <ul class="accounts">${u.accounts
      .map(
        (a) => `
      <li><button type="submit" name="login" value="${escapeHtml(a.username)}" class="account" data-testid="demo-account">
        <span class="account-name">${escapeHtml(a.name)}</span>
        <span class="account-duty">${escapeHtml(a.duty.vi)} <span lang="en">/ ${escapeHtml(a.duty.en)}</span></span>
        <span class="account-login">${escapeHtml(a.username)}</span>
      </button></li>`,
      )
      .join("")}
    </ul>
  </section>`;
}

/**
 * The demo officer accounts grouped by unit, each showing the person's name and the role in
 * Vietnamese, then English: the first communes, their province and the country open; every other
 * commune with demo officers (where the demo's dossiers are) folded under its province, so the
 * list stays short on a phone. Any other commune's officer signs in by typing its username.
 */
function demoList(uid: string, demo: { first: DemoUnit[]; more: DemoUnit[] }): string {
  if (demo.first.length === 0) return "";
  const groups = demo.first.map((u, i) => unitSection(u, `demo-unit-${i}`)).join("\n  ");
  const provinces = new Map<string, DemoUnit[]>();
  for (const u of demo.more)
    provinces.set(u.provinceName ?? "", [...(provinces.get(u.provinceName ?? "") ?? []), u]);
  const folded = [...provinces]
    .map(
      ([name, units], p) => `<details class="demo-province" data-testid="demo-province">
    <summary>${escapeHtml(name)} <span class="muted">(${units.filter((u) => u.level === "commune").length} xã, phường <span lang="en">/ communes</span>)</span></summary>
    ${units.map((u, i) => unitSection(u, `demo-more-${p}-${i}`)).join("\n    ")}
  </details>`,
    )
    .join("\n  ");
  const more =
    provinces.size === 0
      ? ""
      : `<h2 id="demo-more-title">Cán bộ các xã, phường khác <span lang="en">/ Officers of other communes</span></h2>
  <p>Theo tỉnh, thành phố; chạm vào tên tỉnh để mở. Cán bộ của bất kỳ xã, phường nào khác đăng nhập bằng
  <code>motcua.</code>, <code>chuyenvien.</code> hoặc <code>lanhdao.</code> kèm mã xã, phường (ví dụ <code>motcua.20740</code>).
  <span lang="en">By province; tap a province to open it. An officer of any other commune signs in as
  <code>motcua.</code>, <code>chuyenvien.</code> or <code>lanhdao.</code> followed by the commune's code (e.g. <code>motcua.20740</code>).</span></p>
  ${folded}`;
  return `<section aria-labelledby="demo-title" class="demo-accounts">
  <h2 id="demo-title">Tài khoản cán bộ thử nghiệm <span lang="en">/ Demo officer accounts</span></h2>
  <p>Chạm vào một tài khoản để đăng nhập. Công dân đăng nhập bằng số định danh cá nhân in ra khi khởi động.
  <span lang="en">Tap an account to sign in. Citizens sign in with a personal number printed at start.</span></p>
  <form method="post" action="/signin/${escapeHtml(uid)}">
  ${groups}
  ${more}
  </form>
</section>`;
}

function signInPage(
  uid: string,
  demo: { first: DemoUnit[]; more: DemoUnit[] },
  login = "",
  error?: string,
): string {
  return page(
    "Đăng nhập / Sign in",
    `<main class="narrow">
  <h1>Đăng nhập <span lang="en">/ Sign in</span></h1>
  <p class="demo">Nhà cung cấp định danh thử nghiệm (demo): không dùng cho dữ liệu thật.
  <span lang="en">Demo identity provider: not for real data.</span></p>
  <form method="post" action="/signin/${escapeHtml(uid)}">
    <label for="login">Số định danh cá nhân (công dân) hoặc tên đăng nhập (cán bộ)
      <span lang="en">/ Personal number (citizen) or username (officer)</span></label>
    <input id="login" name="login" autocomplete="username" required value="${escapeHtml(login)}"
      ${error ? 'aria-invalid="true" aria-describedby="login-error"' : ""}>
    ${error ? `<p id="login-error" class="error" role="alert">${escapeHtml(error)}</p>` : ""}
    <button type="submit">Đăng nhập <span lang="en">/ Sign in</span></button>
  </form>
  ${demoList(uid, demo)}
</main>`,
  );
}

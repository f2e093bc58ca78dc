import { randomUUID } from "node:crypto";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import secureSession from "@fastify/secure-session";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
} from "fastify-type-provider-zod";
import type { JWK } from "jose";
import { assertServable, type Config } from "../config.js";
import { startCaches } from "../db/cache.js";
import type { Db } from "../db/client.js";
import { assertMigrated } from "../db/migrate.js";
import { calendarWarning } from "../domain/calendar/index.js";
import { invalidCharacters } from "../kernel/characters.js";
import { AppError } from "../kernel/errors.js";
import { BASE_CSS } from "../kernel/html.js";
import { loadKeys } from "../lib/secrets.js";
import { assistantRoutes } from "../modules/assistant/index.js";
import { catalogRoutes } from "../modules/catalog/index.js";
import { agencyMessageRoutes, correctionRoutes } from "../modules/corrections/index.js";
import {
  type Delivery,
  deliveryRoutes,
  deliveryWarning,
  registerDeliveryMetrics,
} from "../modules/delivery/index.js";
import { dossierRoutes, uploadRoutes, workspaceRoutes } from "../modules/dossiers/index.js";
import { publishAgencyKeys, registryRoutes } from "../modules/exchange/index.js";
import {
  adminRoutes,
  DEMO_MACHINE_CLIENT,
  type DemoProvider,
  identityRoutes,
  registerDemoProvider,
  WEB_SESSION_TTL_S,
} from "../modules/identity/index.js";
import { startCheckpoints } from "../modules/ledger/index.js";
import { linkedRoutes } from "../modules/linked/index.js";
import { metricsRoutes } from "../modules/metrics/index.js";
import { notificationRoutes } from "../modules/notifications/index.js";
import { logRefusedCallback, paymentRoutes } from "../modules/payments/index.js";
import { resultRoutes } from "../modules/results/index.js";
import { unitRoutes } from "../modules/units/index.js";
import { authPlugin } from "./auth.js";
import { bodyValidatorCompiler, edgePlugin, registerBodyParsers } from "./edge.js";
import { sendClientError, sendError } from "./http-errors.js";
import { loggerOptions, requestLogController } from "./logging.js";
import { metricsPlugin } from "./metrics.js";
import { normalisePlugin } from "./normalise.js";
import { isClientRoute, webApp } from "./web.js";
import { wireServices } from "./wiring.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The outbox's dispatcher (started when the app is ready, stopped when it closes). */
    delivery: Delivery;
  }
}

/**
 * `now` is the clock of readiness checks, of the dossier rules and of delivery (tests inject one);
 * the wall clock by default. `onRoute` sees every route as it is registered (the route × role test
 * reads the app's route table from it). `delivery`: "background" (the default) runs the outbox's
 * dispatcher from when the app is ready until it closes; "manual" leaves it to `app.delivery.drainOnce()`;
 * "separate" leaves it to another process (`npm run dispatcher`), woken through the database.
 */
export type AppOptions = {
  config: Config;
  db: Db;
  logger?: boolean;
  now?: () => Date;
  onRoute?: (route: RouteOptions) => void;
  delivery?: "background" | "manual" | "separate";
};

/**
 * Builds the HTTP application: plugins, security, identity, and every module's routes. Throws
 * ConfigError when the configuration cannot serve (DEMO off without OIDC_ISSUER, missing keys).
 */
export async function buildApp({
  config,
  db,
  logger = true,
  now = () => new Date(),
  onRoute,
  delivery: deliveryMode = "background",
}: AppOptions): Promise<FastifyInstance> {
  assertServable(config);
  const keys = await loadKeys(config);
  // The in-process caches (signed-in accounts, procedure definitions) serve once this process
  // hears every other's announcements of what changed (src/db/cache.ts).
  await startCaches(db);
  const t = config.timeouts;
  const app = Fastify({
    logger: logger ? loggerOptions(config) : false,
    ...(logger ? { logController: requestLogController(config) } : {}),
    bodyLimit: 256 * 1024,
    // Our own request id, always: a client's x-request-id is logged apart (clientRequestId).
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    trustProxy: false,
    // Slow or stalled clients are cut off: the whole request within requestMs, headers within
    // headersMs (checked every second), and any connection silent for idleMs.
    requestTimeout: t.requestMs,
    connectionTimeout: t.idleMs,
    keepAliveTimeout: t.keepAliveMs,
    // A path that does not decode (e.g. %C3%28, an encoded surrogate) gets our error shape.
    frameworkErrors: (err, req, reply) =>
      sendError(err.code === "FST_ERR_BAD_URL" ? invalidCharacters("url.path", "utf8") : err, req, reply),
    // What Node's HTTP parser refuses (a control character in a header) gets our error shape too.
    // A refused bank callback is logged all the same (the request line in the parser's raw packet),
    // before the answer: whoever reads the refusal finds its log rows written.
    clientErrorHandler(this: { log: FastifyBaseLogger }, err, socket) {
      const raw = (err as { rawPacket?: unknown }).rawPacket;
      const line = Buffer.isBuffer(raw) ? raw.subarray(0, 512).toString("latin1") : "";
      const remote = "remoteAddress" in socket ? String(socket.remoteAddress ?? "") : "";
      const answer = () => sendClientError.call(this, err, socket);
      if (err.code === "HPE_INVALID_HEADER_TOKEN") void logRefusedCallback(db, line, remote).finally(answer);
      else answer();
    },
    http: {
      requestTimeout: t.requestMs,
      headersTimeout: t.headersMs,
      connectionsCheckingInterval: Math.min(1000, t.headersMs, t.requestMs),
    },
  });
  if (onRoute) app.addHook("onRoute", onRoute);
  app.setValidatorCompiler(bodyValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, req, reply) => sendError(err, req, reply));
  app.setNotFoundHandler((req, reply) =>
    hasWeb && isClientRoute(req.method, req.url, req.headers.accept)
      ? reply.type("text/html").sendFile("index.html")
      : sendError(new AppError("NOT_FOUND"), req, reply),
  );
  app.addHook("onRequest", async (req) => {
    const theirs = req.headers["x-request-id"];
    if (typeof theirs === "string" && theirs !== "")
      req.log = req.log.child({ clientRequestId: theirs.slice(0, 200) });
  });
  app.addHook("onSend", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });
  // Before anything else reads the request (the identity provider included).
  await app.register(edgePlugin);
  // Before any route: every route's input is NFC text without invisible characters.
  await app.register(normalisePlugin);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'", ...(config.oidcIssuer ? [new URL(config.oidcIssuer).origin] : [])],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError("RATE_LIMITED"),
  });
  await app.register(cookie);
  await app.register(secureSession, {
    key: keys.session.subarray(0, 32),
    cookieName: "ml_session",
    cookie: {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: config.publicUrl.startsWith("https:"),
      maxAge: WEB_SESSION_TTL_S,
    },
    expiry: WEB_SESSION_TTL_S,
  });
  await app.register(csrf, {
    sessionPlugin: "@fastify/secure-session",
    getToken: (req) => readCsrfToken(req),
  });
  registerBodyParsers(app);

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Một Lần API",
        version: "0.1.0",
        description:
          "Dịch vụ công trực tuyến: khai một lần. / Online public services: declare once. " +
          "Errors share one shape: { error: { code, status, messageVi, messageEn, details } }. " +
          "Authenticate with the web session cookie (writes need the x-csrf-token header from GET /api/session) " +
          "or a bearer access token from the OpenID Connect provider (resource urn:mot-lan:api).",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
          session: { type: "apiKey", in: "cookie", name: "ml_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  // The outbox's dispatcher with the handlers of every topic, the file store, the transitions'
  // effects and the dossier rules' services (src/server/wiring.ts, shared with `npm run dispatcher`).
  const { delivery, services, linked } = wireServices({
    config,
    db,
    keys,
    now,
    log: app.log,
    separateDispatcher: deliveryMode === "separate",
  });
  app.decorate("delivery", delivery);
  if (deliveryMode === "background") app.addHook("onReady", async () => delivery.start());
  // With "separate", `npm run dispatcher` delivers (OUTBOX_DISPATCHER=separate, a server database).
  app.addHook("onClose", async () => delivery.stop());

  await app.register(metricsPlugin, {
    token: config.metricsToken,
    demo: config.demo,
    collect: (registry) => registerDeliveryMetrics(registry, { db, delivery, now }),
  });

  // Identity: the configured external issuer; without one (DEMO on only), the passwordless demo provider.
  const redirectUri = `${config.publicUrl}/auth/callback`;
  const webSecret = keys.webClientSecret;
  let issuer: string;
  let verification: { local: JWK[] } | { jwksUri: string };
  let demoProvider: DemoProvider | undefined;
  if (config.oidcIssuer) {
    issuer = config.oidcIssuer;
    const meta = (await (
      await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`)
    ).json()) as {
      jwks_uri: string;
    };
    verification = { jwksUri: meta.jwks_uri };
  } else {
    // assertServable: without OIDC_ISSUER, DEMO is on and loadKeys made the demo keys.
    if (!keys.demo) throw new Error("the demo provider's keys are missing");
    issuer = `${config.publicUrl}/oidc`;
    demoProvider = await registerDemoProvider(app, {
      db,
      issuer,
      webClient: { clientId: config.oidcClientId, clientSecret: webSecret, redirectUri },
      machineClients: [{ clientId: DEMO_MACHINE_CLIENT, clientSecret: keys.demo.machineSecret }],
      signInRateLimit: config.rateLimitSignInPerMinute,
      keys: { signing: [keys.demo.oidcSigning], cookies: keys.demo.oidcCookies },
    });
    verification = { local: [keys.demo.oidcSigning] };
  }
  await app.register(authPlugin, {
    db,
    issuer,
    keys: verification,
    tokenGrant: demoProvider?.tokenGrant,
  });
  await app.register(identityRoutes, {
    db,
    issuer,
    clientId: config.oidcClientId,
    clientSecret: webSecret,
    redirectUri,
    signInRateLimit: config.rateLimitSignInPerMinute,
    endProviderSession: demoProvider?.endSession,
  });

  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_req, reply) => {
    try {
      await assertMigrated(db);
      // Still ready (200), but tell the operator before due dates start failing with 503.
      const calendar = calendarWarning(now(), config.calendarWarnDays);
      // Degraded (still 200) when messages wait longer than OUTBOX_MAX_AGE_SECONDS.
      const outbox = await deliveryWarning(db, now(), config.outbox.maxAgeSeconds);
      const warnings = [...(calendar ? [calendar] : []), ...(outbox ? [outbox] : [])];
      return {
        status: outbox ? "degraded" : "ready",
        database: db.kind,
        ...(warnings.length > 0 ? { warnings } : {}),
      };
    } catch {
      return reply.status(503).send(new AppError("UNAVAILABLE").toBody());
    }
  });

  // The hosted agencies' public keys, for receivers to verify what they sign; the hash chains'
  // checkpoints, signed every LEDGER_CHECKPOINT_SECONDS (src/modules/ledger).
  await publishAgencyKeys(db, keys.agencies);
  let stopCheckpoints: (() => Promise<void>) | undefined;
  app.addHook("onReady", async () => {
    stopCheckpoints = startCheckpoints(
      db,
      keys.ledgerSigning,
      config.ledgerCheckpointSeconds,
      (err) => app.log.error({ err }, "ledger checkpoint failed"),
      config.ledgerAnchorFile,
    );
  });
  app.addHook("onClose", async () => stopCheckpoints?.());

  await app.register(unitRoutes, { db, publicRateLimit: config.rateLimitPublicPerMinute });
  await app.register(registryRoutes, { db });
  await app.register(adminRoutes, { db });
  await app.register(catalogRoutes, { db });
  await app.register(assistantRoutes, { db, publicRateLimit: config.rateLimitPublicPerMinute });
  const { store } = services;
  const publicRateLimit = config.rateLimitPublicPerMinute;
  await app.register(linkedRoutes, linked);
  await app.register(dossierRoutes, { db, services, now });
  await app.register(uploadRoutes, { db, store, uploadsPerPrincipal: config.uploadsPerPrincipal });
  await app.register(workspaceRoutes, { db, services, demo: config.demo, now });
  await app.register(metricsRoutes, { db, now, publicRateLimit });
  await app.register(deliveryRoutes, { db, delivery, now });
  const callbackToken = config.smsGatewayCallbackToken; // the SMS gateway's delivery reports
  await app.register(notificationRoutes, { db, now, callbackToken, publicRateLimit });
  await app.register(correctionRoutes, { db, now, wake: () => delivery.wake() });
  // External agencies' signed messages back to the platform (a correction decided in their system).
  await app.register(agencyMessageRoutes, {
    db,
    now,
    signers: keys.agencies,
    endpoints: config.agencyEndpoints,
    wake: () => delivery.wake(),
  });
  await app.register(paymentRoutes, {
    db,
    publicUrl: config.publicUrl,
    publicRateLimit,
    demo: config.demo,
    bankKey: keys.bankCallback,
    documents: { store, publicUrl: config.publicUrl, resultKey: keys.resultSigning },
    now,
  });
  await app.register(resultRoutes, {
    db,
    store,
    publicUrl: config.publicUrl,
    publicRateLimit,
    resultKey: keys.resultSigning,
  });
  // The React app (portal and workspace) at "/"; `npm start` builds it when missing.
  const hasWeb = await webApp(app);
  app.get("/assets/base.css", { schema: { hide: true } }, async (_req, reply) =>
    reply.type("text/css").send(BASE_CSS),
  );
  return app;
}

function readCsrfToken(req: { headers: Record<string, unknown>; body?: unknown }): string | undefined {
  const header = req.headers["x-csrf-token"];
  if (typeof header === "string") return header;
  const body = req.body as Record<string, unknown> | undefined;
  return typeof body?._csrf === "string" ? body._csrf : undefined;
}

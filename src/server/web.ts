import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web");
export const WEB_DIST = path.join(WEB_DIR, "dist");

/** Builds the web app (Vite) when its output is missing: `npm start` works on a fresh clone. */
export async function ensureWebBuilt(log: (line: string) => void = () => undefined): Promise<boolean> {
  if (fs.existsSync(path.join(WEB_DIST, "index.html"))) return true;
  if (!fs.existsSync(path.join(WEB_DIR, "vite.config.ts"))) return false;
  log("Building the web app (first start)...");
  const { build } = await import("vite");
  await build({ configFile: path.join(WEB_DIR, "vite.config.ts"), logLevel: "warn" });
  return true;
}

/** Built files whose names carry a content hash (Vite's `app/` directory): never change, cache for a year. */
const HASHED = /^\/app\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/**
 * Serves the citizen portal and workspace (React) at `/`. Client-side routes (/ho-so/..., /thu-tuc/...)
 * get index.html; API paths keep their JSON 404. Files are sent precompressed (brotli or gzip
 * copies written by the build, chosen by the request's Accept-Encoding); hashed files are
 * `immutable` for a year, everything else (index.html) is revalidated on every load.
 */
export async function webApp(app: FastifyInstance) {
  if (!fs.existsSync(path.join(WEB_DIST, "index.html"))) return false;
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    prefix: "/",
    wildcard: false,
    // "/" is routed below: with preCompressed, @fastify/static's directory index answers 404 to a
    // request that accepts brotli (seen with 10.1.x).
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders(res, filePath) {
      const rel = `/${path.relative(WEB_DIST, filePath).split(path.sep).join("/")}`.replace(/\.(br|gz)$/, "");
      res.header("cache-control", HASHED.test(rel) ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  app.get("/", { schema: { hide: true } }, (_req, reply) => reply.sendFile("index.html"));
  return true;
}

export function isClientRoute(method: string, url: string, accept: string | undefined): boolean {
  return (
    method === "GET" &&
    !/^\/(api|auth|oidc|signin|demo-bank|docs|metrics|healthz|readyz|openapi\.json)(\/|$|\?)/.test(url) &&
    (accept ?? "").includes("text/html")
  );
}

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web");
export const WEB_DIST = path.join(WEB_DIR, "dist");

/**
 * What the web bundle is built from, under `webDir`: the app (`src`, `public`), Vite's page and
 * config, and the domain core the app imports (`../src/domain`, the `@domain` alias).
 */
function webSources(webDir: string): string[] {
  return ["src", "public", "index.html", "vite.config.ts", "../src/domain"].map((p) => path.join(webDir, p));
}

/** The first file under `paths` (files or directories, walked) modified after `since` (ms), if any. */
function newerThan(paths: readonly string[], since: number): string | undefined {
  for (const p of paths) {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isFile() && st.mtimeMs > since) return p;
    if (!st.isDirectory()) continue;
    const found = newerThan(
      fs.readdirSync(p).map((name) => path.join(p, name)),
      since,
    );
    if (found) return found;
  }
  return undefined;
}

/**
 * Why the web app in `webDir` must be built before serving (`distDir`, Vite's output): its
 * `index.html` is missing (a fresh clone), or a source (`webSources`) was modified after it was
 * written (a pull, an edit: a stale UI otherwise), named relative to `webDir`. Null when the build
 * is up to date. A walk of the sources' modification times (a few hundred stats), no hashing.
 */
export function webBuildReason(
  webDir: string = WEB_DIR,
  distDir: string = path.join(webDir, "dist"),
): string | null {
  const built = fs.statSync(path.join(distDir, "index.html"), { throwIfNoEntry: false });
  if (!built) return "no build yet (first start)";
  const newer = newerThan(webSources(webDir), built.mtimeMs);
  return newer ? `${path.relative(webDir, newer)} changed since the last build` : null;
}

/** One build at a time per process (the test setup of each vitest project calls `ensureWebBuilt`). */
const building = new Map<string, Promise<boolean>>();

/**
 * Builds the web app (Vite) when `webBuildReason` says so, logging why: `npm start` works on a
 * fresh clone and never serves a UI older than its sources. False when there is no build and no
 * Vite config to make one (a server-only install).
 */
export async function ensureWebBuilt(
  log: (line: string) => void = () => undefined,
  webDir: string = WEB_DIR,
): Promise<boolean> {
  const reason = webBuildReason(webDir);
  if (reason === null) return true;
  const config = path.join(webDir, "vite.config.ts");
  if (!fs.existsSync(config)) return fs.existsSync(path.join(webDir, "dist", "index.html"));
  const running = building.get(webDir);
  if (running) return running;
  const run = (async () => {
    log(`Building the web app (${reason})...`);
    const { build } = await import("vite");
    await build({ configFile: config, logLevel: "warn" });
    return true;
  })().finally(() => building.delete(webDir));
  building.set(webDir, run);
  return run;
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

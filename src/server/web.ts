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

/**
 * Serves the citizen portal and workspace (React) at `/`. Client-side routes (/ho-so/..., /thu-tuc/...)
 * get index.html; API paths keep their JSON 404.
 */
export async function webApp(app: FastifyInstance) {
  if (!fs.existsSync(path.join(WEB_DIST, "index.html"))) return false;
  await app.register(fastifyStatic, { root: WEB_DIST, prefix: "/", wildcard: false, index: "index.html" });
  return true;
}

export function isClientRoute(method: string, url: string, accept: string | undefined): boolean {
  return (
    method === "GET" &&
    !/^\/(api|auth|oidc|signin|demo-bank|docs|metrics|healthz|readyz|openapi\.json)(\/|$|\?)/.test(url) &&
    (accept ?? "").includes("text/html")
  );
}

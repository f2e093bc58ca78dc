import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureWebBuilt, webBuildReason } from "../src/server/web.js";

/**
 * `npm start` never serves a UI older than its sources (issue 12, point g): the web app is built
 * when web/dist/index.html is missing or any source (web/src, web/public, web/index.html, the Vite
 * config, the domain core src/domain it imports) was modified after it. In a temporary tree.
 */
describe("when the web app is rebuilt", () => {
  let root = "";
  let web = "";
  const at = (file: string, seconds: number) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!fs.existsSync(file)) fs.writeFileSync(file, "x");
    const t = new Date(Date.UTC(2026, 11, 3, 12, 0, seconds));
    fs.utimesSync(file, t, t);
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-web-"));
    web = path.join(root, "web");
    at(path.join(web, "src", "pages", "Home.tsx"), 0);
    at(path.join(web, "index.html"), 0);
    at(path.join(root, "src", "domain", "words.ts"), 0);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("builds on a fresh clone, not when the build is newer than every source", () => {
    expect(webBuildReason(web)).toBe("no build yet (first start)");
    at(path.join(web, "dist", "index.html"), 10);
    expect(webBuildReason(web)).toBeNull();
  });

  it("names the source modified after the build: a page, the page shell, the domain core", () => {
    at(path.join(web, "dist", "index.html"), 10);
    at(path.join(web, "src", "pages", "Home.tsx"), 20);
    expect(webBuildReason(web)).toBe(`${path.join("src", "pages", "Home.tsx")} changed since the last build`);
    at(path.join(web, "src", "pages", "Home.tsx"), 5);
    at(path.join(web, "index.html"), 11);
    expect(webBuildReason(web)).toBe("index.html changed since the last build");
    at(path.join(web, "index.html"), 5);
    at(path.join(root, "src", "domain", "words.ts"), 30);
    expect(webBuildReason(web)).toBe(
      `${path.join("..", "src", "domain", "words.ts")} changed since the last build`,
    );
    // A file of the build itself (dist) is never a source.
    at(path.join(root, "src", "domain", "words.ts"), 5);
    at(path.join(web, "dist", "app", "index-abcdef12.js"), 40);
    expect(webBuildReason(web)).toBeNull();
  });

  it("without a Vite config (a server-only install) serves what is built, building nothing", async () => {
    const lines: string[] = [];
    expect(await ensureWebBuilt((l) => lines.push(l), web)).toBe(false);
    at(path.join(web, "dist", "index.html"), 10);
    at(path.join(web, "src", "pages", "Home.tsx"), 20);
    expect(await ensureWebBuilt((l) => lines.push(l), web)).toBe(true);
    expect(lines).toEqual([]);
  });
});

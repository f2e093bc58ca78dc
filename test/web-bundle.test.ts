import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { WEB_DIST } from "../src/server/web.js";

/** The first page must load fast on a phone: its JavaScript under 250 KB gzipped. */
describe("web app size", () => {
  it("the first page's JavaScript (entry + preloaded chunks) is under 250 KB gzipped", () => {
    const html = fs.readFileSync(path.join(WEB_DIST, "index.html"), "utf8");
    const scripts = [...html.matchAll(/(?:src|href)="(\/[^"]+\.js)"/g)].map((m) => m[1] ?? "");
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce(
      (sum, s) => sum + gzipSync(fs.readFileSync(path.join(WEB_DIST, s))).length,
      0,
    );
    expect(gzipped).toBeLessThan(250 * 1024);
  });
});

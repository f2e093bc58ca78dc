import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { clockFrom, startTestServer, TEST_START, type TestServer } from "../helpers/server.js";

/**
 * Real-browser tests: playwright-core driving Debian's Chromium (no browser download), phone
 * viewport 390×844, axe-core injected from its npm package, screenshots written per step.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = fs.existsSync(CHROMIUM);
export const SCREENSHOTS = path.resolve("test-results/screenshots");
/** Generous waits: CI runs the server, the database and Chromium on the same two cores. */
export const UI_TIMEOUT = 60_000;
export const TEST_TIMEOUT = 240_000;

/** `describe`, or `describe.skip` on a machine without Chromium outside CI (CI installs it). */
export const run = hasChromium || process.env.CI ? describe : describe.skip;

/**
 * What every browser test file sets up: a test server of its own (`startTestServer`) and one
 * Chromium, started before the file's tests and closed after them. Call it at the top of the file
 * (with `startTestServer`'s arguments, if any); `s` and `chromium` are set once the file's
 * `beforeAll` has run.
 */
export function serverAndBrowser(...server: Parameters<typeof startTestServer>): {
  s: TestServer;
  chromium: Browser;
} {
  const env = {} as { s: TestServer; chromium: Browser };
  beforeAll(async () => {
    env.s = await startTestServer(...server);
    env.chromium = await launch();
  });
  afterAll(async () => {
    await env.chromium?.close();
    await env.s?.close();
  });
  return env;
}

/** Opens the sign-in form, signs in as `login` (an officer's username or a personal number), goes on to `next`. */
export async function signIn(page: Page, baseUrl: string, login: string, next: string): Promise<void> {
  await page.goto(`${baseUrl}/auth/login?next=${encodeURIComponent(next)}`);
  await page.fill("#login", login);
  await page.click("button[type=submit]");
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/**
 * A browser context whose clock reads the test server's (`TestServer.now`; by default the default
 * server clock, `clockFrom(TEST_START)`) and then runs on: the web app reads "today" (date checks)
 * and the due badges from it, so browser and server agree on the day whatever day the suite runs.
 */
export async function context(
  browser: Browser,
  now: () => Date = clockFrom(TEST_START),
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  const c = await browser.newContext({ viewport, locale: "vi-VN", deviceScaleFactor: 1 });
  c.setDefaultTimeout(UI_TIMEOUT);
  await c.clock.install({ time: now() });
  return c;
}

/** A phone-sized (390×844) page on the test server's clock (see `context`). */
export async function phone(browser: Browser, now: () => Date = clockFrom(TEST_START)): Promise<Page> {
  return (await context(browser, now, { width: 390, height: 844 })).newPage();
}

/**
 * Waits until the page shows `ready` (a selector of what the step must show) and nothing is
 * loading any more (no loading indicator). Never waits on the network going quiet.
 */
export async function settled(page: Page, ready: string): Promise<void> {
  await page.locator(ready).first().waitFor({ state: "visible" });
  await expect.poll(() => page.locator("[data-testid=loading]").count(), { timeout: UI_TIMEOUT }).toBe(0);
}

export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
};

/** Serious and critical accessibility violations on the current page (WCAG 2.1 A/AA rules). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's own CSP (script-src 'self') stays in force.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { ACTIONS } from "../../src/domain/lifecycle.js";
import { vi as dictionary } from "../../web/src/i18n/vi.js";
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
 * `locale`: the browser's (Vietnamese by default; another proves a page does not follow it).
 */
export async function context(
  browser: Browser,
  now: () => Date = clockFrom(TEST_START),
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
  locale = "vi-VN",
): Promise<BrowserContext> {
  const c = await browser.newContext({ viewport, locale, deviceScaleFactor: 1 });
  c.setDefaultTimeout(UI_TIMEOUT);
  await c.clock.install({ time: now() });
  return c;
}

/** A phone-sized (390×844) page on the test server's clock (see `context`). */
export async function phone(
  browser: Browser,
  now: () => Date = clockFrom(TEST_START),
  locale = "vi-VN",
): Promise<Page> {
  return (await context(browser, now, { width: 390, height: 844 }, locale)).newPage();
}

/**
 * Waits until the page shows `ready` (a selector of what the step must show) and nothing is
 * loading any more (no loading indicator). Never waits on the network going quiet.
 */
export async function settled(page: Page, ready: string): Promise<void> {
  await page.locator(ready).first().waitFor({ state: "visible" });
  await expect.poll(() => page.locator("[data-testid=loading]").count(), { timeout: UI_TIMEOUT }).toBe(0);
}

/**
 * One checked step of a test: the page shows `ready` (`settled`), its screenshot is written as
 * `name`, and it has no serious finding (`seriousViolations`).
 */
export async function cleanStep(page: Page, name: string, ready: string): Promise<void> {
  await settled(page, ready);
  await shot(page, name);
  const bad = await seriousViolations(page);
  expect(
    bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`),
    name,
  ).toEqual([]);
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

/**
 * What a person would notice is wrong on the current page, as axe-shaped findings (every browser
 * test's steps assert there are none):
 * - serious and critical accessibility violations (axe-core, WCAG 2.1 A/AA rules);
 * - raw codes and keys in the visible text (`rawWords`), id "raw-word";
 * - on a phone-sized page (≤ 480 px wide), interactive elements smaller than 44×44 CSS px
 *   (`smallTargets`, WCAG 2.5.5), id "target-size", and a page header taller than a quarter of
 *   the screen, id "header-height".
 */
export async function seriousViolations(
  page: Page,
  /** axe rules to run besides WCAG's, whatever their impact (e.g. best practice "landmark-unique"). */
  opts: { rules?: string[] } = {},
): Promise<AxeViolation[]> {
  const words = (await rawWords(page)).map((w) => finding("raw-word", `raw code or key on screen: ${w}`, w));
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  const onPhone = viewport.width <= 480;
  const small = onPhone ? await smallTargets(page) : [];
  const targets = small.map((t) => finding("target-size", `tap target smaller than 44×44: ${t}`, t));
  const header = onPhone ? await headerHeight(page) : 0;
  const tall =
    header > viewport.height / 4
      ? [
          finding(
            "header-height",
            `header ${header}px, more than a quarter of ${viewport.height}px`,
            "header",
          ),
        ]
      : [];
  return [...(await axeViolations(page, opts.rules ?? [])), ...words, ...targets, ...tall];
}

function finding(id: string, help: string, target: string): AxeViolation {
  return { id, impact: "serious", help, nodes: [{ target: [target] }] };
}

/** The i18n dictionary's top-level namespaces: "form.typeHint.x" on screen is a key nobody translated. */
const NAMESPACES = Object.keys(dictionary).join("|");
const RAW_PATTERNS: RegExp[] = [
  new RegExp(`\\b(?:${NAMESPACES})\\.[A-Za-z_]+(?:\\.[A-Za-z_]+)*\\b`, "g"),
  // camelCase identifiers ("birthNotice") and snake_case codes ("request_supplement").
  /\b[a-z]+[A-Z][A-Za-z]*\b/g,
  /\b[a-z]+_[a-z_]+\b/g,
  // MIME types ("application/pdf").
  /\b(?:application|image|text)\/[a-z0-9.+-]+/g,
  // A unit's code where its name belongs ("Tỉnh, thành phố 48", "Xã, phường 20194").
  /(?:Tỉnh, thành phố|Xã, phường|Province|Commune) \d{2,5}\b/g,
  // An action's code after a label ("Bước xử lý: assign").
  new RegExp(`:\\s(?:${ACTIONS.join("|")})\\b`, "g"),
];

/** The height of the page's header (the portal's or the workspace's), CSS px; 0 without one. */
async function headerHeight(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.round(document.querySelector("header")?.getBoundingClientRect().height ?? 0),
  );
}

/** Raw codes and i18n keys in the page's visible text (see RAW_PATTERNS), each once. */
export async function rawWords(page: Page): Promise<string[]> {
  // What is shown, not hidden nodes' text; an identifier shown on purpose (an outbox topic for the
  // administrator) is marked up as <code> and left out.
  const text = await page.evaluate(() => {
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text only
    let shown = document.body.innerText;
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text only
    for (const c of Array.from(document.querySelectorAll("code"))) shown = shown.replace(c.innerText, "");
    return shown;
  });
  // Each word once, with the text around it ("…Đà NẵngBắt đầu…") so a failure shows where it is.
  const found = new Map<string, string>();
  for (const re of RAW_PATTERNS)
    for (const m of text.matchAll(re)) {
      const at = m.index ?? 0;
      const around = text.slice(Math.max(0, at - 20), at + m[0].length + 20).replace(/\s+/g, " ");
      if (!found.has(m[0])) found.set(m[0], `${m[0]} (in “${around}”)`);
    }
  return [...found.values()];
}

/**
 * Visible interactive elements smaller than 44×44 CSS px, described by tag, test id and size. A
 * checkbox or radio counts with its label (the label is what a finger taps); a link inside a
 * sentence is exempt (WCAG 2.5.5 "inline"), a link in a heading (a card's title) is not.
 */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const selector =
      "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=option], [role=tab], [tabindex]:not([tabindex='-1'])";
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      let r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (el.closest(".sr-only")) continue;
      // A link in a heading is a title to tap (a card's), never a word in a sentence: measured.
      if (
        el.tagName === "A" &&
        style.display === "inline" &&
        el.parentElement?.closest("p, li, td") &&
        !el.closest("h1, h2, h3, h4, h5, h6")
      )
        continue;
      const input = el as HTMLInputElement;
      if (el.tagName === "INPUT" && (input.type === "checkbox" || input.type === "radio")) {
        const label = input.labels?.[0]?.getBoundingClientRect();
        if (label)
          r = new DOMRect(
            Math.min(r.left, label.left),
            Math.min(r.top, label.top),
            Math.max(r.right, label.right) - Math.min(r.left, label.left),
            Math.max(r.bottom, label.bottom) - Math.min(r.top, label.top),
          );
      }
      if (r.width + 0.5 < 44 || r.height + 0.5 < 44) {
        const id = el.getAttribute("data-testid") ?? el.id ?? "";
        const text = (el.textContent ?? "").trim().slice(0, 30);
        out.push(
          `${el.tagName.toLowerCase()}${id ? `#${id}` : ""} "${text}" ${Math.round(r.width)}×${Math.round(r.height)}`,
        );
      }
    }
    return out;
  });
}

/**
 * The visible elements matching `selector` smaller than a 44×44 CSS px tap target, each as its
 * text and size ("Tải CSV 65×20"); fails when none matches, so a check never passes on nothing.
 * Unlike `smallTargets`, a link alone in a paragraph is measured too.
 */
export async function shortTargets(page: Page, selector: string): Promise<string[]> {
  const found = await page.locator(selector).evaluateAll((els) =>
    els
      .map((el) => ({ text: (el.textContent ?? "").trim().slice(0, 40), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 || r.height > 0)
      .map(({ text, r }) => ({ text, w: r.width, h: r.height })),
  );
  if (found.length === 0) throw new Error(`nothing visible matches ${selector}`);
  return found
    .filter((e) => e.w + 0.5 < 44 || e.h + 0.5 < 44)
    .map((e) => `${e.text} ${Math.round(e.w)}×${Math.round(e.h)}`);
}

/**
 * Serious and critical accessibility violations on the current page (WCAG 2.1 A/AA rules), and
 * any violation of the `extra` rules (run too, whatever their tags and impact).
 */
async function axeViolations(page: Page, extra: string[]): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's own CSP (script-src 'self') stays in force.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (extra) => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      rules: Object.fromEntries(extra.map((id) => [id, { enabled: true }])),
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  }, extra);
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical" || extra.includes(v.id));
}

/**
 * Chooses a commune by its name in a commune picker (`field` its form key): types `typed`, waits
 * for the option whose code is `code` and taps it.
 */
export async function pickCommune(page: Page, field: string, typed: string, code: string): Promise<void> {
  await page.fill(`[data-testid='field-${field}']`, typed);
  await page.click(`[data-testid=commune-option][data-code='${code}']`);
}

/** Opens the virtual assistant from the keyboard and tells it `text`. */
export async function tell(page: Page, text: string): Promise<void> {
  await page.focus("[data-testid=assistant-open]");
  await page.keyboard.press("Enter");
  // The panel takes the focus to its text box.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
    .toBe("assistant-input");
  await page.keyboard.type(text, { delay: 20 });
  await page.keyboard.press("Enter");
}

/**
 * Watches, from now on in this document (a client-side navigation keeps it), whether `text` ever
 * shows inside `selector`, even for a moment (a code before its name arrives). Returns the question.
 */
export async function watchFor(page: Page, selector: string, text: string): Promise<() => Promise<boolean>> {
  const key = `__seen_${Math.random().toString(36).slice(2)}`;
  await page.evaluate(
    ([sel, txt, k]) => {
      const w = window as unknown as Record<string, boolean>;
      w[k] = false;
      const check = () => {
        for (const el of document.querySelectorAll(sel)) if (el.textContent?.includes(txt)) w[k] = true;
      };
      check();
      new MutationObserver(check).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    },
    [selector, text, key] as const,
  );
  return () => page.evaluate((k) => (window as unknown as Record<string, boolean>)[k] === true, key);
}

/**
 * What is wrong with the assistant's button on the page as it is, at the top of the page (issue 14
 * review: it stepped aside, unseen, wherever a field was under it): it must be on screen, shown,
 * the topmost element at its centre (tappable) and at least 44×44; and every control of the page
 * brought into view ends above its band, so the band is drawn over none. Empty when all holds.
 */
export async function assistantBlocked(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    window.scrollTo({ top: 0, behavior: "instant" });
    const button = document.querySelector<HTMLElement>("[data-testid=assistant-open]");
    const bar = document.querySelector<HTMLElement>("[data-testid=assistant-bar]");
    if (!button || !bar) return ["no assistant button"];
    const r = button.getBoundingClientRect();
    const style = getComputedStyle(button);
    if (r.width < 44 || r.height < 44) problems.push(`button ${r.width}×${r.height}`);
    if (r.top < 0 || r.left < 0 || r.bottom > window.innerHeight || r.right > window.innerWidth)
      problems.push("button off screen");
    if (style.opacity !== "1" || style.visibility !== "visible" || style.pointerEvents === "none")
      problems.push("button hidden");
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !button.contains(hit)) problems.push(`button under ${hit?.tagName ?? "nothing"}`);
    const band = bar.getBoundingClientRect().top;
    for (const el of document.querySelectorAll<HTMLElement>(
      "main :is(a[href], button, input, select, textarea, [role=button], [tabindex='0'])",
    )) {
      if (el.getClientRects().length === 0) continue;
      el.scrollIntoView({ block: "nearest", behavior: "instant" });
      const b = el.getBoundingClientRect();
      if (b.bottom > band + 0.5)
        problems.push(`under the band: ${el.tagName} ${(el.textContent ?? "").trim().slice(0, 30)}`);
    }
    window.scrollTo({ top: 0, behavior: "instant" });
    return problems;
  });
}

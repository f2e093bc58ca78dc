import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DUE_STATES } from "../src/domain/due.js";
import { COMMUNE_CODE_LENGTH, OTP_LENGTH, TEXT_LIMITS } from "../src/domain/inputs.js";
import { ACTIONS, STATUSES } from "../src/domain/lifecycle.js";
import { PERSONAL_NUMBER_LENGTH } from "../src/domain/personal-number.js";
import { OFFICER_ROLES } from "../src/domain/principal.js";

/**
 * The web app re-declares no status, role, due state, set of actions or input rule (issue 8): it
 * imports them from src/domain (`isDraft`, `AWAITING_SUPPLEMENT`, `ON_BEHALF_FILERS`,
 * `HIDDEN_FROM_TIMELINE`, `TEXT_LIMITS`, `PERSONAL_NUMBER_PATTERN`, …), so a rule changed in the
 * domain changes the browser too. Anywhere in web/src outside the i18n dictionaries (label maps
 * keyed by these names) these are offences:
 * - a quoted status, officer role or due state (a map typed `Record<DueState, …>` names its keys
 *   unquoted, and the type checks them);
 * - an action named inside a set or an array. Naming one action to send it or to ask whether the
 *   server offers it (`availableActions.includes("withdraw")`) is how the web app uses the server's rule;
 * - a pattern of exactly as many digits as a personal number, a commune code or a one-time code
 *   (`/^\d{12}$/`, `[0-9]{5}`);
 * - a `maxLength` or `minLength` written as a number that equals a limit of the domain
 *   (`maxLength={2000}` instead of `TEXT_LIMITS.reason`).
 */
const STATUS_OR_ROLE = new Set<string>([...STATUSES, ...OFFICER_ROLES, ...DUE_STATES]);
const ACTION = new Set<string>(ACTIONS);
const CODE_LENGTHS = new Set<number>([PERSONAL_NUMBER_LENGTH, COMMUNE_CODE_LENGTH, OTP_LENGTH]);
const LIMITS = new Set<number>([...Object.values(TEXT_LIMITS), ...CODE_LENGTHS]);

/** Literals that spell a status or an action but are something else, with the reason. */
const ALLOWED: ReadonlyArray<{ file: string; literal: string; why: string }> = [
  {
    file: "web/src/pages/officer/Leader.tsx",
    literal: "received",
    why: "a key of the leader API's counts of today (LeaderTodayKey), in the page's order",
  },
  {
    file: "web/src/pages/officer/Leader.tsx",
    literal: "submitted",
    why: "a key of the leader API's counts of today (LeaderTodayKey), in the page's order",
  },
  {
    file: "web/src/components/officer/FilingDraft.tsx",
    literal: "receive",
    why: "the name of a filing step in the i18n keys (officer.filing.step.counter.receive)",
  },
  {
    file: "web/src/pages/officer/Leader.tsx",
    literal: "overdue",
    why: "the key of the leader API's link to its overdue list (beside the LeaderTodayKey links)",
  },
];

/** Comments say nothing about rules. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|\s)\/\/.*$/gm, "$1");
}

/** Nor do JSX attribute values (`data-testid="draft"`). */
function code(text: string): string {
  return withoutComments(text).replace(/\b[\w-]+="[^"]*"/g, "");
}

/** The offences in one file's text: `file: "literal"` for each literal used as a rule. */
function offences(file: string, text: string): string[] {
  const src = code(text);
  const found: string[] = [];
  for (const m of withoutComments(text).matchAll(/(?:\\d|\[0-9\])\{(\d+)(?:,\d*)?\}/g)) {
    const n = Number(m[1]);
    if (CODE_LENGTHS.has(n)) found.push(`${file}: a pattern of ${n} digits (${m[0]})`);
  }
  for (const m of withoutComments(text).matchAll(/\b(max|min)Length\s*(?:=\s*\{?\s*["']?|:\s*)(\d+)/g)) {
    const n = Number(m[2]);
    if (LIMITS.has(n)) found.push(`${file}: ${m[1]}Length ${n}, a limit of src/domain`);
  }
  const allowed = (lit: string) => ALLOWED.some((a) => a.file === file && a.literal === lit);
  for (const m of src.matchAll(/["'`]([a-z_]+)["'`]/g)) {
    const lit = m[1] ?? "";
    if (STATUS_OR_ROLE.has(lit) && !allowed(lit)) found.push(`${file}: "${lit}"`);
  }
  for (const m of src.matchAll(/\[[^[\]]*\]/g)) {
    for (const a of m[0].matchAll(/["'`]([a-z_]+)["'`]/g)) {
      const lit = a[1] ?? "";
      if (ACTION.has(lit) && !allowed(lit)) found.push(`${file}: "${lit}" in a collection`);
    }
  }
  return found;
}

describe("the web app takes statuses, roles, due states, action sets and input rules from src/domain", () => {
  it.each<[string, string, number]>([
    ["a role compared", 'if (o.role === "agent") items.push(x);', 1],
    ["a role excluded", '{officer.role !== "receiver" ? (', 1],
    ["a status compared", 'if (d.status === "draft") return;', 1],
    ["statuses in a chain", 'dossier.status === "submitted" || dossier.status === "draft"', 2],
    ["a set of actions", 'const HIDDEN = new Set(["save_draft"]);', 1],
    ["an action sent or asked for", 'api.post(url, { action: "withdraw" }); a.includes("withdraw")', 0],
    ["a test id and a comment", '<div data-testid="draft" /> // "agent" files\n/* "refused" */', 0],
    ["the domain's names", "if (ON_BEHALF_FILERS.has(o.role) || isDraft(d.status)) return;", 0],
    ["a due state compared", 'const bad = c.state === "overdue";', 1],
    ["due states keyed by the type", 'const TONE: Record<DueState, Tone> = { on_time: "ok" };', 0],
    ["a 12-digit personal-number regex", "const pnBad = !/^\\d{12}$/.test(pn);", 1],
    ["a commune code as a digit class", 'const ok = new RegExp("^[0-9]{5}$").test(code);', 1],
    ["a date pattern", "/^\\d{4}-\\d{2}-\\d{2}$/.test(s)", 0],
    ["a maxLength copying a server limit", "<textarea maxLength={2000} />", 1],
    ["a maxLength as a string", '<input maxLength="64" /> <input maxLength={6} />', 2],
    ["a limit that is no domain limit", "<input maxLength={7} />", 0],
    ["the domain's limits", "<input maxLength={TEXT_LIMITS.reason} /> PERSONAL_NUMBER_PATTERN.test(pn)", 0],
  ])("the check: %s", (_name, text, count) => {
    expect(offences("web/src/x.tsx", text)).toHaveLength(count);
  });

  it("web/src outside the i18n dictionaries names none", () => {
    const files = readdirSync("web/src", { recursive: true, encoding: "utf8" })
      .map((f) => `web/src/${f}`)
      .filter((f) => /\.tsx?$/.test(f) && !f.startsWith("web/src/i18n/"));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => offences(f, readFileSync(f, "utf8")));
    expect(found).toEqual([]);
  });
});

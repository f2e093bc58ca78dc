import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ACTIONS, STATUSES } from "../src/domain/lifecycle.js";
import { OFFICER_ROLES } from "../src/domain/principal.js";

/**
 * The web app re-declares no status, role or set of actions (issue 8): it imports them from
 * src/domain (`isDraft`, `AWAITING_SUPPLEMENT`, `ON_BEHALF_FILERS`, `HIDDEN_FROM_TIMELINE`, …), so
 * a rule changed in the domain changes the browser too. A quoted status or officer role anywhere in
 * web/src outside the i18n dictionaries (label maps keyed by these names) is an offence; so is an
 * action named inside a set or an array. Naming one action to send it or to ask whether the server
 * offers it (`availableActions.includes("withdraw")`) is how the web app uses the server's rule.
 */
const STATUS_OR_ROLE = new Set<string>([...STATUSES, ...OFFICER_ROLES]);
const ACTION = new Set<string>(ACTIONS);

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
];

/** Comments and JSX attribute values (`data-testid="draft"`) say nothing about rules. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|\s)\/\/.*$/gm, "$1")
    .replace(/\b[\w-]+="[^"]*"/g, "");
}

/** The offences in one file's text: `file: "literal"` for each literal used as a rule. */
function offences(file: string, text: string): string[] {
  const src = code(text);
  const found: string[] = [];
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

describe("the web app takes statuses, roles and action sets from src/domain", () => {
  it.each<[string, string, number]>([
    ["a role compared", 'if (o.role === "agent") items.push(x);', 1],
    ["a role excluded", '{officer.role !== "receiver" ? (', 1],
    ["a status compared", 'if (d.status === "draft") return;', 1],
    ["statuses in a chain", 'dossier.status === "submitted" || dossier.status === "draft"', 2],
    ["a set of actions", 'const HIDDEN = new Set(["save_draft"]);', 1],
    ["an action sent or asked for", 'api.post(url, { action: "withdraw" }); a.includes("withdraw")', 0],
    ["a test id and a comment", '<div data-testid="draft" /> // "agent" files\n/* "refused" */', 0],
    ["the domain's names", "if (ON_BEHALF_FILERS.has(o.role) || isDraft(d.status)) return;", 0],
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

import type { Assignee, DueState, Principal } from "../../api/types";

/** What the workspace needs to know about the signed-in officer. */
export type Officer = Extract<Principal, { kind: "officer" }>;

/** The actions an officer can take from the dossier view, in the order they are offered. */
export const OFFICER_ACTIONS = [
  "receive",
  "refuse_receipt",
  "request_supplement",
  "forward",
  "approve",
  "refuse",
  "issue_result",
  "return_result",
] as const;
export type OfficerAction = (typeof OFFICER_ACTIONS)[number];

/** Actions the lifecycle refuses without a reason. */
export const NEEDS_REASON: ReadonlySet<string> = new Set(["refuse_receipt", "request_supplement", "refuse"]);

/** Single-key shortcuts of the dossier view ("s" only focuses the supplement text). */
export const ACTION_KEYS: Partial<Record<OfficerAction, string>> = {
  receive: "r",
  request_supplement: "s",
  forward: "f",
  approve: "a",
  issue_result: "i",
  return_result: "t",
};

export const STATUS_ORDER = [
  "submitted",
  "received",
  "in_processing",
  "supplement_requested",
  "supplemented",
  "approved",
  "result_issued",
  "result_returned",
  "refused",
  "rejected",
  "withdrawn",
] as const;

export const CHANNELS = ["online", "online_on_behalf", "counter"] as const;
export const DUE_STATES = ["on_time", "near_due", "overdue"] as const;

/** Roles that hold dossiers and may claim or hand them on. */
export const HOLDERS: ReadonlySet<string> = new Set(["receiver", "specialist", "approver", "agency_officer"]);
export const LEADERS: ReadonlySet<string> = new Set([
  "approver",
  "province_leader",
  "national_viewer",
  "admin",
]);

/** Statuses in which the clock no longer runs (or never ran), so there is nothing to warn about. */
const NO_CLOCK = new Set([
  "draft",
  "supplement_requested",
  "approved",
  "refused",
  "result_issued",
  "result_returned",
  "withdrawn",
  "rejected",
]);

const DAY = 24 * 3600_000;

/** The end of the next working day from `now` (weekends skipped; holidays are the server's business). */
function nextWorkingDay(now: Date): number {
  let t = now.getTime();
  do {
    t += DAY;
  } while ([0, 6].includes(new Date(t).getDay()));
  return t;
}

/** Near due (amber) or overdue (red) from the due date, as the queue's filter reckons it. */
export function dueStateOf(status: string, dueAt: string | null, now = new Date()): DueState | "none" {
  if (!dueAt || NO_CLOCK.has(status)) return "none";
  const due = new Date(dueAt).getTime();
  if (Number.isNaN(due)) return "none";
  if (due < now.getTime()) return "overdue";
  return due <= nextWorkingDay(now) ? "near_due" : "on_time";
}

export function assigneeName(a: Assignee | undefined): string | null {
  if (!a) return null;
  if (typeof a === "string") return a;
  return a.name ? `${a.name} (${a.username})` : a.username;
}

export function isMine(a: Assignee | undefined, me: Officer): boolean {
  if (!a) return false;
  return (typeof a === "string" ? a : a.username) === me.username;
}

const WORKING_HOUR = 3600_000;
const WORKING_DAY = 8 * WORKING_HOUR;

/** Working time as whole days and hours (8 working hours a day). */
export function workingParts(ms: number): { days: number; hours: number } {
  const abs = Math.abs(ms);
  const days = Math.floor(abs / WORKING_DAY);
  const hours = Math.round((abs - days * WORKING_DAY) / WORKING_HOUR);
  return hours === 8 ? { days: days + 1, hours: 0 } : { days, hours };
}

/** Where a dossier of the workspace opens: drafts continue in the filing page they started in. */
export function workspaceHref(d: { id: string; status: string; channel: string }): string {
  if (d.status === "draft") {
    if (d.channel === "online_on_behalf") return `/can-bo/nop-ho/${d.id}`;
    if (d.channel === "counter") return `/can-bo/tiep-nhan/${d.id}`;
  }
  return `/can-bo/ho-so/${d.id}`;
}

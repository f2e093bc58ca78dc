import { HOUR_MILLIS, WORKING_DAY_MILLIS } from "@domain/calendar/index.js";
import { isDraft, type OfficerAction, type Status } from "@domain/lifecycle.js";
import type { Principal } from "../../api/types";

/** What the workspace needs to know about the signed-in officer. */
export type Officer = Extract<Principal, { kind: "officer" }>;

/** Single-key shortcuts of the dossier view ("s" only focuses the supplement text). */
export const ACTION_KEYS: Partial<Record<OfficerAction, string>> = {
  receive: "r",
  request_supplement: "s",
  forward: "f",
  approve: "a",
  issue_result: "i",
  return_result: "t",
};

/** Whether the officer holds the dossier (the API sends the holder's username, or null). */
export function isMine(a: string | null, me: Officer): boolean {
  return a === me.username;
}

/** Working time as whole days and hours (a working day of the domain calendar's office hours). */
export function workingParts(ms: number): { days: number; hours: number } {
  const abs = Math.abs(ms);
  const days = Math.floor(abs / WORKING_DAY_MILLIS);
  const hours = Math.round((abs - days * WORKING_DAY_MILLIS) / HOUR_MILLIS);
  return hours * HOUR_MILLIS === WORKING_DAY_MILLIS ? { days: days + 1, hours: 0 } : { days, hours };
}

/** Where a dossier of the workspace opens: drafts continue in the filing page they started in. */
export function workspaceHref(d: { id: string; status: Status; channel: string }): string {
  if (isDraft(d.status)) {
    if (d.channel === "online_on_behalf") return `/can-bo/nop-ho/${d.id}`;
    if (d.channel === "counter") return `/can-bo/tiep-nhan/${d.id}`;
  }
  return `/can-bo/ho-so/${d.id}`;
}

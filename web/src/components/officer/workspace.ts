import { HOUR_MILLIS, WORKING_DAY_MILLIS } from "@domain/calendar/index.js";
import { type Channel, isDraft, type OfficerAction, type Status } from "@domain/lifecycle.js";
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

/**
 * The workspace page where a draft of each channel (src/domain/lifecycle.ts) continues: an agent's
 * filing on a citizen's behalf, a receiver's counter intake; a citizen's own draft has none.
 */
const DRAFT_PAGE: Readonly<Record<Channel, string | null>> = {
  online: null,
  online_on_behalf: "/can-bo/nop-ho",
  counter: "/can-bo/tiep-nhan",
};

/** Where a dossier of the workspace opens: drafts continue in the filing page they started in. */
export function workspaceHref(d: { id: string; status: Status; channel: Channel }): string {
  const draftPage = isDraft(d.status) ? DRAFT_PAGE[d.channel] : null;
  return `${draftPage ?? "/can-bo/ho-so"}/${d.id}`;
}

import type { Queryable } from "../../db/client.js";
import type { AccessField } from "../../domain/access-fields.js";
import { mayActOnDossier } from "../../domain/agencies.js";
import {
  AGGREGATE_ONLY_ROLES,
  actorOf,
  coversAny,
  ON_BEHALF_FILERS,
  type Principal,
} from "../../domain/principal.js";
import { logAccess } from "./access-log.js";
import type { Purpose } from "./purposes.js";

/**
 * A dossier holds its applicant's personal data (the form, the files, the result, the fee), so
 * reading one follows the rule of every personal-data read: a right checked here, and a row in the
 * applicant's access log for every reader but the applicant. The dossiers module applies both
 * through its one gate (`getVisibleDossier`); the queue logs the applicants it shows.
 */

/** What the read right and the access log need to know of a dossier. */
export type DossierSubject = {
  id: string;
  applicantNumber: string;
  createdByKind: string;
  createdBy: string;
  communeCode: string | null;
  provinceCode: string;
  /** Its agency code (`CA.20194.H48`): whose dossier it is. Absent: one being created, not checked. */
  agencyCode?: string | null | undefined;
};

export type DossierRight =
  | { ok: true; as: "applicant" | "filer" | "officer" }
  | { ok: false; error: "FORBIDDEN" | "NOT_FOUND" | "OTHER_AGENCY" };

/**
 * Who may see a dossier (pure). The roles that see aggregates only (national KPI viewer, admin)
 * never: FORBIDDEN, whether or not it exists. Otherwise: its applicant; the postal/community agent
 * who filed it, matched by kind AND id (citizen number, officer username and machine client id are
 * separate namespaces, so no officer account passes for a citizen who filed); officers and machine
 * clients whose jurisdiction covers its commune (or province) and, for an officer of an agency,
 * only that agency's dossiers (`mayActOnDossier`, the rule of its queue and its actions): another
 * agency's dossier, a linked group's sibling step, is OTHER_AGENCY (403), its form, files, payment
 * and bank account unread; the group's context tells such an officer its agency, procedure,
 * status, clock and result number (src/modules/linked/officer-view.ts). The one-stop desk and
 * leaders belong to no agency and read their whole jurisdiction. Everyone else, and a dossier that
 * does not exist (`undefined`): NOT_FOUND, since a dossier's existence is personal data too.
 */
export function dossierReadRight(p: Principal, d: Omit<DossierSubject, "id"> | undefined): DossierRight {
  if (p.kind === "officer" && AGGREGATE_ONLY_ROLES.has(p.role)) return { ok: false, error: "FORBIDDEN" };
  const hidden = { ok: false, error: "NOT_FOUND" } as const;
  if (!d) return hidden;
  if (p.kind === "citizen")
    return p.personalNumber === d.applicantNumber ? { ok: true, as: "applicant" } : hidden;
  if (ON_BEHALF_FILERS.has(p.role)) {
    const filer = actorOf(p);
    return d.createdByKind === filer.kind && d.createdBy === filer.id ? { ok: true, as: "filer" } : hidden;
  }
  const place = { communeCode: d.communeCode, provinceCode: d.provinceCode };
  if (!coversAny(p.jurisdiction, [place])) return hidden;
  if (d.agencyCode && !mayActOnDossier(p.agency, d.agencyCode)) return { ok: false, error: "OTHER_AGENCY" };
  return { ok: true, as: "officer" };
}

/**
 * Why a dossier is opened, and the fields of the applicant's data each use reads (shown in the
 * citizen's access list). `part` names what is read beside the dossier itself in the log's
 * resource (`dossier:<id>/result`). Uses that read nothing back write no row.
 */
export const DOSSIER_USES = {
  /** The dossier as its viewer sees it: form, components and their files, history, fee. */
  view: { fields: ["dossierForm", "dossierComponents", "dossierHistory", "payment"] },
  /** An action on it; its answer is the dossier as above. */
  act: { fields: ["dossierForm", "dossierComponents", "dossierHistory", "payment"] },
  /** "This is wrong": the prefilled value being disputed. */
  correction: { fields: ["dossierForm"] },
  /** One uploaded file (`part`: file:<sha256>). */
  file: { fields: ["dossierFile"], part: "file" },
  /** The electronic result: its number, its signed PDF. */
  result: { fields: ["result"], part: "result" },
  /** The apology slip of a late dossier (its signed PDF). */
  apologySlip: { fields: ["apologySlip"], part: "apology" },
  /** The fee: amount, payment request, state. */
  payment: { fields: ["payment"], part: "payment" },
  /** The SMS and e-mail sent about it, with their text, masked address and delivery status. */
  notifications: { fields: ["notifications"], part: "notifications" },
  /** The feedback and complaints on it, with the officers' answers (src/modules/dossiers/complaints.ts). */
  complaints: { fields: ["dossierHistory"], part: "complaints" },
  /** The receipt of a paid fee (PDF). */
  receipt: { fields: ["receipt"], part: "receipt" },
  /** A row of an officer's queue: who applied, for what, where it stands. */
  queue: { fields: ["personalNumber", "fullName", "dossierStatus"] },
  /** A change that reads nothing back (an upload, a rating). */
  write: { fields: [] },
  /**
   * The eligibility findings of a dossier opened on screen: the page's own view already logged the
   * dossier; the registry facts the rules look at are logged by the check ("eligibility-check").
   * One open of a form is one row per distinct set of facts, not the dossier's view twice.
   */
  eligibility: { fields: [] },
  /** An agent's steps before the citizen confirmed (one-time code): the phone read is logged by `readContactForOtp`. */
  filing: { fields: [] },
} as const satisfies Record<string, { fields: readonly AccessField[]; part?: string }>;
export type DossierUse = keyof typeof DOSSIER_USES;

/** The queue's resource in the log: one line per officer, however often the queue is opened. */
const QUEUE_RESOURCE = "dossiers:queue";

/**
 * Records that this principal read these dossiers for this use, none for the applicant's own reads
 * or for uses that read nothing. A queue page is one row per applicant shown (one citizen listed
 * twice is one read of them) under one resource; any other use is one row per dossier under
 * `dossier:<id>[/<part>[:<detail>]]` (`detail`: the file's sha256). Purpose: "dossier-filing" for a
 * postal/community agent (filing on the citizen's behalf, Decree 42/2022 art. 11),
 * "dossier-processing" for officers and machine clients (one-stop processing, Decrees 61/2018 and
 * 107/2021).
 */
export async function logDossierReads(
  q: Queryable,
  principal: Principal,
  use: DossierUse,
  dossiers: ReadonlyArray<Pick<DossierSubject, "id" | "applicantNumber" | "provinceCode">>,
  detail?: string,
): Promise<void> {
  const spec: { fields: readonly AccessField[]; part?: string } = DOSSIER_USES[use];
  const p = principal;
  const read =
    p.kind === "citizen" ? dossiers.filter((d) => d.applicantNumber !== p.personalNumber) : dossiers;
  if (spec.fields.length === 0 || read.length === 0) return;
  const ctx = {
    principal: p,
    purpose: (p.kind === "officer" && ON_BEHALF_FILERS.has(p.role)
      ? "dossier-filing"
      : "dossier-processing") as Purpose,
  };
  const entry = (d: (typeof read)[number]) => ({
    subject: d.applicantNumber,
    provinceCode: d.provinceCode,
    fields: spec.fields,
  });
  if (use === "queue") {
    const once = new Map(read.map((d) => [d.applicantNumber, d]));
    await logAccess(q, ctx, [...once.values()].map(entry), QUEUE_RESOURCE);
    return;
  }
  const part = spec.part ? `/${spec.part}${detail ? `:${detail}` : ""}` : "";
  for (const d of read) await logAccess(q, ctx, [entry(d)], `dossier:${d.id}${part}`);
}

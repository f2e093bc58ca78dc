import { mayActOnDossier, type OfficerAgencyId } from "./agencies.js";
import { type ActorRole, type Channel, FILING_CHANNEL } from "./lifecycle.js";
/** Who is acting: a citizen (by personal number), an officer (role + jurisdiction), or nobody. */
export const OFFICER_ROLES = [
  "receiver",
  "specialist",
  "approver",
  "agency_officer",
  "agent",
  "province_leader",
  "national_viewer",
  "admin",
] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** Roles that see the leader's view: workload, overdue dossiers and who holds them, on-time share. */
export const LEADER_ROLES: ReadonlySet<OfficerRole> = new Set([
  "approver",
  "province_leader",
  "national_viewer",
  "admin",
]);

/**
 * Roles that see aggregates only (the national KPI viewer, the administrator): never a citizen's
 * personal data, so every dossier, file, result, payment, queue and registry read answers them 403.
 * Law 91/2025/QH15 on personal data protection: processing limited to what the purpose needs.
 */
export const AGGREGATE_ONLY_ROLES: ReadonlySet<OfficerRole> = new Set(["national_viewer", "admin"]);

/**
 * Whether a list of dossiers (a leader's drill-down, overdue list, forecast) links an officer to the
 * full dossier of `agencyCode`: never for the roles that see aggregates only, and for an officer
 * of an agency only that agency's (`mayActOnDossier`): what the dossier's read right lets them open.
 */
export const opensDossier = (p: OfficerPrincipal, agencyCode: string): boolean =>
  !AGGREGATE_ONLY_ROLES.has(p.role) && mayActOnDossier(p.agency, agencyCode);

/**
 * Whether the role lists the dossiers behind a KPI (the drill-down, issue 13 point 3): every leader,
 * the national viewer included (a list without personal data); the administrator is no leader of
 * figures.
 */
export const drillsKpis = (role: OfficerRole): boolean =>
  LEADER_ROLES.has(role) && !ADMINISTRATORS.includes(role);

/**
 * The platform's administrators: they publish procedures, manage officer accounts, read the audit
 * trail and (DEMO on) the whole demo SMS outbox, masked; like the national viewer they see no
 * citizen's personal data (`AGGREGATE_ONLY_ROLES`).
 */
export const ADMINISTRATORS: readonly OfficerRole[] = ["admin"];

/**
 * The refund queue (bank transfers owed back to payers, with their names): listed by the officers
 * who handle fees at the one-stop desk and by leaders, never by the roles that see aggregates only;
 * a refund made is recorded by the first two.
 */
export const REFUND_VIEWERS: readonly OfficerRole[] = [
  "receiver",
  "agency_officer",
  "approver",
  "province_leader",
];
export const REFUNDERS: readonly OfficerRole[] = ["receiver", "agency_officer"];
/**
 * Who may correct a flagged allowance transfer's account and send it again: the paying agency's
 * officers (the agency rule, `mayActOnDossier`, is checked with the dossier).
 */
export const DISBURSEMENT_FIXERS: readonly OfficerRole[] = ["agency_officer", "specialist"];

/** The roles whose new dossiers come in by this channel (`FILING_CHANNEL`). */
function filingBy(channel: Channel): ReadonlySet<string> {
  return new Set(Object.entries(FILING_CHANNEL).flatMap(([role, c]) => (c === channel ? [role] : [])));
}

/**
 * Files online on a citizen's behalf (postal and community agents): the citizen confirms, the
 * agent sees only the dossiers it filed and the citizen's data the filing needs, never processes one.
 */
export const ON_BEHALF_FILERS = filingBy("online_on_behalf");

/** Works at the counter (one-stop receivers): takes a paper dossier in its commune and adds its files. */
export const COUNTER_FILERS = filingBy("counter");

/** Officer roles that file a dossier for a citizen: on the citizen's behalf or at the counter. */
export const FILES_FOR_CITIZENS: ReadonlySet<string> = new Set([...ON_BEHALF_FILERS, ...COUNTER_FILERS]);

/**
 * The officer roles' names, Vietnamese and English: the one source of the words, read by the web
 * app's dictionaries (`role.*`, web/src/i18n), the session (`roleName`) and the demo sign-in list.
 */
export const ROLE_NAMES: Record<OfficerRole, { vi: string; en: string }> = {
  receiver: { vi: "Cán bộ một cửa", en: "One-stop officer" },
  specialist: { vi: "Cán bộ chuyên môn", en: "Specialist officer" },
  approver: { vi: "Lãnh đạo phê duyệt", en: "Approving leader" },
  agency_officer: { vi: "Cán bộ cơ quan", en: "Agency officer" },
  agent: { vi: "Người nộp thay (bưu điện, tổ công nghệ số)", en: "Filing agent (post office, digital team)" },
  province_leader: { vi: "Lãnh đạo tỉnh", en: "Provincial leader" },
  national_viewer: { vi: "Cán bộ theo dõi toàn quốc", en: "National viewer" },
  admin: { vi: "Quản trị hệ thống", en: "System administrator" },
};

/** The officer roles' names in one language, keyed by role (a dictionary's `role` section). */
export function roleNames(lang: "vi" | "en"): Record<OfficerRole, string> {
  return Object.fromEntries(OFFICER_ROLES.map((r) => [r, ROLE_NAMES[r][lang]])) as Record<
    OfficerRole,
    string
  >;
}

export type Jurisdiction =
  | { level: "commune"; code: string; provinceCode: string }
  | { level: "province"; code: string; provinceCode: string }
  | { level: "country" };

export type CitizenPrincipal = { kind: "citizen"; id: string; personalNumber: string; name: string };
export type OfficerPrincipal = {
  kind: "officer";
  id: string;
  username: string;
  name: string;
  role: OfficerRole;
  jurisdiction: Jurisdiction;
  /**
   * The agency the account belongs to (src/domain/agencies.ts `actsForAgency`): its queue and its
   * actions are that agency's dossiers only. Absent: the one-stop desk and leaders, not limited.
   */
  agency?: OfficerAgencyId | undefined;
  /** Set when a machine client acts through this officer identity. */
  clientId?: string;
};
export type Principal = CitizenPrincipal | OfficerPrincipal;

/** A place a record belongs to: its commune (when known) and province. */
export type Place = { communeCode?: string | null | undefined; provinceCode: string };

/** Pure rule: does this jurisdiction cover this place? */
export function jurisdictionCovers(j: Jurisdiction, place: Place): boolean {
  switch (j.level) {
    case "country":
      return true;
    case "province":
      return place.provinceCode === j.code;
    case "commune":
      return place.communeCode === j.code;
  }
}

/** Does an officer's jurisdiction cover any of these places (e.g. permanent or temporary residence)? */
export function coversAny(j: Jurisdiction, places: Place[]): boolean {
  return places.some((p) => jurisdictionCovers(j, p));
}

/**
 * How far a one-stop counter reaches: "province" takes in a dossier from any citizen who lives
 * (permanently or temporarily) in the counter's province, "country" from anyone. Receiving regardless
 * of administrative boundaries ("phi địa giới hành chính") within the province follows Decree
 * 118/2025/NĐ-CP (one-stop mechanism) as we read it; the reach is *unconfirmed*, so it is data here.
 */
export const COUNTER_REACH: "province" | "country" = "province";

/**
 * Pure rule: may a one-stop receiver of this jurisdiction take in, at the counter, a dossier of a
 * citizen living at these places (permanent, temporary)? The dossier is then the counter's commune's.
 */
export function counterAccepts(j: Jurisdiction, places: Place[], reach = COUNTER_REACH): boolean {
  if (reach === "country" || j.level === "country") return true;
  return places.some((p) => p.provinceCode === j.provinceCode);
}

export function actorOf(p: Principal): { kind: string; id: string; role: string | null; name: string } {
  return p.kind === "citizen"
    ? { kind: "citizen", id: p.personalNumber, role: null, name: p.name }
    : { kind: p.clientId ? "machine" : "officer", id: p.clientId ?? p.username, role: p.role, name: p.name };
}

/** Like lifecycleRole, but null for roles that only look (leaders, viewers, admins). */
export function lifecycleRoleOrNull(p: Principal): ActorRole | null {
  if (p.kind === "citizen") return "citizen";
  return ["agent", "receiver", "specialist", "approver", "agency_officer"].includes(p.role)
    ? (p.role as ActorRole)
    : null;
}

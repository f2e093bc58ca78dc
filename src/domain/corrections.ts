import { AGENCIES, type AgencyId, REGISTRY_IDS, REGISTRY_OWNERS, type RegistryId } from "./agencies.js";
import type { OfficerPrincipal } from "./principal.js";

/**
 * Corrections of the base registries ("this is wrong", issue 11 point 3): a citizen disputes a
 * prefilled value; the request goes, as a signed message, to the registry's owning agency
 * (src/domain/agencies.ts `REGISTRY_OWNERS`), at the office that answers for the person: the
 * commune of their permanent residence for a commune-level agency (police, People's Committee,
 * social-affairs office), that commune's province for social security. Its officers accept (the
 * registry value changes, with a history row) or reject with a reason the citizen reads.
 * Legal source: Law 91/2025/QH15 on personal data protection (the data subject's right to have
 * data corrected); Law on Identification 2023, Art. 10 (the police update the population data);
 * Decree 47/2020/NĐ-CP (sharing between agencies). Pure: shared by the server and the browser.
 */

/** Statuses of a correction: open until the owner decides. */
export const CORRECTION_STATUSES = ["open", "accepted", "rejected"] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

/** The longest rejection reason (characters) an officer writes; at least 5 (a word, not a dot). */
export const CORRECTION_REASON = { min: 5, max: 1000 } as const;

/**
 * The attributes a correction can change (the prefill path, src/domain/prefill-paths.ts), named in
 * plain words: in the population registry, in the residence registry (temporary address,
 * relationship to the head) and in the insurance registry (the card number), each by its owner. The permanent address is not here: moving
 * is a residence registration (Law on Residence 2020, Art. 20–22), not a correction.
 */
export const CORRECTABLE: Readonly<Record<string, { vi: string; en: string }>> = {
  fullName: { vi: "họ, chữ đệm và tên", en: "full name" },
  birthDate: { vi: "ngày, tháng, năm sinh", en: "date of birth" },
  sex: { vi: "giới tính", en: "sex" },
  ethnicity: { vi: "dân tộc", en: "ethnicity" },
  temporaryAddress: { vi: "địa chỉ tạm trú", en: "temporary address" },
  phone: { vi: "số điện thoại", en: "phone number" },
  email: { vi: "địa chỉ thư điện tử", en: "e-mail address" },
  relationshipToHead: { vi: "quan hệ với chủ hộ", en: "relationship to the head of household" },
  healthInsuranceNumber: { vi: "số thẻ bảo hiểm y tế", en: "health-insurance card number" },
};

/** Attributes named for people though no correction changes them here (the label of a request). */
const OTHER_LABELS: Readonly<Record<string, { vi: string; en: string }>> = {
  personalNumber: { vi: "số định danh cá nhân", en: "personal identification number" },
  birthYear: { vi: "năm sinh", en: "year of birth" },
  nationality: { vi: "quốc tịch", en: "nationality" },
  permanentAddress: { vi: "địa chỉ thường trú", en: "permanent address" },
  permanentCommuneCode: { vi: "xã, phường thường trú", en: "commune of permanent residence" },
};

/** The attribute in plain words ("dân tộc" / "ethnicity"); the attribute itself when unknown. */
export function attributeLabel(attribute: string): { vi: string; en: string } {
  return CORRECTABLE[attribute] ?? OTHER_LABELS[attribute] ?? { vi: attribute, en: attribute };
}

/**
 * The person attribute a prefilled form field shows, from its binding: `motherEthnicity` of a
 * birth notice is the mother's `ethnicity`, `fatherName` the father's `fullName`; a person's
 * path is itself.
 */
export function correctionAttribute(binding: { subject: string; path: string }): string {
  const parent = /^(mother|father|deceased)([A-Z]\w*)$/.exec(binding.path);
  if (!parent) return binding.path;
  const attr = parent[2] ?? "";
  if (attr === "Name") return "fullName";
  if (attr === "Number") return "personalNumber";
  if (attr === "Residence") return "permanentAddress";
  return attr.charAt(0).toLowerCase() + attr.slice(1);
}

export function isRegistryId(v: string): v is RegistryId {
  return (REGISTRY_IDS as readonly string[]).includes(v);
}

/** Where a correction goes: the owning agency and its office (5-digit commune or 2-digit province). */
export type CorrectionOwner = { agency: AgencyId; unit: string; provinceCode: string };

/**
 * The owner of a registry's correction for a person living in `place` (their permanent commune
 * and its province). Undefined for a source no base registry owns (a health facility's notice).
 */
export function correctionOwner(
  registry: string,
  place: { communeCode: string; provinceCode: string },
): CorrectionOwner | undefined {
  if (!isRegistryId(registry)) return undefined;
  const agency = REGISTRY_OWNERS[registry];
  const unit = AGENCIES[agency].level === "commune" ? place.communeCode : place.provinceCode;
  return { agency, unit, provinceCode: place.provinceCode };
}

/** The roles that decide a correction for their agency (those that decide dossiers). */
const CORRECTION_DECIDERS: ReadonlySet<string> = new Set(["specialist", "approver", "agency_officer"]);

/**
 * Pure rule: may this officer see and decide corrections addressed to `owner`? The owning
 * agency's officers (the account's agency, src/domain/agencies.ts) at that office: a commune-level
 * agency's officers of that commune, social security's of that province; in a deciding role.
 * Nobody else: the one-stop desk, leaders not attached to the agency, other agencies.
 */
export function mayHandleCorrection(p: OfficerPrincipal, owner: { agency: AgencyId; unit: string }): boolean {
  const j = p.jurisdiction;
  return (
    p.agency === owner.agency &&
    CORRECTION_DECIDERS.has(p.role) &&
    j.level === AGENCIES[owner.agency].level &&
    j.code === owner.unit
  );
}

/** The office an officer handles corrections for, as the queue's filter; empty: none. */
export function correctionOfficesOf(p: OfficerPrincipal): Array<{ agency: AgencyId; unit: string }> {
  const j = p.jurisdiction;
  if (!p.agency || j.level === "country") return [];
  const office = { agency: p.agency, unit: j.code };
  return mayHandleCorrection(p, office) ? [office] : [];
}

/**
 * What the citizen is told of the decision (SMS and e-mail, Vietnamese and English), naming the
 * field in plain words: accepted with old → new, or rejected with the officer's reason.
 */
export function correctionNotice(d: {
  outcome: "accepted" | "rejected";
  attribute: string;
  previousValue: string | null;
  newValue: string | null;
  reason: string | null;
  officeVi: string;
}): { textVi: string; textEn: string } {
  const label = attributeLabel(d.attribute);
  if (d.outcome === "accepted")
    return {
      textVi: `${d.officeVi} đã chấp nhận đề nghị chỉnh sửa ${label.vi} của bạn: “${d.previousValue ?? ""}” → “${d.newValue ?? ""}”. Cơ sở dữ liệu đã được cập nhật.`,
      textEn: `${d.officeVi} accepted your request to correct your ${label.en}: “${d.previousValue ?? ""}” → “${d.newValue ?? ""}”. The registry is updated.`,
    };
  return {
    textVi: `${d.officeVi} không chấp nhận đề nghị chỉnh sửa ${label.vi} của bạn. Lý do: ${d.reason ?? ""}`,
    textEn: `${d.officeVi} did not accept your request to correct your ${label.en}. Reason: ${d.reason ?? ""}`,
  };
}

/**
 * The in-app notification of a decision (`/api/me/notifications`): the field in plain words, the
 * procedure and code of the dossier it was filed from, and the decision (old → new, or the reason).
 */
export function correctionDecisionText(d: {
  outcome: string;
  attribute: string;
  previousValue: string | null;
  newValue: string | null;
  reason: string | null;
  dossier: { vi: string; en: string };
}): { textVi: string; textEn: string } {
  const label = attributeLabel(d.attribute);
  if (d.outcome === "accepted")
    return {
      textVi: `Đề nghị chỉnh sửa ${label.vi} (hồ sơ ${d.dossier.vi}) đã được chấp nhận: “${d.previousValue ?? ""}” → “${d.newValue ?? ""}”. Cơ sở dữ liệu đã được cập nhật.`,
      textEn: `Your request to correct your ${label.en} (dossier ${d.dossier.en}) was accepted: “${d.previousValue ?? ""}” → “${d.newValue ?? ""}”. The registry is updated.`,
    };
  return {
    textVi: `Đề nghị chỉnh sửa ${label.vi} (hồ sơ ${d.dossier.vi}) không được chấp nhận. Lý do: ${d.reason ?? ""}`,
    textEn: `Your request to correct your ${label.en} (dossier ${d.dossier.en}) was not accepted. Reason: ${d.reason ?? ""}`,
  };
}

/** The roles that may hold a correction queue (the workspace shows them its page). */
export const CORRECTION_ROLES: ReadonlySet<string> = new Set(["specialist", "approver", "agency_officer"]);

/** An officer's decision on a correction: the first accepts, the second rejects. */
export const CORRECTION_OUTCOMES = ["accepted", "rejected"] as const;
export type CorrectionOutcome = (typeof CORRECTION_OUTCOMES)[number];

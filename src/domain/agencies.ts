import { inRunningText, type Sector, type UnitName } from "./authority.js";

/**
 * The agencies that take part in exchanges (participants, as X-Road calls them), and which agency
 * owns each base registry. Data, not code paths: a reorganisation that moves a registry to another
 * agency changes a line here. Each participant signs what it sends with its own key (the key
 * file, README "Keys"); its public keys are in the `agency_keys` table.
 *
 * A participant is the national agency (or the level of government) that answers for a registry;
 * its local office (a commune's People's Committee or police, a province's social security) is
 * named by the unit a message is addressed to (`AgencyAddress.unit`), as a local office works
 * under its agency's signature system rather than holding keys of its own.
 *
 * Ownership, by law:
 * - civil status (hộ tịch): the commune People's Committee registers, the Ministry of Justice
 *   keeps the electronic register (Law on Civil Status 2014, Art. 7 and 5; Decree 87/2020/NĐ-CP);
 * - population and residence: the police (Law on Residence 2020, Art. 4 and 37; Law on
 *   Identification 2023, Art. 10; Decree 104/2022/NĐ-CP);
 * - health insurance: Vietnam Social Security (Law on Health Insurance 2008, amended 2024,
 *   Art. 8 and 17);
 * - social allowances: the commune's culture and social-affairs office of the People's Committee
 *   (Decree 20/2021/NĐ-CP, Art. 8; Decree 150/2025/NĐ-CP on the commune's offices);
 * - the platform (Một Lần) relays a citizen's requests to the owners (Decree 45/2020/NĐ-CP, Art. 4);
 * - health facilities send birth notices (giấy chứng sinh) and death notices (Law on Civil Status
 *   2014, Art. 16; Circular 17/2012/TT-BYT): one participant for the health sector's facilities.
 */
export const AGENCY_IDS = ["ubnd", "cong-an", "bhxh", "van-hoa-xa-hoi", "mot-lan", "y-te"] as const;
export type AgencyId = (typeof AGENCY_IDS)[number];

export type Agency = {
  id: AgencyId;
  /** The sector of its local offices (issuing authority's name: src/domain/authority.ts). */
  sector: Sector | null;
  /** Where its local offices sit: the commune, or the province. */
  level: "commune" | "province" | "national";
  nameVi: string;
  nameEn: string;
};

export const AGENCIES: Readonly<Record<AgencyId, Agency>> = {
  ubnd: {
    id: "ubnd",
    sector: "peoples_committee",
    level: "commune",
    nameVi: "Ủy ban nhân dân cấp xã (hộ tịch, Bộ Tư pháp)",
    nameEn: "Commune People's Committee (civil status, Ministry of Justice)",
  },
  "cong-an": {
    id: "cong-an",
    sector: "police",
    level: "commune",
    nameVi: "Công an cấp xã (dân cư, cư trú)",
    nameEn: "Commune police (population and residence)",
  },
  bhxh: {
    id: "bhxh",
    sector: "social_security",
    level: "province",
    nameVi: "Bảo hiểm xã hội Việt Nam",
    nameEn: "Vietnam Social Security",
  },
  "van-hoa-xa-hoi": {
    id: "van-hoa-xa-hoi",
    sector: "labour_social",
    level: "commune",
    nameVi: "Phòng Văn hóa - Xã hội cấp xã (trợ cấp xã hội)",
    nameEn: "Commune culture and social-affairs office (social allowances)",
  },
  "y-te": {
    id: "y-te",
    sector: null,
    level: "national",
    nameVi: "Cơ sở y tế (giấy chứng sinh, báo tử)",
    nameEn: "Health facilities (birth and death notices)",
  },
  "mot-lan": {
    id: "mot-lan",
    sector: null,
    level: "national",
    nameVi: "Nền tảng Một Lần",
    nameEn: "Một Lần platform",
  },
};

export const REGISTRY_IDS = [
  "population",
  "residence",
  "civil_status",
  "health_insurance",
  "allowances",
] as const;
export type RegistryId = (typeof REGISTRY_IDS)[number];

/** Each base registry's owning agency: the one whose officers answer for its data and corrections. */
export const REGISTRY_OWNERS: Readonly<Record<RegistryId, AgencyId>> = {
  population: "cong-an",
  residence: "cong-an",
  civil_status: "ubnd",
  health_insurance: "bhxh",
  allowances: "van-hoa-xa-hoi",
};

/** The agency whose local offices act for a procedure's sector (the sender of what it decides). */
export const SECTOR_AGENCY: Readonly<Record<Sector, AgencyId>> = {
  peoples_committee: "ubnd",
  police: "cong-an",
  social_security: "bhxh",
  labour_social: "van-hoa-xa-hoi",
};

export function isAgencyId(v: string): v is AgencyId {
  return (AGENCY_IDS as readonly string[]).includes(v);
}

/** The agencies an officer account may belong to (the platform itself has no officers). */
export const OFFICER_AGENCY_IDS = ["ubnd", "cong-an", "bhxh", "van-hoa-xa-hoi"] as const;
export type OfficerAgencyId = (typeof OFFICER_AGENCY_IDS)[number];

/**
 * The first part of a dossier's agency code (`CA.20194.H48`), per sector: composed locally in the
 * shape of the state agency code list (Circular 10/2016/TT-BTTTT), src/modules/dossiers/codes.ts.
 */
export const SECTOR_CODES: Readonly<Record<Sector, string>> = {
  peoples_committee: "UB",
  police: "CA",
  social_security: "BH",
  labour_social: "LD",
};

/**
 * The agency that owns a dossier, read from its agency code (`CA.20194.H48` → "cong-an"), which
 * the dossier took from its procedure's catalogue data (`agency.sector`) when it was created.
 * Undefined for a code of no known sector.
 */
export function dossierAgency(agencyCode: string): AgencyId | undefined {
  const prefix = agencyCode.split(".")[0];
  const sector = (Object.keys(SECTOR_CODES) as Sector[]).find((s) => SECTOR_CODES[s] === prefix);
  return sector ? SECTOR_AGENCY[sector] : undefined;
}

/** The first parts of the agency codes of an agency's dossiers (`cong-an` → ["CA"]). */
export function agencyCodePrefixes(agency: AgencyId): string[] {
  return (Object.keys(SECTOR_CODES) as Sector[])
    .filter((s) => SECTOR_AGENCY[s] === agency)
    .map((s) => SECTOR_CODES[s]);
}

/**
 * Pure rule: may an officer of `officerAgency` see in their queue, and act on, what `agency` owns?
 * An account of an agency: only its own agency's dossiers and steps. An account attached to no
 * agency (the one-stop desk, which receives for every agency of its commune, and leaders, who
 * answer for their whole jurisdiction: Decree 61/2018/NĐ-CP, Art. 8 and 14, amended by Decree
 * 107/2021/NĐ-CP) is not limited by agency. The jurisdiction is checked separately.
 */
export function actsForAgency(
  officerAgency: AgencyId | null | undefined,
  agency: AgencyId | undefined,
): boolean {
  return !officerAgency || officerAgency === agency;
}

/**
 * Whether an officer's agency handles a procedure of `sector` (its queue's procedure filter lists
 * only those): any, for an account not limited by agency (the one-stop desk, leaders).
 */
export const handlesSector = (officerAgency: AgencyId | null | undefined, sector: Sector): boolean =>
  actsForAgency(officerAgency, SECTOR_AGENCY[sector]);

/**
 * Pure rule, the one the server enforces and the workspace shows: may an officer of
 * `officerAgency` act on the dossier whose agency code is `agencyCode` (its owning agency read
 * from the code, `dossierAgency`)? The same rule decides what they may open
 * (`dossierReadRight`): of another agency's dossier (a linked group's sibling step) they see only
 * what the group's context tells (agency, procedure, status, clock, result number).
 */
export function mayActOnDossier(officerAgency: AgencyId | null | undefined, agencyCode: string): boolean {
  return actsForAgency(officerAgency, dossierAgency(agencyCode));
}

/**
 * The proper name of an agency's office at a place, as running text writes it: "Công an phường
 * Hải Vân", "Bảo hiểm xã hội thành phố Đà Nẵng", "Phòng Văn hóa - Xã hội phường Hải Vân". Without
 * a place (or for the platform) the agency's own name.
 */
export function officeName(agency: AgencyId, place: { commune?: UnitName; province?: UnitName }): string {
  const a = AGENCIES[agency];
  const local = a.level === "commune" ? (place.commune ?? place.province) : place.province;
  if (!local) return a.nameVi;
  const at = inRunningText(local);
  switch (agency) {
    case "ubnd":
      return `Ủy ban nhân dân ${at}`;
    case "cong-an":
      return `Công an ${at}`;
    case "bhxh":
      return `Bảo hiểm xã hội ${at}`;
    case "van-hoa-xa-hoi":
      return `Phòng Văn hóa - Xã hội ${at}`;
    default:
      return a.nameVi;
  }
}

import type { LinkedGroupDefinitionInput } from "../../../domain/linked-group.js";
import { DEATH_REGISTRATION_CODE } from "./death-registration.js";
import { SURVIVOR_BENEFIT_CODE } from "./survivor-benefit.js";

const DECREE = "Nghị định 63/2024/NĐ-CP (liên thông thủ tục hành chính)";
const FEE = {
  linkedFilingFree: true,
  noteVi: "Làm liên thông không phát sinh chi phí: không thu phí, lệ phí của từng thủ tục trong nhóm.",
  noteEn: "Linked filing costs nothing extra: no fee of any procedure in the group is charged.",
};

/**
 * The birth group (Decree 63/2024): birth registration → permanent residence registration →
 * health-insurance card for a child under 6. Limits as the decree gives them (DOMAIN.md): the group
 * 3 working days (5 with verification); birth registration the same working day; residence and
 * the card up to 2 working days each, counted from the birth registration's result (the child's
 * personal number); supplements within 7 working days or the file is refused.
 */
export const birthGroup: LinkedGroupDefinitionInput = {
  code: "birth",
  nameVi: "Nhóm thủ tục liên thông khai sinh",
  nameEn: "Birth group of linked procedures",
  summaryVi:
    "Khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế cho con dưới 6 tuổi bằng một lần nộp hồ sơ.",
  summaryEn:
    "Birth registration, permanent residence registration and a health-insurance card for a child under 6 in one application.",
  legalBasis: DECREE,
  members: [
    {
      key: "birth",
      procedureCode: "1.001193",
      optional: false,
      provides: ["childPersonalNumber"],
      limit: { workingDays: 0, confirmed: true, source: DECREE },
      agencyVi: "UBND xã, phường (hộ tịch)",
      agencyEn: "Commune People's Committee (civil status)",
    },
    {
      key: "residence",
      procedureCode: "1.004222",
      optional: true,
      dependsOn: ["birth"],
      needs: ["childPersonalNumber"],
      prefill: [
        { to: "member.fullName", fromMember: "birth", field: "child.fullName" },
        { to: "member.birthDate", fromMember: "birth", field: "child.birthDate" },
        { to: "member.sex", fromMember: "birth", field: "child.sex" },
        { to: "member.personalNumber", fact: "childPersonalNumber" },
      ],
      limit: { workingDays: 2, confirmed: true, source: DECREE },
      agencyVi: "Công an xã, phường",
      agencyEn: "Commune police",
    },
    {
      key: "insurance",
      procedureCode: "LOCAL.BHYT-TE",
      optional: true,
      dependsOn: ["birth"],
      needs: ["childPersonalNumber"],
      prefill: [
        { to: "child.fullName", fromMember: "birth", field: "child.fullName" },
        { to: "child.birthDate", fromMember: "birth", field: "child.birthDate" },
        { to: "child.sex", fromMember: "birth", field: "child.sex" },
        { to: "child.ethnicity", fromMember: "birth", field: "child.ethnicity" },
        { to: "child.nationality", fromMember: "birth", field: "child.nationality" },
        { to: "child.birthRegistrationCommune", fromMember: "birth", field: "authority.commune" },
        // The first place of care: where the child was born (the applicant may change it later),
        // told as such on the combined form and on the step's dossier.
        {
          to: "healthcare.facility",
          fromMember: "birth",
          field: "child.placeOfBirth",
          sourceVi: "nơi sinh của trẻ, theo giấy chứng sinh",
          sourceEn: "the child's place of birth, as on the birth certificate",
          noteVi: "có thể đổi sau tại cơ quan BHXH",
          noteEn: "can be changed later at the social security office",
        },
        { to: "child.personalNumber", fact: "childPersonalNumber" },
      ],
      limit: { workingDays: 2, confirmed: true, source: DECREE },
      agencyVi: "Bảo hiểm xã hội",
      agencyEn: "Social security",
    },
  ],
  choose: { min: 1, max: 3 },
  limit: { workingDays: 3, confirmed: true, source: DECREE },
  limitWithVerification: { workingDays: 5, confirmed: true, source: DECREE },
  supplementWithin: { workingDays: 7, confirmed: true, source: DECREE },
  fee: FEE,
};

/**
 * The birth group, version 2: the health-insurance card of a child under 6 is decided by the
 * platform (issue 12 point 2). The state budget pays the child's contribution (Law on Health
 * Insurance 2008 as amended, Art. 12) and the card follows from the birth registration's data
 * (Decree 63/2024's linked procedure): once the step is received from the birth registration's
 * result, its card is issued and signed without an officer's decision. Groups filed under
 * version 1 keep their officer's decision.
 */
export const birthGroupV2: LinkedGroupDefinitionInput = {
  ...birthGroup,
  members: birthGroup.members.map((m) =>
    m.key === "insurance"
      ? {
          ...m,
          decision: "automatic" as const,
          decisionBasis: {
            vi: "Luật Bảo hiểm y tế 2008 (sửa đổi), Điều 12: trẻ em dưới 6 tuổi do ngân sách nhà nước đóng; thẻ cấp theo dữ liệu đăng ký khai sinh (Nghị định 63/2024/NĐ-CP, liên thông)",
            en: "Law on Health Insurance 2008 (as amended), Art. 12: the state budget pays for children under 6; the card follows from the birth registration's data (Decree 63/2024/ND-CP, linked procedure)",
          },
        }
      : m,
  ),
};

/**
 * The death group (Decree 63/2024): death registration → permanent residence deregistration →
 * funeral allowance. The applicant links 2 or more. Its time limits are NOT confirmed (DOMAIN.md):
 * they are data marked `confirmed: false` and never shown to citizens as legal limits. The
 * survivor benefit (trợ cấp tuất) joins in version 2 (`deathGroupV2`).
 */
/** The deceased as the death registration's form gives them, to each step that follows it. */
const DECEASED_FROM_DEATH = ["fullName", "birthDate", "sex", "personalNumber"].map((k) => ({
  to: `deceased.${k}`,
  fromMember: "death",
  field: `deceased.${k}`,
}));

export const deathGroup: LinkedGroupDefinitionInput = {
  code: "death",
  nameVi: "Nhóm thủ tục liên thông khai tử",
  nameEn: "Death group of linked procedures",
  summaryVi: "Khai tử, xóa đăng ký thường trú và hỗ trợ mai táng phí bằng một lần nộp hồ sơ.",
  summaryEn: "Death registration, residence deregistration and the funeral allowance in one application.",
  legalBasis: DECREE,
  members: [
    {
      key: "death",
      procedureCode: DEATH_REGISTRATION_CODE,
      optional: false,
      provides: ["deathRegistered"],
      limit: { workingDays: 0, confirmed: false },
      agencyVi: "UBND xã, phường (hộ tịch)",
      agencyEn: "Commune People's Committee (civil status)",
    },
    {
      key: "deregistration",
      procedureCode: "LOCAL.XOA-DKTT",
      optional: true,
      dependsOn: ["death"],
      prefill: DECEASED_FROM_DEATH,
      limit: { workingDays: 1, confirmed: false },
      agencyVi: "Công an xã, phường",
      agencyEn: "Commune police",
    },
    {
      key: "funeral",
      procedureCode: "LOCAL.MAI-TANG-PHI",
      optional: true,
      dependsOn: ["death"],
      needs: ["deathRegistered"],
      // The applicant's relationship to the deceased, given once (the death notice's, or typed).
      prefill: [
        ...DECEASED_FROM_DEATH,
        { to: "deceased.residence", fromMember: "death", field: "deceased.residence" },
        { to: "organiser.relationship", fromMember: "death", field: "requester.relationship" },
      ],
      limit: { workingDays: 3, confirmed: false },
      agencyVi: "Phòng Văn hóa - Xã hội xã, phường",
      agencyEn: "Commune culture and social affairs office",
    },
  ],
  choose: { min: 2, max: 3 },
  limit: { workingDays: 4, confirmed: false },
  supplementWithin: { workingDays: 7, confirmed: false },
  fee: FEE,
};

/**
 * The death group, version 2: the survivor benefit (trợ cấp tuất, Law on Social Insurance 2024,
 * Art. 86–90; social security) joins as an optional member after the death registration; the
 * applicant links 2, 3 or 4 procedures. Its limit is not confirmed (data, never shown as law).
 */
export const deathGroupV2: LinkedGroupDefinitionInput = {
  ...deathGroup,
  summaryVi: "Khai tử, xóa đăng ký thường trú, hỗ trợ mai táng phí và trợ cấp tuất bằng một lần nộp hồ sơ.",
  summaryEn:
    "Death registration, residence deregistration, the funeral allowance and the survivor benefit in one application.",
  legalBasis: `${DECREE}; Luật Bảo hiểm xã hội 2024 (trợ cấp tuất)`,
  members: [
    ...deathGroup.members,
    {
      key: "survivor",
      procedureCode: SURVIVOR_BENEFIT_CODE,
      optional: true,
      dependsOn: ["death"],
      needs: ["deathRegistered"],
      prefill: [
        ...DECEASED_FROM_DEATH,
        { to: "claimant.relationship", fromMember: "death", field: "requester.relationship" },
      ],
      limit: { workingDays: 5, confirmed: false },
      agencyVi: "Bảo hiểm xã hội tỉnh, thành phố",
      agencyEn: "Province social security",
    },
  ],
  choose: { min: 2, max: 4 },
  // The survivor benefit's 5 working days after the death registration: the group's limit follows.
  limit: { workingDays: 5, confirmed: false },
};

/** The date of death the death registration's time of death gives (the day, Vietnam time). */
const DIED_DATE_FROM_DEATH = {
  to: "deceased.diedDate",
  fromMember: "death",
  field: "death.at",
  part: "date" as const,
};

/**
 * The death group, version 3: the date of death of the funeral allowance and the survivor benefit
 * is the day of the death registration's time of death (asked once, issue 12 point 2: with a paper
 * notice nothing else fills it, and a second answer could disagree with the registration).
 */
export const deathGroupV3: LinkedGroupDefinitionInput = {
  ...deathGroupV2,
  members: deathGroupV2.members.map((m) =>
    m.key === "funeral" || m.key === "survivor"
      ? { ...m, prefill: [...(m.prefill ?? []), DIED_DATE_FROM_DEATH] }
      : m,
  ),
};

/**
 * The linked group versions a fresh installation publishes, in order: each is published once
 * (the group's earlier version retired; applications keep the version they were filed under).
 * A new member is a new version here, or one an administrator publishes: never code.
 */
export const STARTER_GROUPS: Array<{ version: number; definition: LinkedGroupDefinitionInput }> = [
  { version: 1, definition: birthGroup },
  { version: 2, definition: birthGroupV2 },
  { version: 1, definition: deathGroup },
  { version: 2, definition: deathGroupV2 },
  { version: 3, definition: deathGroupV3 },
];

import type { DefinitionProblem, PrefillSubject, ProcedureDefinition } from "./procedure.js";

const PERSON_PATHS = [
  "fullName",
  "personalNumber",
  "birthDate",
  "birthYear",
  "sex",
  "ethnicity",
  "nationality",
  "nationalityCode",
  "birthRegistrationCommune",
  "permanentAddress",
  "permanentCommuneCode",
  "temporaryAddress",
  "phone",
  "email",
  "relationshipToHead",
  "healthInsuranceNumber",
] as const;

/**
 * The attributes a person's record holds for the residence registry (Luật Cư trú 2020 Điều 37: the
 * residence database keeps residence and household data), not the population registry's own.
 * A correction of one goes to the residence registry's owner and is applied there.
 */
const RESIDENCE_PATHS: ReadonlySet<string> = new Set([
  "permanentAddress",
  "permanentCommuneCode",
  "temporaryAddress",
  "relationshipToHead",
]);

/** The registry a person attribute (prefill path) is read from: "residence" or "population". */
export function registryOfPersonPath(path: string): "residence" | "population" {
  return RESIDENCE_PATHS.has(path) ? "residence" : "population";
}

/**
 * The attribute paths the prefill resolver implements, per subject. A binding to any other path
 * could never be filled, so definitions naming one are refused.
 */
export const PREFILL_PATHS: Readonly<Record<PrefillSubject, readonly string[]>> = {
  // maritalStatus: "married" or "widowed" as the civil-status registry holds it (the applicant only).
  applicant: [...PERSON_PATHS, "maritalStatus"],
  spouse: PERSON_PATHS,
  householdHead: PERSON_PATHS,
  child: PERSON_PATHS,
  birthNotice: [
    "birthDate",
    "sex",
    "facility",
    "weightGrams",
    "motherName",
    "motherNumber",
    "motherBirthYear",
    "motherEthnicity",
    "motherNationality",
    "motherResidence",
    "fatherName",
    "fatherNumber",
    "fatherBirthYear",
    "fatherEthnicity",
    "fatherNationality",
    "fatherResidence",
    "childEthnicity",
    "childNationality",
    "applicantRelationship",
    "parentsMarried",
  ],
  deathNotice: [
    "deceasedName",
    "deceasedNumber",
    "deceasedBirthDate",
    "deceasedSex",
    "deceasedResidence",
    "deceasedRelationshipToHead",
    "diedAt",
    "diedDate",
    "place",
    "cause",
    "applicantRelationship",
    // "social_assistance" when the allowances registry records the deceased drawing a monthly social
    // allowance on the day they died (Decree 20/2021/NĐ-CP, Art. 11), else nothing.
    "monthlyBeneficiary",
  ],
};

/** Pure: every prefill binding names a path the resolver knows. */
export function checkPrefillPaths(def: Pick<ProcedureDefinition, "form">): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  def.form.forEach((f, i) => {
    if (f.prefill && !PREFILL_PATHS[f.prefill.subject].includes(f.prefill.path)) {
      problems.push({
        path: `form.${i}.prefill.path`,
        messageVi: `Không có dữ liệu "${f.prefill.path}" cho nguồn ${f.prefill.subject}.`,
        messageEn: `No attribute "${f.prefill.path}" can be prefilled from ${f.prefill.subject}.`,
      });
    }
  });
  return problems;
}

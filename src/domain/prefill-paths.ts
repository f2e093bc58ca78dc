import type { DefinitionProblem, PrefillSubject, ProcedureDefinition } from "./procedure.js";

const PERSON_PATHS = [
  "fullName",
  "personalNumber",
  "birthDate",
  "birthYear",
  "sex",
  "ethnicity",
  "nationality",
  "permanentAddress",
  "permanentCommuneCode",
  "temporaryAddress",
  "phone",
  "email",
  "relationshipToHead",
  "healthInsuranceNumber",
] as const;

/**
 * The attribute paths the prefill resolver implements, per subject. A binding to any other path
 * could never be filled, so definitions naming one are refused.
 */
export const PREFILL_PATHS: Readonly<Record<PrefillSubject, readonly string[]>> = {
  applicant: PERSON_PATHS,
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
    "diedAt",
    "diedDate",
    "place",
    "cause",
    "applicantRelationship",
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

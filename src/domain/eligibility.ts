/**
 * Eligibility from the registries (issue 14 point 3): rules declared in a procedure's definition
 * (`eligibility`, src/domain/procedure.ts) over registry facts about the applicant and about the
 * people the form names by personal number, checked before submit and at submit. One pure
 * evaluator shared by the server (which reads the facts through the exchange and refuses a submit)
 * and the web app (which shows the same issues before submit and on the officer's dossier page).
 * The wording of a married party's refusal lives here too, so that the pre-submit check and the
 * submit-time claim of a marriage party (src/modules/dossiers/life-event.ts) say the same thing.
 */

import {
  INCOMPLETE_BIRTH_WORDS,
  MISMATCH_WORDS,
  maritalContradiction,
  NO_MONTHLY_ALLOWANCE,
  whoWords,
} from "./eligibility-words.js";
import { certainAge, parsePartialDate } from "./partial-date.js";
import { PERSONAL_NUMBER_PATTERN } from "./personal-number.js";
import { foldVietnamese } from "./text.js";

/** One rule: whose registry record, and what must hold for it (all checks optional). */
export type EligibilityRule = {
  /** "applicant": the dossier's applicant; else the form field holding a person's personal number. */
  person: "applicant" | { field: string };
  /** The number must be in the population registry (a field person; the applicant always is). */
  registered?: boolean | undefined;
  /** The person must be living (the population registry records no date of death). */
  living?: boolean | undefined;
  /** No marriage in the civil-status registry whose other spouse is living (Law 52/2014/QH13, Art. 5(2)(c)). */
  unmarried?: boolean | undefined;
  /** Full years reached today by the registry's date of birth, by the registry's sex. */
  minAge?: { M: number; F: number; basisVi?: string | undefined; basisEn?: string | undefined } | undefined;
  /** "refusal" blocks the submit; "warning" is shown (citizen and officer) and does not. */
  severity?: "refusal" | "warning" | undefined;
  /**
   * A field person's identity the form must give before anything about them is told: the form
   * fields of their full name and date of birth. Unless both match the population registry's
   * record of the number, the one finding is PERSON_MISMATCH, which says nothing of whether the
   * number exists or of the person's status (no oracle on a third person's civil status; Law
   * 91/2025/QH15 on personal data protection).
   */
  identity?: { fullName: string; birthDate: string } | undefined;
  /**
   * The form field where the person declares their marital status (options "single", "married",
   * "divorced", "widowed"): it must not contradict the civil-status registry (MARITAL_STATUS_CONTRADICTS).
   * A confirmation of marital status states what the register holds (Decree 123/2015/NĐ-CP, Art.
   * 21-22; Law 60/2014/QH13 on Civil Status): never "single" for a person with a registered marriage.
   */
  maritalStatus?: { field: string } | undefined;
  /**
   * The select where the form says the person drew a monthly social allowance (its option `value`):
   * the allowances registry must record one (MONTHLY_ALLOWANCE_NOT_RECORDED), on their date of death
   * for a deceased (Decree 20/2021/NĐ-CP, Art. 11: the funeral of such a beneficiary is supported).
   */
  monthlyAllowance?: { field: string; value: string } | undefined;
};

/** What the registries say about one person, as the server reads it (nothing when not found). */
export type PersonFacts = {
  /** Date of birth "YYYY-MM-DD" (or a partial "YYYY", "YYYY-MM"). */
  birthDate: string;
  /** The registry's full name (needed only by a rule with `identity`). */
  fullName?: string | undefined;
  sex: "M" | "F";
  deceased: boolean;
  /** The civil-status registry's marriage holding the person (its other spouse living), if any. */
  marriage: { registrationNumber: string } | null;
  /**
   * Their newest registered marriage when none stands (`marriage` null): ended by a divorce noted in
   * the register (`by` "divorced") or by the spouse's death ("widowed", the default). Never "single".
   */
  endedMarriage?: { registrationNumber: string; by?: "divorced" | "widowed" | undefined } | null | undefined;
  /** Whether the allowances registry records a monthly social allowance (read only for a rule asking). */
  monthlyAllowance?: boolean | undefined;
};

/** Facts per personal number; a number absent from the map is not in the population registry. */
export type EligibilityFacts = {
  applicantNumber: string;
  persons: Readonly<Record<string, PersonFacts>>;
  /** "YYYY-MM-DD", the local date in Vietnam of the injected clock. */
  today: string;
  /** Who reads the words (default "applicant"): `audienceOf` tells. */
  audience?: Audience | undefined;
  /** Told each fact the rules look at, per number (a typed name that differs: `fullName` only). */
  used?: ((number: string, fact: UsedFact) => void) | undefined;
};

/** A registry fact about a person that a rule may look at (named as in the access log). */
export type UsedFact = "vitalStatus" | "fullName" | "birthDate" | "sex" | "civilStatus" | "allowances";

/**
 * Who reads an eligibility finding: the applicant themself ("Bạn đang được ghi nhận…") or
 * someone else, an officer at the counter, an agent or a specialist ("Người yêu cầu đang được
 * ghi nhận…").
 */
export type Audience = "applicant" | "officer";

/** The audience of a principal looking at a dossier of `applicantNumber` (none known: the applicant). */
export function audienceOf(
  principal: { kind: "citizen"; personalNumber: string } | { kind: "officer" } | undefined,
  applicantNumber: string,
): Audience {
  return !principal || (principal.kind === "citizen" && principal.personalNumber === applicantNumber)
    ? "applicant"
    : "officer";
}

export const ELIGIBILITY_CODES = [
  "APPLICANT_DECEASED",
  "ALREADY_MARRIED",
  "MARRIAGE_PENDING",
  "PERSON_NOT_REGISTERED",
  "PERSON_DECEASED",
  "PERSON_UNDER_AGE",
  "PERSON_MISMATCH",
  "PERSON_BIRTH_DATE_INCOMPLETE",
  "MARITAL_STATUS_CONTRADICTS",
  "MONTHLY_ALLOWANCE_NOT_RECORDED",
  /** Not a rule of the definition: a spouse's dossier whose household head has not consented yet. */
  "HEAD_CONSENT_WAITING",
] as const;
export type EligibilityCode = (typeof ELIGIBILITY_CODES)[number];

/**
 * Findings that are something to fill on the form, not a refusal to explain: shown on their field
 * and counted with the form's missing items, never in the refusal box.
 */
export const FIELD_ELIGIBILITY_CODES: ReadonlySet<EligibilityCode> = new Set([
  "PERSON_BIRTH_DATE_INCOMPLETE",
]);

/** One finding: a stable code, the field it concerns, plain words in Vietnamese then English. */
export type EligibilityIssue = {
  code: EligibilityCode;
  severity: "refusal" | "warning";
  field: string;
  messageVi: string;
  messageEn: string;
};

const MARRIAGE_LAW = {
  vi: "Người đang có vợ, có chồng không được kết hôn với người khác (Luật Hôn nhân và gia đình số 52/2014/QH13, Điều 5 khoản 2 điểm c; Điều 8 khoản 1 điểm d)",
  en: "A married person may not marry someone else (Law 52/2014/QH13 on Marriage and Family, Art. 5(2)(c); Art. 8(1)(d))",
};

/**
 * The refusal of a party held by a marriage, one code per cause: ALREADY_MARRIED when the marriage
 * is registered (the civil-status register, or a registration issued here), MARRIAGE_PENDING when
 * another marriage registration of theirs is still being handled. The words name one party (`you`:
 * the applicant, "Bạn"/"You" to themself, "Người yêu cầu"/"The applicant" to an officer; any other:
 * "Người kia"/"The other party", to an officer "Người kết hôn cùng người yêu cầu"). `code` names the
 * holding registration (only to one of its own parties); `inRegister`: it is the civil-status
 * register's number. Without a code no sentence promises a number: it names where the fact is held.
 */
export function marriageHeld(
  you: boolean,
  held: { code?: string | undefined; registered: boolean; inRegister?: boolean | undefined },
  audience: Audience = "applicant",
): { code: "ALREADY_MARRIED" | "MARRIAGE_PENDING"; messageVi: string; messageEn: string } {
  const w = whoWords(you, audience);
  const who = { vi: w.vi, en: w.enIs };
  if (held.registered) {
    const by = !held.code
      ? { vi: "theo Sổ hộ tịch (Cơ sở dữ liệu hộ tịch điện tử)", en: "in the civil-status register" }
      : held.inRegister
        ? {
            vi: `theo hồ sơ đăng ký kết hôn số ${held.code} trong Sổ hộ tịch`,
            en: `by the marriage registration ${held.code} in the civil-status register`,
          }
        : {
            vi: `theo hồ sơ đăng ký kết hôn số ${held.code}`,
            en: `by the marriage registration ${held.code}`,
          };
    return {
      code: "ALREADY_MARRIED",
      messageVi: `${who.vi} đang được ghi nhận là đã kết hôn ${by.vi}. ${MARRIAGE_LAW.vi}; muốn đăng ký kết hôn mới, việc ly hôn hoặc việc người vợ, người chồng đã chết phải được ghi nhận trước.`,
      messageEn: `${who.en} recorded as married ${by.en}. ${MARRIAGE_LAW.en}; to register a new marriage, a divorce or the spouse's death must be recorded first.`,
    };
  }
  const by = held.code ? { vi: ` số ${held.code}`, en: ` ${held.code}` } : { vi: " khác", en: "" };
  return {
    code: "MARRIAGE_PENDING",
    messageVi: `${who.vi} đang có hồ sơ đăng ký kết hôn${by.vi} đang được giải quyết. ${MARRIAGE_LAW.vi}; muốn nộp hồ sơ này, hồ sơ kia phải được rút hoặc giải quyết xong trước.`,
    messageEn: `${who.en} in another marriage registration${by.en}, still in progress. ${MARRIAGE_LAW.en}; to file this one, that dossier must be withdrawn or decided first.`,
  };
}

export type Form = {
  form: ReadonlyArray<{
    key: string;
    prefill?: { subject: string; path: string } | undefined;
    options?: ReadonlyArray<{ value: string; labelVi: string; labelEn: string }> | undefined;
  }>;
};

/** The form field that shows the applicant's personal number (prefilled), else "applicant". */
function applicantField(def: Form): string {
  const f = def.form.find((x) => x.prefill?.subject === "applicant" && x.prefill.path === "personalNumber");
  return f ? `form.${f.key}` : "applicant";
}

/** APPLICANT_DECEASED: a deceased person cannot be an applicant (every procedure). */
export function deceasedApplicant(def: Form): EligibilityIssue {
  return {
    code: "APPLICANT_DECEASED",
    severity: "refusal",
    field: applicantField(def),
    messageVi:
      "Người nộp hồ sơ được ghi nhận là đã chết trong Cơ sở dữ liệu quốc gia về dân cư; người đã chết không thể là người yêu cầu. Người thân có thể nộp hồ sơ với tư cách người yêu cầu.",
    messageEn:
      "The applicant is recorded as deceased in the national population database; a deceased person cannot be an applicant. A relative may file as the requester.",
  };
}

/**
 * The personal numbers whose facts `checkEligibility` needs for these answers: the applicant's and
 * each rule field's well-formed answer (an empty or malformed field is the form's to refuse).
 */
export function eligibilityNumbers(
  rules: readonly EligibilityRule[],
  values: Readonly<Record<string, unknown>>,
  applicantNumber: string,
): string[] {
  const out = new Set([applicantNumber]);
  for (const r of rules) {
    if (r.person === "applicant") continue;
    const v = values[r.person.field];
    if (typeof v === "string" && PERSONAL_NUMBER_PATTERN.test(v)) out.add(v);
  }
  return [...out].sort();
}

/**
 * Pure: the refusals and warnings of the rules for these answers and registry facts, in rule order.
 * Every procedure refuses a deceased applicant (APPLICANT_DECEASED), declared or not. A rule's
 * field person is checked only when the field holds a well-formed number. The applicant's own
 * registration number is named to them; another person's never (nor their name or age), so that
 * the check cannot be used to look people up.
 */
export function checkEligibility(
  def: Form & { eligibility?: readonly EligibilityRule[] | undefined },
  values: Readonly<Record<string, unknown>>,
  facts: EligibilityFacts,
): EligibilityIssue[] {
  const issues: EligibilityIssue[] = [];
  const audience = facts.audience ?? "applicant";
  const use = (n: string, fact: UsedFact) => (facts.persons[n] ? facts.used?.(n, fact) : undefined);
  const self = facts.persons[facts.applicantNumber];
  use(facts.applicantNumber, "vitalStatus");
  if (self?.deceased) issues.push(deceasedApplicant(def));
  for (const rule of def.eligibility ?? []) {
    const severity = rule.severity ?? "refusal";
    const isApplicant = rule.person === "applicant";
    let number = facts.applicantNumber;
    let field = applicantField(def);
    if (rule.person !== "applicant") {
      const v = values[rule.person.field];
      if (typeof v !== "string" || !PERSONAL_NUMBER_PATTERN.test(v)) continue;
      number = v;
      field = `form.${rule.person.field}`;
      const same = identityMatches(rule, values, facts.persons[v], (f) => use(v, f));
      if (same === undefined) continue;
      if (same === "incomplete" && rule.identity) {
        issues.push({
          code: "PERSON_BIRTH_DATE_INCOMPLETE",
          severity,
          field: `form.${rule.identity.birthDate}`,
          ...INCOMPLETE_BIRTH_WORDS,
        });
        continue;
      }
      if (!same) {
        issues.push({ code: "PERSON_MISMATCH", severity, field, ...MISMATCH_WORDS });
        continue;
      }
    }
    const you = isApplicant || number === facts.applicantNumber;
    const push = (code: EligibilityCode, words: { messageVi: string; messageEn: string }) =>
      issues.push({ code, severity, field, ...words });
    const p = facts.persons[number];
    if (!p) {
      if (rule.registered)
        push("PERSON_NOT_REGISTERED", {
          messageVi: `Số định danh cá nhân ${number} không có trong Cơ sở dữ liệu quốc gia về dân cư. Hãy kiểm tra lại số (12 chữ số, in trên thẻ căn cước hoặc trong ứng dụng VNeID).`,
          messageEn: `The personal number ${number} is not in the national population database. Check the number (12 digits, printed on the ID card or shown in the VNeID app).`,
        });
      continue;
    }
    if (rule.living && !isApplicant) use(number, "vitalStatus");
    if (rule.unmarried || rule.maritalStatus) use(number, "civilStatus");
    if ((rule.unmarried && p.marriage) || rule.maritalStatus) use(number, "vitalStatus");
    for (const fact of rule.minAge ? (["birthDate", "sex"] as const) : []) use(number, fact);
    if (rule.living && p.deceased && !isApplicant)
      push("PERSON_DECEASED", {
        messageVi:
          "Người có số định danh này được ghi nhận là đã chết trong Cơ sở dữ liệu quốc gia về dân cư. Hãy kiểm tra lại số định danh.",
        messageEn:
          "The person with this personal number is recorded as deceased in the national population database. Check the number.",
      });
    if (rule.unmarried && p.marriage && !p.deceased) {
      const { code, ...words } = marriageHeld(
        you,
        { code: you ? p.marriage.registrationNumber : undefined, registered: true, inRegister: true },
        audience,
      );
      push(code, words);
    }
    if (rule.maritalStatus && !p.deceased) {
      const words = maritalContradiction(def, rule.maritalStatus.field, values, p, audience, you);
      if (words)
        issues.push({
          code: "MARITAL_STATUS_CONTRADICTS",
          severity,
          field: `form.${rule.maritalStatus.field}`,
          ...words,
        });
    }
    if (rule.monthlyAllowance && values[rule.monthlyAllowance.field] === rule.monthlyAllowance.value) {
      use(number, "allowances");
      if (p.monthlyAllowance === false)
        issues.push({
          code: "MONTHLY_ALLOWANCE_NOT_RECORDED",
          severity,
          field: `form.${rule.monthlyAllowance.field}`,
          ...NO_MONTHLY_ALLOWANCE,
        });
    }
    const birth = parsePartialDate(p.birthDate);
    const min = rule.minAge?.[p.sex];
    if (rule.minAge && min !== undefined && birth && certainAge(birth, facts.today) < min && !p.deceased) {
      const basis = rule.minAge.basisVi ? ` (${rule.minAge.basisVi})` : "";
      const basisEn = rule.minAge.basisEn ? ` (${rule.minAge.basisEn})` : "";
      const sexVi = p.sex === "M" ? "nam" : "nữ";
      const sexEn = p.sex === "M" ? "a man" : "a woman";
      push("PERSON_UNDER_AGE", {
        messageVi: `${whoWords(you, audience).vi} chưa đủ tuổi theo ngày sinh trong Cơ sở dữ liệu quốc gia về dân cư: ${sexVi} phải đủ ${min} tuổi${basis}.`,
        messageEn: `${whoWords(you, audience).enHas} not reached the age required, by the date of birth in the national population database: ${sexEn} must be ${min} full years old${basisEn}.`,
      });
    }
  }
  return issues;
}

const sameName = (a: string, b: string) =>
  foldVietnamese(a).replace(/\s+/g, " ").trim() === foldVietnamese(b).replace(/\s+/g, " ").trim();

/**
 * Pure: whether the form's identity of a rule's field person matches the registry's record:
 * true when the rule asks for none; undefined when the form does not give both yet (nothing is
 * checked, nothing told); false when the number is not registered or either differs. A partial
 * registry date ("1990") matches a typed date in it. A partial typed date (the date field accepts
 * a year alone, for people whose papers give no more) that the registry's fuller date falls in is
 * "incomplete": right as far as it goes, never called wrong; the form asks for the full date.
 */
export function identityMatches(
  rule: EligibilityRule,
  values: Readonly<Record<string, unknown>>,
  p: Pick<PersonFacts, "birthDate" | "fullName"> | undefined,
  used?: (fact: "fullName" | "birthDate") => void,
): boolean | "incomplete" | undefined {
  if (!rule.identity) return true;
  const name = values[rule.identity.fullName];
  const birth = values[rule.identity.birthDate];
  if (typeof name !== "string" || !name.trim() || typeof birth !== "string" || !birth) return undefined;
  if (!p?.fullName) return false;
  used?.("fullName");
  if (!sameName(name, p.fullName)) return false;
  used?.("birthDate");
  if (birth === p.birthDate || birth.startsWith(`${p.birthDate}-`)) return true;
  return p.birthDate.startsWith(`${birth}-`) ? "incomplete" : false;
}

/** Pure: whether any issue blocks the submit. */
export const refuses = (issues: readonly EligibilityIssue[]): boolean =>
  issues.some((i) => i.severity === "refusal");

import type { ProcedureDefinitionInput } from "../../../domain/procedure.js";
import { birthRegistration } from "./birth-registration.js";
import { certifiedCopy } from "./certified-copy.js";
import { childHealthInsurance } from "./child-health-insurance.js";
import { deathRegistration } from "./death-registration.js";
import { funeralAllowance } from "./funeral-allowance.js";
import { maritalStatus } from "./marital-status.js";
import { marriageRegistration } from "./marriage-registration.js";
import { permanentResidence } from "./permanent-residence.js";
import { residenceDeregistration } from "./residence-deregistration.js";
import { survivorBenefit } from "./survivor-benefit.js";
import { temporaryResidence } from "./temporary-residence.js";

/** The procedures a fresh installation publishes as version 1 (birth group, death group, others). */
export const STARTER_CATALOGUE: ProcedureDefinitionInput[] = [
  birthRegistration,
  permanentResidence,
  childHealthInsurance,
  deathRegistration,
  residenceDeregistration,
  funeralAllowance,
  survivorBenefit,
  marriageRegistration,
  maritalStatus,
  temporaryResidence,
  certifiedCopy,
];

/**
 * The version each starter procedure is published as (1 unless named here). A starter definition
 * changed after installations published it gets the next number: on start, a database whose
 * latest version of the code is older publishes it and retires the previous one (dossiers keep
 * the version they were filed under); a fresh database starts at it.
 * - LOCAL.XAC-NHAN-TTHN 2: the marital status prefilled from the civil-status registry and checked
 *   against it (version 1 let a married person be certified "never married"). 3: its summary and
 *   help say the status comes from the civil-status register (version 2's said "you choose").
 * - LOCAL.MAI-TANG-PHI 2, LOCAL.TRO-CAP-TUAT 2: their time limits marked `confirmed: false`
 *   (../shared/DOMAIN.md: the death group's limits are unconfirmed); version 1 showed citizens a
 *   "3 (5) working days" badge beside a summary saying the limit is unconfirmed. LOCAL.MAI-TANG-PHI
 *   3: the deceased's category prefilled from the allowances registry, and "a monthly
 *   social-assistance beneficiary" warned about when the registry records no monthly allowance
 *   (version 2 took any category unchecked).
 * - 1.004222 2: the request "child_joins_household" (a parent registers the child into the other
 *   parent's household and keeps their own residence: the birth group's father's household, issue
 *   12); version 1 could only move the declarant with the child.
 *   3: the request "join_spouse_household" (a married citizen registers into the spouse's
 *   household, Law on Residence 2020, Art. 20(2)(a); the head's consent asked in the portal, issue 14).
 *   4: the head's consent's help says the head confirms on the Một Lần portal, told by SMS and
 *   e-mail (version 3's said the VNeID app).
 * - LOCAL.KET-HON 2: the fee note says a marriage with a foreign national is not exempt (version 1
 *   said the form filed only Vietnamese citizens' marriages, although it takes a foreign party).
 * - LOCAL.CHUNG-THUC-BAN-SAO 2: its summary says the commune certifies (chứng thực) and notary
 *   offices notarise (công chứng), which Một Lần does not; version 1 promised "Công chứng".
 */
export const STARTER_VERSIONS: Readonly<Record<string, number>> = {
  "LOCAL.XAC-NHAN-TTHN": 3,
  "LOCAL.MAI-TANG-PHI": 3,
  "LOCAL.TRO-CAP-TUAT": 2,
  "1.004222": 4,
  "LOCAL.KET-HON": 2,
  "LOCAL.CHUNG-THUC-BAN-SAO": 2,
};

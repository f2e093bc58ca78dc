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

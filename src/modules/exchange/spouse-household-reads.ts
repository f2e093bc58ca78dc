import type { Db } from "../../db/client.js";
import { spouseJoinsAs } from "../../domain/household-kin.js";
import { AppError } from "../../kernel/errors.js";
import * as repo from "../registries/index.js";
import { type AccessEntry, logAccess } from "./access-log.js";
import { ExchangeErrors } from "./errors.js";
import type { ReadContext } from "./read-rights.js";

/**
 * The household a married citizen may register into as the spouse of one of its members (Law on
 * Residence 2020, Art. 20(2)(a)), as the permanent residence form shows it: the head's name and
 * personal number, the address and commune (whose police decide the dossier), and what the citizen
 * will be to the head (`relationship`, src/domain/household-kin.ts `spouseJoinsAs`; null when the
 * household does not say). The head's consent is still needed (Art. 21).
 */
export type SpouseHousehold = {
  spouseNumber: string;
  spouseName: string;
  householdId: string;
  headNumber: string;
  headName: string;
  address: string;
  communeCode: string;
  communeName: string;
  provinceCode: string;
  relationship: string | null;
  spouseIsHead: boolean;
};

/**
 * Reads the spouse the citizen's standing marriage names in the civil-status register, and the
 * spouse's household in the residence registry. Only the citizen themselves reads it; the spouse's
 * record (name, household) and the head's (name) are written to their access lists ("prefill"),
 * the citizen's own record is not. Errors (bilingual, nothing written):
 * - 422 SPOUSE_NOT_MARRIED: no standing marriage with a living, numbered spouse is registered;
 * - 422 SPOUSE_NO_HOUSEHOLD: the spouse has no household (or its head is dead or unknown);
 * - 409 SPOUSE_HOUSEHOLD_ALREADY: the citizen already lives in that household.
 */
export async function readSpouseHousehold(
  db: Db,
  ctx: ReadContext,
  applicantNumber: string,
): Promise<SpouseHousehold> {
  const p = ctx.principal;
  if (p.kind !== "citizen" || p.personalNumber !== applicantNumber) throw new AppError("FORBIDDEN");
  const r = await repo.findPrefillRecords(db, applicantNumber, ["marriageRecord"], {
    applicant: ["sex", "household"],
  });
  if (!r) throw new AppError("NOT_FOUND");
  const spouse = r.marriedTo
    ? await repo.findPrefillPerson(db, r.marriedTo.trim(), ["fullName", "household"])
    : undefined;
  if (!spouse?.fullName || spouse.deceasedOn) throw new AppError(ExchangeErrors.SPOUSE_NOT_MARRIED);
  const household = spouse.householdId ? await repo.findHousehold(db, spouse.householdId) : undefined;
  const head =
    household && household.headNumber.trim() === spouse.personalNumber.trim()
      ? spouse
      : household && (await repo.findPrefillPerson(db, household.headNumber.trim(), ["fullName"]));
  const entries: AccessEntry[] = [
    { subject: spouse.personalNumber, provinceCode: spouse.provinceCode, fields: ["fullName", "household"] },
  ];
  if (head && head !== spouse)
    entries.push({ subject: head.personalNumber, provinceCode: head.provinceCode, fields: ["fullName"] });
  await logAccess(db, { principal: p, purpose: "prefill" }, entries, `prefill:${applicantNumber}`);
  if (!household || !head?.fullName || head.deceasedOn)
    throw new AppError(ExchangeErrors.SPOUSE_NO_HOUSEHOLD);
  if (r.applicant.householdId === household.id) throw new AppError(ExchangeErrors.SPOUSE_HOUSEHOLD_ALREADY);
  return {
    spouseNumber: spouse.personalNumber.trim(),
    spouseName: spouse.fullName,
    householdId: household.id,
    headNumber: household.headNumber.trim(),
    headName: head.fullName,
    address: household.address,
    communeCode: household.communeCode,
    communeName: household.communeName,
    provinceCode: household.provinceCode,
    relationship: spouseJoinsAs(spouse.relationshipToHead, r.applicant.sex) ?? null,
    spouseIsHead: head === spouse,
  };
}

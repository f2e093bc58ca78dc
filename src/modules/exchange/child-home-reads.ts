import type { Db } from "../../db/client.js";
import type { ChildHomeOption } from "../../domain/linked-form.js";
import { AppError } from "../../kernel/errors.js";
import * as repo from "../registries/index.js";
import { type AccessEntry, logAccess } from "./access-log.js";
import type { ReadContext } from "./read-rights.js";

/** Who the applicant is to the child, and the households the child may join. */
export type ChildHomes = {
  applicant: "mother" | "father" | null;
  options: ChildHomeOption[];
  /** The other parent's personal number (the birth notice's), when it names one. */
  otherParent: string | null;
  /** Each option's head (household id → personal number): for the server's record, not shown. */
  heads: Record<string, string>;
};

/**
 * Where a newborn may be registered (issue 12, birth group): the mother's and the father's
 * households as the population registry holds them, each named by its head and address. The
 * parents are the birth notice's (the offer's, `notice`, else the applicant's newest unregistered
 * one); without a notice, only the applicant's own household. Only the applicant themselves (a
 * citizen) reads it; the reads of another person's record (the other parent's household, each
 * head's name) are logged in their access lists ("prefill", as the form's prefill is), never unlogged.
 */
export async function readChildHomes(
  db: Db,
  ctx: ReadContext,
  applicantNumber: string,
  notice?: string,
): Promise<ChildHomes> {
  const p = ctx.principal;
  if (p.kind !== "citizen" || p.personalNumber !== applicantNumber) throw new AppError("FORBIDDEN");
  const r = await repo.findPrefillRecords(db, applicantNumber, ["birthNotice"], { applicant: [] }, notice);
  if (!r) throw new AppError("NOT_FOUND");
  const n = r.birthNotice;
  const applicant =
    n?.motherNumber === applicantNumber ? "mother" : n?.fatherNumber === applicantNumber ? "father" : null;
  const other =
    applicant === "mother" ? (n?.fatherNumber ?? null) : applicant === "father" ? n?.motherNumber : null;
  const entries: AccessEntry[] = [];
  const options: ChildHomeOption[] = [];
  const heads: Record<string, string> = {};
  const add = async (of: "mother" | "father", parent: repo.PrefillPerson, own: boolean) => {
    const household = parent.householdId ? await repo.findHousehold(db, parent.householdId) : undefined;
    if (!household || options.some((o) => o.householdId === household.id)) return;
    const head = await repo.findPrefillPerson(db, household.headNumber, ["fullName"]);
    if (!head?.fullName || head.deceasedOn) return;
    if (!own)
      entries.push({
        subject: parent.personalNumber,
        provinceCode: parent.provinceCode,
        fields: ["household"],
      });
    entries.push({ subject: head.personalNumber, provinceCode: head.provinceCode, fields: ["fullName"] });
    heads[household.id] = household.headNumber;
    options.push({
      of,
      householdId: household.id,
      headName: head.fullName,
      address: `${household.address}, ${household.communeName}`,
      communeCode: household.communeCode,
      communeName: household.communeName,
      provinceCode: household.provinceCode,
      headIsParent: household.headNumber === parent.personalNumber,
      own,
      // The group is filed where the applicant lives: the applicant's household's province.
      sameProvince: own || household.provinceCode === options[0]?.provinceCode,
    });
  };
  await add(applicant ?? "mother", r.applicant, true);
  const otherParent = other ? await repo.findPrefillPerson(db, other, ["household"]) : undefined;
  if (applicant && otherParent && !otherParent.deceasedOn)
    await add(applicant === "mother" ? "father" : "mother", otherParent, false);
  // The applicant's own record is their own view; the others' reads are logged.
  await logAccess(
    db,
    { principal: p, purpose: "prefill" },
    entries.filter((e) => e.subject !== applicantNumber),
    `prefill:${applicantNumber}`,
  );
  return { applicant, options, otherParent: other ?? null, heads };
}

/**
 * The household the signed-in citizen heads (their own record: not logged), or undefined: where a
 * request for their consent as head would be (a birth group's child joining their household).
 */
export async function headedHousehold(
  db: Db,
  personalNumber: string,
): Promise<{ id: string; provinceCode: string } | undefined> {
  const self = await repo.findPrefillPerson(db, personalNumber, ["household"]);
  const household = self?.householdId ? await repo.findHousehold(db, self.householdId) : undefined;
  return household?.headNumber === personalNumber
    ? { id: household.id, provinceCode: household.provinceCode }
    : undefined;
}

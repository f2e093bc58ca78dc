import type { Db } from "../../db/client.js";
import { PERSON_FIELDS } from "../../domain/access-fields.js";
import { coversAny } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import * as repo from "../registries/index.js";
import { logAccess } from "./access-log.js";
import { authorizePerson, deny, type ReadContext, requireOfficerReader } from "./read-rights.js";

/**
 * The registries' reads of persons, records and households, each checked (read-rights.ts) and
 * written to the access log; the prefill reads are in prefill-reads.ts, the filing reads in
 * filing-reads.ts.
 */

/** The fields of a person record, as the access log names them (one list: src/domain/access-fields.ts). */
export { PERSON_FIELDS };

export async function readPerson(
  db: Db,
  ctx: ReadContext,
  personalNumber: string,
): Promise<repo.PersonRecord> {
  const resource = `person:${personalNumber}`;
  const person = await repo.findPerson(db, personalNumber);
  if (!person) {
    if (ctx.principal.kind === "officer") await requireOfficerReader(db, ctx, resource);
    throw new AppError("NOT_FOUND");
  }
  await authorizePerson(db, ctx, person, resource);
  await logAccess(
    db,
    ctx,
    [{ subject: personalNumber, provinceCode: person.provinceCode, fields: PERSON_FIELDS }],
    resource,
  );
  return person;
}

export type RegistryFacts = {
  civilStatus: repo.CivilStatusRecord[];
  maritalStatus: Awaited<ReturnType<typeof repo.registeredMaritalStatus>>;
  healthInsurance: repo.HealthInsuranceCard[];
  allowances: repo.Allowance[];
};

export async function readRecords(db: Db, ctx: ReadContext, personalNumber: string): Promise<RegistryFacts> {
  const resource = `person:${personalNumber}/records`;
  const person = await repo.findPerson(db, personalNumber);
  if (!person) throw new AppError("NOT_FOUND");
  await authorizePerson(db, ctx, person, resource);
  const [civilStatus, healthInsurance, allowances] = [
    await repo.findCivilStatusRecords(db, personalNumber),
    await repo.findHealthInsuranceCards(db, personalNumber),
    await repo.findAllowances(db, personalNumber),
  ];
  const maritalStatus = await repo.registeredMaritalStatus(db, personalNumber);
  await logAccess(
    db,
    ctx,
    [
      {
        subject: personalNumber,
        provinceCode: person.provinceCode,
        fields: ["civilStatus", "healthInsurance", "allowances"],
      },
    ],
    resource,
  );
  return { civilStatus, maritalStatus, healthInsurance, allowances };
}

export type HouseholdView = repo.HouseholdRecord & { members: repo.PersonRecord[] };

export async function readHousehold(db: Db, ctx: ReadContext, householdId: string): Promise<HouseholdView> {
  const resource = `household:${householdId}`;
  const household = await repo.findHousehold(db, householdId);
  if (!household) throw new AppError("NOT_FOUND");
  const members = await repo.findHouseholdMembers(db, household.memberNumbers);
  const p = ctx.principal;
  if (p.kind === "citizen") {
    if (!members.some((m) => m.personalNumber === p.personalNumber))
      await deny(db, ctx, resource, "not-member");
  } else {
    const officer = await requireOfficerReader(db, ctx, resource);
    const place = { communeCode: household.communeCode, provinceCode: household.provinceCode };
    if (!coversAny(officer.jurisdiction, [place])) await deny(db, ctx, resource, "jurisdiction");
  }
  await logAccess(
    db,
    ctx,
    members.map((m) => ({ subject: m.personalNumber, provinceCode: m.provinceCode, fields: PERSON_FIELDS })),
    resource,
  );
  return { ...household, members };
}

/** Officers search the persons of their jurisdiction; a narrower commune must lie inside it. */
export async function searchPersons(
  db: Db,
  ctx: ReadContext,
  q: {
    communeCode?: string | undefined;
    communeProvince?: string | undefined;
    nameQuery?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ items: repo.PersonRecord[]; total: number }> {
  const resource = `persons?commune=${q.communeCode ?? ""}`;
  const officer = await requireOfficerReader(db, ctx, resource);
  const j = officer.jurisdiction;
  if (q.communeCode && q.communeProvince) {
    if (!coversAny(j, [{ communeCode: q.communeCode, provinceCode: q.communeProvince }])) {
      await deny(db, ctx, resource, "jurisdiction");
    }
  }
  const scope =
    j.level === "commune"
      ? { communeCode: j.code }
      : j.level === "province"
        ? { provinceCode: j.code, communeCode: q.communeCode }
        : { communeCode: q.communeCode };
  const result = await repo.searchPersons(db, {
    ...scope,
    nameQuery: q.nameQuery,
    limit: q.limit,
    offset: q.offset,
  });
  await logAccess(
    db,
    ctx,
    result.items.map((m) => ({
      subject: m.personalNumber,
      provinceCode: m.provinceCode,
      fields: ["personalNumber", "fullName", "birthDate", "sex", "permanentResidence"],
    })),
    resource,
  );
  return result;
}

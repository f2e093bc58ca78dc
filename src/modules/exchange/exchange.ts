// Over 400 lines: every registry read of the exchange with its access-log rows, the one writer of reads.
import type { Db, Queryable } from "../../db/client.js";
import { type AccessField, PERSON_FIELDS } from "../../domain/access-fields.js";
import {
  actorOf,
  COUNTER_FILERS,
  counterAccepts,
  coversAny,
  FILES_FOR_CITIZENS,
  type OfficerPrincipal,
  type OfficerRole,
  ON_BEHALF_FILERS,
  type Place,
  type Principal,
} from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { audit } from "../audit/index.js";
import * as repo from "../registries/index.js";
import { logAccess } from "./access-log.js";
import { counterOtherProvince } from "./applicant-errors.js";
import type { Purpose } from "./purposes.js";

/**
 * The one access path to personal data held by the registries. Every read checks the actor's
 * right (citizen: themselves; officer: a role that may read, inside the jurisdiction), records
 * actor, purpose, legal basis and fields in access_log, and audits denied attempts.
 */
export type ReadContext = { principal: Principal; purpose: Purpose; requestId?: string | undefined };

/** Officer roles that may read personal data; leaders of KPIs, agents and admins may not browse it. */
const READER_ROLES: ReadonlySet<OfficerRole> = new Set([
  "receiver",
  "specialist",
  "approver",
  "agency_officer",
  "province_leader",
]);

/** The fields of a person record, as the access log names them (one list: src/domain/access-fields.ts). */
export { PERSON_FIELDS };

function placesOf(p: repo.PrefillPerson): Place[] {
  const places: Place[] = [{ communeCode: p.permanentCommuneCode, provinceCode: p.provinceCode }];
  if (p.temporaryCommuneCode && p.temporaryProvinceCode) {
    places.push({ communeCode: p.temporaryCommuneCode, provinceCode: p.temporaryProvinceCode });
  }
  return places;
}

async function deny(
  db: Queryable,
  ctx: ReadContext,
  resource: string,
  reason: string,
  refusal?: AppError,
): Promise<never> {
  const actor = actorOf(ctx.principal);
  await audit(db, {
    actor,
    action: "personal-data.read",
    outcome: "denied",
    resource,
    requestId: ctx.requestId,
    detail: { purpose: ctx.purpose, reason },
  });
  // Outside one's jurisdiction a record is reported as not found: its existence is personal data too.
  throw refusal ?? new AppError(reason === "role" ? "FORBIDDEN" : "NOT_FOUND");
}

function requireOfficerReader(db: Queryable, ctx: ReadContext, resource: string): Promise<OfficerPrincipal> {
  const p = ctx.principal;
  if (p.kind !== "officer" || !READER_ROLES.has(p.role)) return deny(db, ctx, resource, "role");
  if (ctx.purpose !== "dossier-processing" && ctx.purpose !== "registry-verification") {
    return deny(db, ctx, resource, "role");
  }
  return Promise.resolve(p);
}

/** May this principal read this person? Citizens: only themselves (or their household). */
async function authorizePerson(db: Queryable, ctx: ReadContext, person: repo.PersonRecord, resource: string) {
  const p = ctx.principal;
  if (p.kind === "citizen") {
    if (person.personalNumber === p.personalNumber) return;
    if (ctx.purpose === "household-view" && person.householdId) {
      const self = await repo.findPerson(db, p.personalNumber);
      if (self?.householdId === person.householdId) return;
    }
    return deny(db, ctx, resource, "not-self");
  }
  const officer = await requireOfficerReader(db, ctx, resource);
  if (!coversAny(officer.jurisdiction, placesOf(person))) await deny(db, ctx, resource, "jurisdiction");
}

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

export type PrefillSources = {
  applicant: repo.PrefillPerson;
  spouse?: repo.PrefillPerson | undefined;
  householdHead?: repo.PrefillPerson | undefined;
  birthNotice?:
    | { notice: repo.BirthNotice; mother?: repo.PrefillPerson; father?: repo.PrefillPerson }
    | undefined;
  deathNotice?: { notice: repo.DeathNotice; deceased?: repo.PrefillPerson } | undefined;
  healthInsuranceCard?: repo.HealthInsuranceCard | undefined;
  child?: repo.PrefillPerson | undefined; // newest living child registered from a notice naming them
  childHealthInsuranceCard?: repo.HealthInsuranceCard | undefined;
  marriageRecord: boolean;
  /** The spouse the latest marriage record names. */
  marriedTo?: string | undefined;
};

/**
 * A prefill read: what the registries returned, and `log`, which writes it to the access log of
 * each person read ("prefill") in the transaction that uses it (a new dossier's) or at once (a
 * preview); not called when the read is discarded (a retried start answered with the first draft).
 * `ownView` (the procedure page only shows what is held): the citizen's own record is not logged.
 */
export type PrefillRead = {
  sources: PrefillSources;
  log: (q: Queryable, o?: { ownView?: boolean }) => Promise<void>;
};

/**
 * What a form may reuse for this applicant (`repo.findPrefillRecords`): their record and only what `needs`
 * asks for (spouse, head, unregistered birth or death notice and its persons, their or their child's card,
 * marriage, child); nothing else is read or logged. Principal: the applicant, an officer covering them, or
 * the consented agent (`consentedAgent`); a refusal is audited. Each read is logged by the returned `log`.
 */
export async function readForPrefill(
  db: Db,
  ctx: ReadContext,
  applicantNumber: string,
  opts: {
    needs: readonly repo.PrefillNeed[];
    /** The access log's fields read of each record, from the procedure's bindings (`prefillFields`). */
    fields: repo.PrefillFields;
    /** Set by the dossiers module once the citizen confirmed (one-time code) that an agent files for them. */
    consentedAgent?: boolean;
    /**
     * Set by the dossiers module when a one-stop receiver takes in a dossier at the counter for a
     * citizen present: the reach is the counter's (`counterAccepts`), not the officer's jurisdiction.
     */
    counterIntake?: boolean;
  },
): Promise<PrefillRead> {
  const resource = `prefill:${applicantNumber}`;
  const r = await repo.findPrefillRecords(db, applicantNumber, opts.needs, opts.fields);
  if (!r) throw new AppError("NOT_FOUND");
  const { applicant } = r;
  const p = ctx.principal;
  if (p.kind === "citizen") {
    if (p.personalNumber !== applicantNumber) await deny(db, ctx, resource, "not-self");
  } else if (ON_BEHALF_FILERS.has(p.role) && opts.consentedAgent) {
    // The citizen's confirmation is the basis; the read is logged under the agent's name.
  } else if (COUNTER_FILERS.has(p.role) && opts.counterIntake) {
    // The citizen is at the counter with their ID card; a resident of another commune is taken in too.
    if (!counterAccepts(p.jurisdiction, placesOf(applicant)))
      await deny(db, ctx, resource, "counter-reach", counterOtherProvince(applicantNumber));
  } else if (!READER_ROLES.has(p.role) || !coversAny(p.jurisdiction, placesOf(applicant))) {
    await deny(db, ctx, resource, "jurisdiction");
  }
  const birthNotice = r.birthNotice && { notice: r.birthNotice, mother: r.mother, father: r.father };
  const deathNotice = r.deathNotice && { notice: r.deathNotice, deceased: r.deceased };
  const { spouse, householdHead, child } = r; // living ones only (findPrefillRecords)

  const read = new Map<string, { provinceCode: string | null; fields: Set<AccessField> }>();
  const note = (subject: string | undefined, provinceCode: string | null, fields: readonly AccessField[]) => {
    if (!subject) return;
    const e = read.get(subject) ?? { provinceCode, fields: new Set<AccessField>() };
    for (const f of fields) e.fields.add(f);
    read.set(subject, e);
  };
  const person = (x: repo.PrefillPerson | undefined, fields: readonly AccessField[]) =>
    note(x?.personalNumber, x?.provinceCode ?? null, fields);
  // Each record is logged with exactly the fields the procedure binds from it (`opts.fields`).
  const f = opts.fields;
  const records = { applicant, spouse, householdHead, child, mother: r.mother, father: r.father };
  for (const [who, x] of Object.entries(records)) person(x, f[who as keyof typeof records] ?? []);
  if (r.deathNotice)
    note(
      r.deathNotice.personNumber,
      r.deceased?.provinceCode ?? r.deathNotice.provinceCode,
      f.deceased ?? [],
    );
  const entries = [...read]
    .filter(([, e]) => e.fields.size > 0)
    .map(([subject, e]) => ({ subject, provinceCode: e.provinceCode, fields: [...e.fields] }));
  return {
    sources: {
      applicant,
      spouse,
      householdHead,
      child,
      childHealthInsuranceCard: r.childHealthInsuranceCard,
      birthNotice,
      deathNotice,
      healthInsuranceCard: r.healthInsuranceCard,
      marriageRecord: r.marriageHeld || r.marriedTo !== undefined,
      marriedTo: r.marriedTo,
    },
    log: (q, o) => {
      const own = o?.ownView && p.kind === "citizen" ? p.personalNumber : undefined;
      return logAccess(q, ctx, own ? entries.filter((e) => e.subject !== own) : entries, resource);
    },
  };
}

/** The facts a new dossier needs about its applicant. */
export type ApplicantLookup = {
  personalNumber: string;
  fullName: string;
  permanentCommuneCode: string;
  provinceCode: string;
  deceased: boolean;
};

/**
 * Who the applicant of a new dossier is: name, place of permanent residence, whether alive.
 * Citizens look themselves up; a postal/community agent or a one-stop receiver files for a citizen
 * who is present (the receiver's jurisdiction is checked by the dossiers module on the competent
 * commune). Logged as "dossier-filing". Undefined when the personal number is not in the registry.
 */
export async function lookupApplicant(
  db: Db,
  ctx: ReadContext,
  personalNumber: string,
): Promise<ApplicantLookup | undefined> {
  const resource = `applicant:${personalNumber}`;
  const p = ctx.principal;
  if (p.kind === "citizen" && p.personalNumber !== personalNumber) await deny(db, ctx, resource, "not-self");
  if (p.kind === "officer" && !FILES_FOR_CITIZENS.has(p.role)) await deny(db, ctx, resource, "role");
  const person = await repo.findPerson(db, personalNumber);
  if (!person) return undefined;
  if (p.kind === "officer") {
    await logAccess(
      db,
      ctx,
      [
        {
          subject: personalNumber,
          provinceCode: person.provinceCode,
          fields: ["fullName", "permanentResidence"],
        },
      ],
      resource,
    );
  }
  return {
    personalNumber,
    fullName: person.fullName,
    permanentCommuneCode: person.permanentCommuneCode,
    provinceCode: person.provinceCode,
    deceased: person.deceasedOn !== null,
  };
}

/**
 * The phone number on file, to send a one-time code to the citizen an agent files for. Only the
 * agent of the draft reaches here (checked by the caller); logged as "dossier-filing".
 */
export async function readContactForOtp(
  db: Db,
  ctx: ReadContext,
  personalNumber: string,
): Promise<string | null> {
  const resource = `contact:${personalNumber}`;
  const p = ctx.principal;
  if (p.kind !== "officer" || !ON_BEHALF_FILERS.has(p.role)) await deny(db, ctx, resource, "role");
  const person = await repo.findPerson(db, personalNumber);
  if (!person) return null;
  await logAccess(
    db,
    ctx,
    [{ subject: personalNumber, provinceCode: person.provinceCode, fields: ["contact"] }],
    resource,
  );
  return person.phone;
}

/**
 * The signed-in citizen's own name, to name their session (undefined when the number is unknown
 * or its holder deceased: no account). A person reading themself: not written to the access log.
 */
export function citizenOwnName(db: Queryable, personalNumber: string): Promise<string | undefined> {
  return repo.findLivingPersonName(db, personalNumber);
}

import type { Db, Queryable } from "../../db/client.js";
import type { AccessField } from "../../domain/access-fields.js";
import { COUNTER_FILERS, counterAccepts, coversAny, ON_BEHALF_FILERS } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import * as repo from "../registries/index.js";
import { logAccess } from "./access-log.js";
import { counterOtherProvince } from "./applicant-errors.js";
import { ExchangeErrors } from "./errors.js";
import { deny, placesOf, READER_ROLES, type ReadContext } from "./read-rights.js";

export type PrefillSources = {
  applicant: repo.PrefillPerson;
  spouse?: repo.PrefillPerson | undefined;
  householdHead?: repo.PrefillPerson | undefined;
  birthNotice?:
    | { notice: repo.BirthNotice; mother?: repo.PrefillPerson; father?: repo.PrefillPerson }
    | undefined;
  /**
   * An unregistered electronic death notice of the household and its person; or, without one, the
   * household member the applicant chose as the deceased (no `notice`: the paper notice is uploaded).
   */
  deathNotice?:
    | {
        notice?: repo.DeathNotice | undefined;
        deceased?: repo.PrefillPerson;
        /** The deceased's allowance records (read with `deceasedAllowances`). */
        allowances?: repo.Allowance[] | undefined;
      }
    | undefined;
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
    /**
     * Without an electronic death notice: the member of the applicant's household whose death the
     * applicant registers (a paper notice), read for the form's deceased fields. A number that is
     * not a living member of the household is 422 DECEASED_NOT_IN_HOUSEHOLD. With the household's
     * electronic notice: its person is the notice's; another member is read from their record (no
     * notice fills their form, the paper one is uploaded).
     */
    deceased?: string | undefined;
    /**
     * The birth or death notice the form is filed from (an offer's), by id: read instead of the
     * newest unregistered one (two notices of one instant: twins). Read under the applicant's
     * number (birth) or household (death) as any notice: another's notice is never reached.
     */
    notice?: string | undefined;
    /**
     * The head of the household the form registers into when it is not the applicant's (a birth
     * group's child joining the other parent's household: chosen and checked by the linked module,
     * `readChildHomes`): read as the form's head, logged in their access list; the applicant's own
     * relationship to their head is then not the form's.
     */
    head?: string | undefined;
  },
): Promise<PrefillRead> {
  const resource = `prefill:${applicantNumber}`;
  const r = await repo.findPrefillRecords(db, applicantNumber, opts.needs, opts.fields, opts.notice);
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
  // The household's electronic notice fills the form unless another member is chosen as the
  // deceased (a second death, at home, with a paper notice): then that member's record, no notice.
  const notice =
    r.deathNotice && (!opts.deceased || opts.deceased === r.deathNotice.personNumber)
      ? r.deathNotice
      : undefined;
  const chosen =
    !notice && opts.deceased && opts.needs.includes("deathNotice")
      ? await chosenDeceased(db, applicant, opts.deceased, opts.fields.deceased ?? [])
      : undefined;
  const dead = notice ? r.deceased : chosen;
  // A second read, by the deceased's number (their shard), only when the form asks their category.
  const allowances =
    dead && opts.needs.includes("deceasedAllowances")
      ? await repo.findAllowances(db, dead.personalNumber)
      : undefined;
  const deathNotice = notice
    ? { notice, deceased: r.deceased, allowances }
    : chosen && { deceased: chosen, allowances };
  const { spouse, child } = r; // living ones only (findPrefillRecords)
  let { householdHead, applicant: declarant } = r;
  if (opts.head && opts.needs.includes("householdHead") && opts.head !== r.householdHead?.personalNumber) {
    const head = await repo.findPrefillPerson(db, opts.head, opts.fields.householdHead ?? []);
    householdHead = head?.deceasedOn ? undefined : head;
    const { relationshipToHead: _, ...rest } = declarant;
    declarant = rest;
  }

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
  const records = { applicant: declarant, spouse, householdHead, child, mother: r.mother, father: r.father };
  for (const [who, x] of Object.entries(records)) person(x, f[who as keyof typeof records] ?? []);
  if (notice) note(notice.personNumber, r.deceased?.provinceCode ?? notice.provinceCode, f.deceased ?? []);
  if (chosen) note(chosen.personalNumber, chosen.provinceCode, f.deceased ?? []);
  const entries = [...read]
    .filter(([, e]) => e.fields.size > 0)
    .map(([subject, e]) => ({ subject, provinceCode: e.provinceCode, fields: [...e.fields] }));
  return {
    sources: {
      applicant: declarant,
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

/**
 * The household member an applicant names as deceased (no electronic notice): living in the
 * registry, in the applicant's own household, not the applicant; read with the categories the form
 * binds. Otherwise 422 DECEASED_NOT_IN_HOUSEHOLD (nothing about the number is said).
 */
async function chosenDeceased(
  db: Db,
  applicant: repo.PrefillPerson,
  number: string,
  fields: readonly AccessField[],
): Promise<repo.PrefillPerson> {
  const refused = () => new AppError(ExchangeErrors.DECEASED_NOT_IN_HOUSEHOLD);
  if (!applicant.householdId || number === applicant.personalNumber) throw refused();
  const household = await repo.findHousehold(db, applicant.householdId);
  if (!household?.memberNumbers.includes(number)) throw refused();
  const person = await repo.findPrefillPerson(db, number, fields);
  if (!person || person.deceasedOn || person.householdId !== applicant.householdId) throw refused();
  return person;
}

import type { Queryable } from "../../db/client.js";
import { all, first, qb, run, sql } from "../../db/query.js";
import { type Audience, audienceOf } from "../../domain/eligibility.js";
import type { FormValues } from "../../domain/form.js";
import {
  birthChildKey,
  LIFE_EVENT_RELEASED,
  lifeEventKey,
  marriagePartyNumbers,
  registersLifeEvent,
} from "../../domain/life-event.js";
import type { Principal } from "../../domain/principal.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { AppError } from "../../kernel/errors.js";
import {
  type DeathElsewhere,
  deceasedInRegistries,
  registeredLifeEvent,
  registeredMaritalStatus,
} from "../exchange/index.js";
import { DossierErrors } from "./errors.js";
import {
  alreadyMarried,
  asHolder,
  claimNames,
  conflictDossier,
  duplicate,
  HOLDER_COLUMNS,
  type Holder,
  type LifeEventClaim,
} from "./life-event-refusals.js";
import type { DossierRow } from "./repository-reads.js";

/**
 * The dossier side of "one life event, one registration" (rule and keys in
 * src/domain/life-event.ts; database guarantee: the partial unique index of migration 060) and of
 * "one marriage at a time" (`marriage_parties`, migration 091).
 */
const INDEX = "dossiers_life_event_key";
const NO_DOSSIER = "00000000-0000-0000-0000-000000000000";

export type { LifeEventClaim };

/**
 * The code of the open or finished dossier of this procedure holding the key, other than `exceptId`.
 * National by nature (an event is registered once in the country): the one query of a submission
 * that names no province, run only when the dossier registers a life event; the database's unique
 * index guarantees it within a province (migration 090, docs/scaling.md).
 */
async function holderOf(q: Queryable, claim: LifeEventClaim): Promise<Holder | undefined> {
  const holder = await first(
    q,
    qb
      .selectFrom("dossiers")
      .select(HOLDER_COLUMNS)
      .where("procedure_code", "=", claim.procedureCode)
      .where("life_event_key", "=", claim.key)
      .where("id", "<>", claim.dossierId)
      .where("status", "not in", [...LIFE_EVENT_RELEASED])
      .orderBy("submitted_at")
      .limit(1),
  );
  return holder ? asHolder(holder) : undefined;
}

/**
 * One child, one birth registration, whether or not the health facility's notice was used: a
 * filing keyed by its notice also collides with a paper filing of the same child (`birth:<child>`,
 * `birthChildKey`), and a paper filing with a notice-keyed one of the same child (read by the
 * child's birth date among the procedure's notice-keyed dossiers, then compared by key). The code
 * of the first such open or finished dossier; undefined when none, or for another procedure.
 * National by nature, like `holderOf`.
 */
async function sameChildHolderOf(
  q: Queryable,
  claim: LifeEventClaim,
  def: ProcedureDefinition,
  form: FormValues,
): Promise<Holder | undefined> {
  const child = birthChildKey(def, form);
  if (!child) return undefined;
  if (claim.key !== `birth:${child}`) return holderOf(q, { ...claim, key: `birth:${child}` });
  const date = child.split(":")[1] ?? "";
  const rows = await all(
    q,
    qb
      .selectFrom("dossiers")
      .select([...HOLDER_COLUMNS, "form"])
      .where("procedure_code", "=", claim.procedureCode)
      .where("life_event_key", "like", "birth-notice:%")
      .where(sql<string>`form->>'child.birthDate'`, "like", `${date}%`)
      .where("id", "<>", claim.dossierId)
      .where("status", "not in", [...LIFE_EVENT_RELEASED])
      .orderBy("submitted_at"),
  );
  const found = rows.find((r) => birthChildKey(def, r.form as FormValues) === child);
  return found ? asHolder(found) : undefined;
}

/**
 * The registries already hold the event (a registered birth notice, a death record: written back
 * from an issued result): 409 DUPLICATE_LIFE_EVENT naming the dossier that registered it (else the
 * register's number), unless it is this dossier (`ownCode`).
 */
async function refuseIfInRegistry(
  q: Queryable,
  claim: LifeEventClaim,
  applicantNumber: string,
  ownCode: string | null | undefined,
) {
  const held = await registeredLifeEvent(q, claim.key, applicantNumber);
  if (!held || (ownCode && held.dossierCode === ownCode)) return;
  // Finished: named by its dossier's code (not linked here) or, registered elsewhere, the register's number.
  if (held.dossierCode) throw duplicate(claim, { code: held.dossierCode, open: false });
  throw duplicate(claim, { code: held.registrationNumber ?? "", open: false }, false);
}

/**
 * At the register step (`approve`, `issue_result`), for two registrations of one event that both
 * got through (at once on different shards, where no one index sees both): when another dossier of
 * the event has its result issued, or the registries hold the event, 409 DUPLICATE_LIFE_EVENT
 * naming the first (the officer then refuses this one). Found as `holderOf` finds (national).
 */
export async function refuseIfRegistered(
  q: Queryable,
  d: Pick<DossierRow, "id" | "code" | "procedureCode" | "form" | "components" | "applicantNumber">,
  def: ProcedureDefinition,
): Promise<void> {
  const key = lifeEventKey(def, d.form, d.components);
  if (!key || key.startsWith("marriage:")) return;
  const claim = { key, procedureCode: d.procedureCode, dossierId: d.id, ...claimNames(def) };
  const issued = await first(
    q,
    qb
      .selectFrom("dossiers")
      .select("code")
      .where("procedure_code", "=", claim.procedureCode)
      .where("life_event_key", "=", key)
      .where("id", "<>", d.id)
      .where("status", "in", [...REGISTERED])
      .orderBy("decided_at")
      .limit(1),
  );
  if (issued?.code) throw duplicate(claim, { code: issued.code, open: false });
  if (registersLifeEvent(def)) await refuseIfInRegistry(q, claim, d.applicantNumber, d.code);
}

/**
 * Inside the submit transaction: derives the dossier's life-event key, refuses it when another
 * open or finished dossier of the procedure holds it (DUPLICATE_LIFE_EVENT, 409), and records it
 * on the dossier. Returns the claim (undefined when the dossier registers no life event) so that
 * a concurrent loser can be told who won (`asDuplicateLifeEvent`).
 */
export async function claimLifeEvent(
  q: Queryable,
  d: Pick<DossierRow, "id" | "provinceCode" | "procedureCode" | "components" | "applicantNumber">,
  def: ProcedureDefinition,
  form: FormValues,
  viewer: Principal,
): Promise<LifeEventClaim | undefined> {
  const key = lifeEventKey(def, form, d.components);
  if (!key) return undefined;
  const claim = {
    viewer,
    key,
    procedureCode: d.procedureCode,
    dossierId: d.id,
    ...claimNames(def),
  };
  await refuseHeld(q, claim, def, form, d.applicantNumber);
  await run(
    q,
    qb
      .updateTable("dossiers")
      .set({ life_event_key: key })
      .where("province_code", "=", d.provinceCode)
      .where("id", "=", d.id),
  );
  for (const party of marriagePartyNumbers(def, form)) await claimMarriageParty(q, d, claim, party);
  return claim;
}

/**
 * 409 DUPLICATE_LIFE_EVENT when another open or finished dossier of the procedure, or the
 * registries, already hold the claim's event (the same child however it was filed).
 */
async function refuseHeld(
  q: Queryable,
  claim: LifeEventClaim & { viewer: Principal },
  def: ProcedureDefinition,
  form: FormValues,
  applicantNumber: string,
): Promise<void> {
  const first = (await holderOf(q, claim)) ?? (await sameChildHolderOf(q, claim, def, form));
  if (first) throw duplicate(claim, conflictDossier(claim.viewer, first));
  // The registries holding the event refuse a second registration, never a procedure that follows it.
  if (registersLifeEvent(def)) await refuseIfInRegistry(q, claim, applicantNumber, undefined);
}

/**
 * Before a draft is started: when the event its prefill already names (the deceased chosen, the
 * birth or death notice it is filled from) is held, the same 409 DUPLICATE_LIFE_EVENT as a submit
 * gets, so that nobody fills a form that cannot be filed (the submit still checks: two at once).
 * Nothing when the prefill names no event yet (a paper birth, a marriage before the partner), nor
 * for a replay of the request that made the dossier (`isReplay`, asked only when an event is named,
 * so that other procedures' starts send no statement for it: it answers with the first dossier).
 */
export async function refuseHeldAtStart(
  q: Queryable,
  procedureCode: string,
  def: ProcedureDefinition,
  prefilled: { form: FormValues; components: Readonly<Record<string, unknown>> },
  applicantNumber: string,
  viewer: Principal,
  isReplay: () => Promise<boolean> = async () => false,
): Promise<void> {
  const key = lifeEventKey(def, prefilled.form, prefilled.components);
  if (!key || key.startsWith("marriage:")) return;
  if (await isReplay()) return;
  // No dossier yet: none is excluded (the nil id is no dossier's).
  const claim = { viewer, key, procedureCode, dossierId: NO_DOSSIER, ...claimNames(def) };
  await refuseHeld(q, claim, def, prefilled.form, applicantNumber);
}

/** The refusal `refuseHeldAtStart` would throw, as the procedure's prefill preview tells it; else null. */
export async function heldAtStart(...args: Parameters<typeof refuseHeldAtStart>) {
  try {
    await refuseHeldAtStart(...args);
    return null;
  } catch (e) {
    if (e instanceof AppError && e.code === DossierErrors.DUPLICATE_LIFE_EVENT.code) return e;
    throw e;
  }
}

const RELEASED: readonly string[] = LIFE_EVENT_RELEASED;
/** Statuses of a registration whose result was issued: the marriage is in the register. */
const REGISTERED = ["result_issued", "result_returned"] as const;

/**
 * One marriage at a time (Law 52/2014/QH13 on Marriage and Family, Art. 5(2)(c): no marrying
 * while married). Inside the submit transaction, for one party known by personal number: the
 * registration `marriage_parties` files the person under, if any, must be this one, be released
 * (withdrawn, rejected, refused), or hold the person no more because the other spouse died
 * (Art. 65: a marriage ends when a spouse dies; `spouseDied`). Any other holder refuses the
 * submit, with 409 DUPLICATE_LIFE_EVENT when it registers the same couple, else 409
 * ALREADY_MARRIED. Then the person is filed under this dossier. Every read is routed by its
 * distribution key (the person's number, then the holding dossier's province and id, then the
 * spouse's number); the person's row, locked or inserted, makes two submits at once for one
 * person queue behind each other (parties are claimed in the order of their numbers, so two
 * couples sharing a person cannot deadlock).
 */
async function claimMarriageParty(
  q: Queryable,
  d: Pick<DossierRow, "id" | "provinceCode" | "applicantNumber">,
  claim: LifeEventClaim,
  party: { prefix: string; number: string },
): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const held = await first(
      q,
      qb
        .selectFrom("marriage_parties")
        .select(["province_code as provinceCode", "dossier_id as dossierId"])
        .where("personal_number", "=", party.number)
        .forUpdate(),
    );
    if (!held) {
      await refuseIfRegisteredMarriage(q, d, party, audienceOf(claim.viewer, d.applicantNumber));
      // A concurrent submit that filed the person first makes this insert wait, then do nothing:
      // read its row again.
      const inserted = await run(
        q,
        qb
          .insertInto("marriage_parties")
          .values({ personal_number: party.number, province_code: d.provinceCode, dossier_id: d.id })
          .onConflict((oc) => oc.column("personal_number").doNothing()),
      );
      if ((inserted.rowCount ?? 0) > 0) return;
      continue;
    }
    if (held.provinceCode === d.provinceCode && held.dossierId === d.id) return;
    const h = await first(
      q,
      qb
        .selectFrom("dossiers")
        .select([...HOLDER_COLUMNS, "life_event_key as key"])
        .where("province_code", "=", held.provinceCode)
        .where("id", "=", held.dossierId),
    );
    if (h && !RELEASED.includes(h.status) && !(await spouseDied(q, h.key, party.number))) {
      if (h.key === claim.key) throw duplicate(claim, conflictDossier(claim.viewer, asHolder(h)));
      const requesterIsParty =
        h.applicantNumber === d.applicantNumber || partiesOf(h.key).includes(d.applicantNumber);
      throw alreadyMarried(
        party.prefix,
        {
          code: requesterIsParty ? (h.code ?? "") : undefined,
          registered: (REGISTERED as readonly string[]).includes(h.status),
          dossier: requesterIsParty ? conflictDossier(claim.viewer, asHolder(h)) : undefined,
        },
        audienceOf(claim.viewer, d.applicantNumber),
      );
    }
    await refuseIfRegisteredMarriage(q, d, party, audienceOf(claim.viewer, d.applicantNumber));
    await run(
      q,
      qb
        .updateTable("marriage_parties")
        .set({ province_code: d.provinceCode, dossier_id: d.id })
        .where("personal_number", "=", party.number),
    );
    return;
  }
  throw new Error(`marriage_parties: no row for a party after a conflicting insert`);
}

/**
 * Marriages registered before this platform, or elsewhere, are in the civil-status registry: a
 * party whose registered marriage stands (`registeredMaritalStatus` says "married": no divorce or
 * death noted, the spouse not known dead) is refused with 409 ALREADY_MARRIED, the registration
 * number named only to the person themselves (the applicant).
 */
async function refuseIfRegisteredMarriage(
  q: Queryable,
  d: Pick<DossierRow, "applicantNumber">,
  party: { prefix: string; number: string },
  audience: Audience,
): Promise<void> {
  const held = await registeredMaritalStatus(q, party.number, registeredDeathHere(q));
  if (held.status !== "married" || !held.marriage) return;
  throw alreadyMarried(
    party.prefix,
    {
      code: party.number === d.applicantNumber ? held.marriage.registrationNumber : undefined,
      registered: true,
      inRegister: true,
    },
    audience,
  );
}

/** The parties of a marriage key `marriage:<party>:<party>` (numbers or `~name~date`); none for another key. */
function partiesOf(key: string | null): string[] {
  return key?.startsWith("marriage:") ? key.slice("marriage:".length).split(":") : [];
}

/**
 * Whether the other spouse of the marriage registration keyed `key` has died, so that it holds
 * `number` no more (Law 52/2014/QH13, Art. 65: the marriage ends on the day a spouse dies): the
 * registries record the death (`deceasedInRegistries`, routed by the spouse's number) or a death
 * registration for them was issued here (`registeredDeathHere`).
 */
async function spouseDied(q: Queryable, key: string | null, number: string): Promise<boolean> {
  const issuedHere = registeredDeathHere(q);
  for (const spouse of partiesOf(key)) {
    if (spouse === number || !/^[0-9]{12}$/.test(spouse)) continue;
    if ((await deceasedInRegistries(q, spouse)) || (await issuedHere(spouse))) return true;
  }
  return false;
}

/**
 * A death the registries may not know yet: a death registration of the person (`death:<number>`
 * key) whose result was issued or returned here, before its write-back reaches the population
 * registry. National by nature, like `holderOf` (a death is registered once in the country, at any
 * commune); asked only when the registries know no death.
 */
export function registeredDeathHere(q: Queryable): DeathElsewhere {
  return async (spouse) => {
    const registration = await first(
      q,
      qb
        .selectFrom("dossiers")
        .select("id")
        .where("life_event_key", "=", `death:${spouse}`)
        .where("status", "in", [...REGISTERED])
        .limit(1),
    );
    return registration !== undefined;
  };
}

/**
 * Two submits at once for one event: the loser's transaction fails on the unique index when the
 * winner commits. Maps that failure to the same 409 as the check above; any other error is returned.
 */
export async function asDuplicateLifeEvent(
  q: Queryable,
  err: unknown,
  claim: LifeEventClaim | undefined,
): Promise<unknown> {
  const e = err as { code?: unknown; constraint?: unknown };
  if (!claim || e?.code !== "23505" || e.constraint !== INDEX) return err;
  const first = await holderOf(q, claim);
  return first ? duplicate(claim, conflictDossier(claim.viewer, first)) : err;
}

import type { Queryable } from "../../db/client.js";
import { deceasedApplicant } from "../../domain/eligibility.js";
import type { FormValues } from "../../domain/form.js";
import { apply, type DossierAction, FILING_CHANNEL, INITIAL } from "../../domain/lifecycle.js";
import { actorOf, COUNTER_FILERS, ON_BEHALF_FILERS } from "../../domain/principal.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { foldVietnamese } from "../../domain/text.js";
import { AppError } from "../../kernel/errors.js";
import { localityId } from "../../kernel/locality.js";
import { getPublished } from "../catalog/index.js";
import {
  type ApplicantLookup,
  applicantNotFound,
  dossierReadRight,
  logDossierReads,
  lookupApplicant,
  type PrefillPerson,
  readForPrefill,
  registeredMaritalStatus,
} from "../exchange/index.js";
import { findCommune } from "../units/index.js";
import { audited, type Ctx, getVisibleRecord, lifecycleRole } from "./access.js";
import { priorResults } from "./applicant-results.js";
import { agencyCode } from "./codes.js";
import { provinceOfJurisdiction } from "./conditions.js";
import { deathResultPrefill } from "./death-result-prefill.js";
import { applicantIssues, refuseIneligible } from "./eligibility.js";
import { insertDossier } from "./first-statements.js";
import { spouseHomeFor, spousePrefill } from "./head-consent.js";
import { earlierAnswer, type IdempotentRequest, idempotentRequest } from "./idempotency.js";
import { refuseHeldAtStart, registeredDeathHere } from "./life-event.js";
import {
  type PrefilledValue,
  prefilledForm,
  type ReplacedComponent,
  resolveFacts,
  resolvePrefill,
  suggestOwnParent,
} from "./prefill.js";
import { prefillFields, prefillNeeds, reusesResults } from "./prefill-reads.js";
import type { DossierRecord } from "./records.js";
import type { LoggedAction } from "./repository-reads.js";

/** Where a prefill reads besides the applicant (see `prefillFor`). */
type PrefillFrom = { deceased?: string | undefined; notice?: string | undefined; head?: string | undefined };
type PrefillOptions = PrefillFrom & { consentedAgent?: boolean; fromDeathResult?: boolean };

/**
 * Prefill and data facts for an applicant: the registries read through exchange in one round
 * trip, only what this procedure reuses (`prefillNeeds`); earlier results only when a component
 * may be replaced by one. `logRead` writes the read ("prefill") to the access log, in the
 * caller's transaction. `deceased`: the household member chosen without a death notice;
 * `notice`: the birth or death notice the form is filed from (an offer's), else the newest;
 * `head`: the head of the household the form registers into, when not the applicant's;
 * `fromDeathResult`: a single form, not a group's step (`deathResultPrefill`).
 */
export async function prefillFor(
  ctx: Ctx,
  def: ProcedureDefinition,
  applicantNumber: string,
  { consentedAgent = false, fromDeathResult = false, ...from }: PrefillOptions = {},
) {
  const p = ctx.principal;
  // A receiver filing takes in the dossier at their counter (createDossier): the counter's reach applies.
  const counterIntake = p.kind === "officer" && COUNTER_FILERS.has(p.role);
  const read = await readForPrefill(
    ctx.db,
    { principal: p, purpose: "prefill", requestId: ctx.requestId },
    applicantNumber,
    { needs: prefillNeeds(def), fields: prefillFields(def), consentedAgent, counterIntake, ...from },
  );
  const prior = reusesResults(def) ? await priorResults(ctx.db, applicantNumber) : new Map<string, string>();
  // The marital status the civil-status registry holds, when the form binds it and the prefill read
  // a marriage, standing or ended (its spouse numbered or not, migration 341): read by the one reader of
  // marriages, only then (asking it on every create would cost a statement: issue 10).
  const bindsStatus = def.form.some(
    (f) => f.prefill?.subject === "applicant" && f.prefill.path === "maritalStatus",
  );
  const maritalStatus =
    bindsStatus && read.sources.marriageRecord
      ? await registeredMaritalStatus(ctx.db, applicantNumber, registeredDeathHere(ctx.db))
      : undefined;
  const fromResult = await deathResultPrefill(ctx.db, def, applicantNumber, fromDeathResult, read.sources);
  return {
    applicant: read.sources.applicant,
    prefill: { ...fromResult, ...resolvePrefill(def, { ...read.sources, maritalStatus }) },
    suggested: suggestOwnParent(def, read.sources),
    facts: resolveFacts(def, read.sources, prior),
    logRead: read.log,
  };
}

export type CreateInput = {
  procedureCode: string;
  applicantNumber?: string | undefined;
  communeCode?: string | undefined;
  /**
   * A death registration without an electronic notice: the member of the citizen's household who
   * died, whose registry facts fill the deceased's fields (read-only, logged as read).
   */
  deceasedNumber?: string | undefined;
  /**
   * The birth or death notice the draft is filed from (a linked filing from that notice's offer):
   * prefilled from it, not from the newest unregistered notice (two notices of one instant).
   */
  noticeId?: string | undefined;
  /** The head of the household the form registers into, when not the applicant's (`communeCode`: its). */
  householdHead?: string | undefined;
  /** A citizen joining their spouse's household (1.004222, `head-consent.ts`): its head, commune, relation. */
  household?: "spouse" | undefined;
};

/**
 * What a citizen's draft starts with besides the registries' prefill, resolved by the server from
 * its own records, never sent by a client (a linked group's step filed on its own: the group's
 * answers as typed values, its issued results' values read-only with the result as their source).
 * The registries' values win over both; a result's value over a typed one.
 */
export type DraftSeed = {
  values: FormValues;
  prefill: Record<string, PrefilledValue>;
  /** Earlier results the draft's components stand replaced by: procedure code → dossier code. */
  results?: Record<string, string>;
};

/**
 * Pure: `facts` with each component an earlier result stands for replaced by the result given in
 * `results` (procedure code → dossier code), when given: a linked group's own result, not the
 * applicant's latest of that procedure.
 */
function withResults(
  def: ProcedureDefinition,
  facts: Readonly<Record<string, ReplacedComponent>>,
  results: Readonly<Record<string, string>>,
): Record<string, ReplacedComponent> {
  const out = { ...facts };
  for (const c of def.components) {
    const fact = c.replacedBy;
    const ref = fact?.kind === "result" ? results[fact.ref] : undefined;
    if (fact && ref) out[c.key] = { replaced: true, fact, ref };
  }
  return out;
}

const lookupOf = (p: PrefillPerson): ApplicantLookup => ({
  personalNumber: p.personalNumber,
  fullName: p.fullName ?? "", // always read for the applicant (`prefillFields`)
  permanentCommuneCode: p.permanentCommuneCode,
  provinceCode: p.provinceCode,
  deceased: p.deceasedOn !== null,
});

/**
 * Starts a draft. A citizen files for themselves (online; refused with the rule's code when a rule
 * about the applicant refuses them, e.g. ALREADY_MARRIED); a postal/community agent for a citizen
 * present (online on behalf: prefill waits for the citizen's confirmation); a one-stop receiver
 * records a paper dossier at the counter. Returns the new dossier with its parts (its view needs
 * nothing read again). With an Idempotency-Key (one per tap of "start"), a repeated request
 * returns the draft the first one started, finished or still in flight, instead of a second
 * draft; the key with another body is 409. `scope`: more of the request the key answers, hashed
 * with it (a linked group's application, whose first step is started under the group's key: the
 * key reused for another group or other answers is 409 IDEMPOTENCY_CONFLICT, nothing written).
 * `seed`: a citizen's draft's values known besides the registries (`DraftSeed`).
 *
 * A citizen's start reads the registries once (who they are and what the form reuses) and writes
 * the read to the access log in the draft's own transaction; a repeated request answered with an
 * earlier draft writes no second log row.
 */
export async function createDossier(
  ctx: Ctx,
  input: CreateInput,
  idempotencyKey?: string,
  scope?: unknown,
  seed?: DraftSeed,
): Promise<DossierRecord> {
  // Where a refusal is filed: the competent commune's province once known, else the applicant's,
  // else the officer's (docs/scaling.md: a row about a dossier or a place carries its province).
  const place: { province?: string | undefined } = {};
  const provinceOfRefusal = async () => {
    if (place.province) return place.province;
    const chosen = input.communeCode ? await findCommune(ctx.db, input.communeCode) : undefined;
    if (chosen) return chosen.provinceCode;
    const p = ctx.principal;
    return p.kind === "officer" ? (provinceOfJurisdiction(p.jurisdiction) ?? undefined) : undefined;
  };
  return audited(
    ctx,
    "dossier.create",
    `procedure:${input.procedureCode}`,
    async () => {
      const role = lifecycleRole(ctx.principal);
      const p = ctx.principal;
      const request = idempotentRequest(idempotencyKey, "create", [
        input.procedureCode,
        input.applicantNumber ?? null,
        input.communeCode ?? null,
        ...(input.deceasedNumber === undefined ? [] : [input.deceasedNumber]),
        ...(input.noticeId === undefined ? [] : [`notice:${input.noticeId}`]),
        ...(input.householdHead === undefined ? [] : [`head:${input.householdHead}`]),
        ...(input.household === undefined ? [] : [`household:${input.household}`]),
        ...(scope === undefined ? [] : [scope]),
      ]);
      const applicantNumber = p.kind === "citizen" ? p.personalNumber : input.applicantNumber;
      if (!applicantNumber) {
        throw new AppError("VALIDATION_FAILED", [
          {
            field: "body.applicantNumber",
            messageVi: "Cần số định danh của công dân.",
            messageEn: "The citizen's personal number is required.",
          },
        ]);
      }
      const channel = FILING_CHANNEL[role];
      if (!channel) throw new AppError("FORBIDDEN");
      const published = await getPublished(ctx.db, input.procedureCode);
      const def = published.definition;
      const spouse = p.kind === "citizen" ? await spouseHomeFor(ctx, def, input.household) : undefined;
      const own =
        p.kind === "citizen"
          ? await prefillFor(ctx, def, applicantNumber, {
              deceased: input.deceasedNumber,
              notice: input.noticeId,
              head: spouse?.headNumber ?? input.householdHead,
              fromDeathResult: seed === undefined && scope === undefined,
            })
          : undefined;
      const applicant = own
        ? lookupOf(own.applicant)
        : await lookupApplicant(
            ctx.db,
            { principal: p, purpose: "dossier-filing", requestId: ctx.requestId },
            applicantNumber,
          );
      if (!applicant) throw applicantNotFound(applicantNumber);
      place.province = applicant.provinceCode;
      if (applicant.deceased) refuseIneligible([deceasedApplicant(def)]);
      // A citizen's own start: the refusal the procedure page shows makes no draft (409, nothing
      // written). At the counter the officer may still record the paper dossier: the refusal shows
      // on its page and refuses its submit.
      if (own) {
        refuseIneligible(
          await applicantIssues(ctx.db, ctx, applicantNumber, def, ctx.now ? ctx.now() : new Date()),
        );
      }
      // The competent commune: chosen (e.g. where to register temporary residence), else the residence.
      let communeCode = input.communeCode ?? spouse?.communeCode ?? applicant.permanentCommuneCode;
      if (p.kind === "officer" && COUNTER_FILERS.has(p.role) && p.jurisdiction.level === "commune") {
        communeCode = p.jurisdiction.code;
      }
      const commune = await findCommune(ctx.db, communeCode);
      if (!commune) throw new AppError("UNKNOWN_COMMUNE");
      place.province = commune.provinceCode;
      // An officer's retry of a finished request answers at once, before prefill reads the registries
      // again (the key lives in the province of the dossier it answers with: the commune's).
      const answered =
        !own && request && (await earlierAnswer(ctx.db, commune.provinceCode, actorOf(p).id, request));
      if (answered) return getVisibleRecord(ctx, answered, "view");
      // The event the prefill names (the deceased chosen, the notice) already held: refused now,
      // before anything is typed, with the words a submit would get; even a draft of it is resumed
      // no more. Not for a replay of a request that made it (a double tap, a retry: its key answered,
      // committed with its dossier in one transaction), which gets the first answer below.
      if (own) {
        const replay = async () =>
          Boolean(request && (await earlierAnswer(ctx.db, commune.provinceCode, actorOf(p).id, request)));
        await refuseHeldAtStart(ctx.db, published.code, def, prefilledForm(own), applicantNumber, p, replay);
      }
      // One draft per deceased (a death at home, a paper notice): starting again for the same
      // person (the form left and reopened, a second tab) resumes the draft already started, with
      // its scan. A group's filing (`scope`) brings its draft by id instead.
      const started =
        own && input.deceasedNumber && scope === undefined
          ? await draftForDeceased(
              ctx.db,
              commune.provinceCode,
              applicantNumber,
              published.code,
              input.deceasedNumber,
            )
          : undefined;
      if (started) return getVisibleRecord(ctx, started, "view");
      if (
        p.kind === "officer" &&
        !dossierReadRight(p, {
          applicantNumber,
          createdByKind: actorOf(p).kind,
          createdBy: actorOf(p).id,
          communeCode,
          provinceCode: commune.provinceCode,
        }).ok
      ) {
        throw new AppError("NOT_FOUND");
      }
      // On behalf: nothing read from the registries is stored (the name comes with the citizen's
      // confirmation, `confirmOnBehalf`), and the agent's reads mask the commune until then (view.ts, queue.ts).
      const onBehalf = ON_BEHALF_FILERS.has(role);
      const filled =
        own ??
        (onBehalf
          ? { prefill: {}, suggested: {}, facts: {}, logRead: async (_q: Queryable) => undefined }
          : await prefillFor(ctx, def, applicantNumber, { notice: input.noticeId }));
      const facts = own && seed?.results ? withResults(def, filled.facts, seed.results) : filled.facts;
      const prefill = {
        ...(own && seed ? seed.prefill : {}),
        ...filled.prefill,
        ...(spouse ? spousePrefill(spouse, ctx.now?.() ?? new Date()) : {}),
      };
      const applicantName = onBehalf ? null : applicant.fullName;
      // The applicant parent's own facts are typed values (editable); the registries' prefill is read-only.
      const form: FormValues = {
        ...(own && seed ? seed.values : {}),
        ...prefilledForm({ ...filled, prefill }).form,
      };
      // The application is addressed ("Kính gửi") to the commune that decides it, the dossier's
      // (catalogue `authority()`): a counter's commune for a resident of another commune, the commune
      // the citizen chose, else the residence the binding read (then it stays a reused value).
      if (prefill["authority.commune"] && prefill["authority.commune"].value !== commune.code) {
        delete prefill["authority.commune"];
        form["authority.commune"] = commune.code;
      }
      // The id carries the province: every later statement names the distribution key (docs/scaling.md).
      const id = localityId(commune.provinceCode);
      const at = ctx.now ? ctx.now() : new Date();
      const actor = actorOf(p);
      const action: DossierAction = { type: "create", at, role, actorId: actor.id, channel };
      const state = apply(INITIAL, action);
      const d = {
        id,
        provinceCode: commune.provinceCode,
        communeCode: def.level === "commune" ? commune.code : null,
      };
      const logged: LoggedAction = {
        ...action,
        seq: 1,
        actorKind: actor.kind,
        payload: { procedureVersion: published.version },
      };
      const created = await ctx.db.tx(async (q): Promise<DossierRecord | string> => {
        // One statement: the key claimed, the row, its first action and its outbox message.
        const dossier = await insertDossier(
          q,
          {
            ...d,
            procedureCode: published.code,
            procedureVersion: published.version,
            agencyCode: agencyCode(def.agency.sector, d.provinceCode, d.communeCode),
            applicantNumber,
            applicantName,
            applicantSearchName: applicantName === null ? null : foldVietnamese(applicantName),
            createdByKind: actor.kind,
            createdBy: actor.id,
            channel,
            status: state.status,
            form,
            prefill,
            components: facts,
          },
          logged,
          request && { actorId: actor.id, request },
          {
            topic: "dossier.create",
            key: id,
            payload: { procedureCode: published.code },
            provinceCode: d.provinceCode,
          },
        );
        // A request with the same key that finished, or is still in flight: its draft (this request
        // wrote nothing, and its registry read is not logged: nobody was shown it).
        if (!dossier) {
          const earlier = await earlierAnswer(q, d.provinceCode, actor.id, request as IdempotentRequest);
          if (earlier === undefined) throw new Error("idempotency key vanished after its conflict");
          return earlier;
        }
        await filled.logRead(q);
        // The answer shows the new draft: an agent's or a receiver's read of it is logged with it.
        await logDossierReads(q, p, "view", [dossier]);
        return { dossier, parts: { log: [logged], files: [], corrections: [], rating: null } };
      });
      return typeof created === "string" ? getVisibleRecord(ctx, created, "view") : created;
    },
    provinceOfRefusal,
  );
}

/** The applicant's newest draft of `procedureCode` for the deceased `deceasedNumber`, if any. */
async function draftForDeceased(
  q: Queryable,
  provinceCode: string,
  applicantNumber: string,
  procedureCode: string,
  deceasedNumber: string,
): Promise<string | undefined> {
  const { rows } = await q.query<{ id: string }>(
    `select id from dossiers
     where province_code = $1 and applicant_number = $2 and procedure_code = $3 and status = 'draft'
       and form->>'deceased.personalNumber' = $4
     order by created_at desc limit 1`,
    [provinceCode, applicantNumber, procedureCode, deceasedNumber],
  );
  return rows[0]?.id;
}

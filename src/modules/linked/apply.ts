import { withinOneTx } from "../../db/client.js";
import type { FormValues } from "../../domain/form.js";
import { noticeOf } from "../../domain/life-event.js";
import { plannedDue } from "../../domain/linked-clock.js";
import {
  type ChildHomeRecord,
  declarantRelationship,
  otherHouseholdValues,
} from "../../domain/linked-form.js";
import { type LinkedGroupDefinition, selectMembers } from "../../domain/linked-group.js";
import { AppError } from "../../kernel/errors.js";
import { localityId } from "../../kernel/locality.js";
import { getPublished, getPublishedGroup } from "../catalog/index.js";
import { type Ctx, createDossier, getVisibleRecord, keyUsed } from "../dossiers/index.js";
import { readChildHomes } from "../exchange/index.js";
import { laterStepValues } from "./answers.js";
import { clearDraft } from "./drafts.js";
import { LinkedErrors } from "./errors.js";
import { askHead } from "./head-reminder.js";
import { alreadyFiled, offerRefusal } from "./offer-refusals.js";
import {
  acceptOffer,
  acceptOpenOffersOf,
  claimNotice,
  filingOfNotice,
  nameFiling,
  noticeOfOffer,
  offerState,
} from "./offers.js";
import { findGroup, groupOfDossier, insertGroup, insertStep, isStepDossierTaken } from "./repository.js";
import { CHILD_HOME_STEP, type LinkedEnv, startStep } from "./steps.js";

/**
 * One application of a linked group: the group, the optional members chosen, whether verification
 * is needed (the group's longer limit; set by the platform, not by the citizen's request), the facts asked once (`shared`: given to every member whose form has the field) and
 * each member's own answers (`values` by member key).
 */
export type GroupApplication = {
  group: string;
  members: string[];
  verification?: boolean | undefined;
  shared?: FormValues | undefined;
  values?: Record<string, FormValues> | undefined;
  /**
   * Drafts the applicant already started for a first step (member key → dossier id): the paper
   * components it holds (uploaded through the dossier's own upload flow, e.g. the paper birth
   * certificate when no electronic notice exists) go with the group. Each must be the applicant's
   * draft of that member's procedure.
   */
  drafts?: Record<string, string> | undefined;
  /**
   * Without an electronic death notice: the member of the applicant's household who died, chosen
   * by the applicant (the first step's draft was started with it, `deceasedNumber`): the later
   * steps' facts of the deceased (their place in the household) are read from their record now.
   */
  deceased?: string | undefined;
  /** The offer this application takes (a birth notice's, `linked_offers`): open, the applicant's, this group's. */
  offer?: string | undefined;
  /**
   * Birth group: the household the child will live in (`GET /api/linked-applications/child-homes`),
   * by id: the applicant's own (as without it) or the other parent's, in the group's province.
   * Anything else is 422 CHILD_HOME_NOT_PARENTS, nothing filed.
   */
  childHome?: string | undefined;
};

/**
 * Files a group (Decree 63/2024): the later steps' answers checked first (`laterStepValues`: a
 * 422 LINKED_ANSWERS_MISSING names what is still to be answered, nothing is filed); then, in one
 * transaction (`withinOneTx`: the dossiers module's own transactions are savepoints in it, and
 * what they set off after their commit waits for this one's), the offer's
 * notice claimed first (migration 343, `claimNotice`), one draft dossier per member procedure that
 * depends on nothing, each with its own agency and (at submission) code, queue and clock; the group
 * record with each step's planned due instant and the group's; those first steps submitted as
 * linked filings (the step's limit, no fee); the head of the other parent's household the child is
 * to join asked by SMS and e-mail (`askHead`); the offers taken. Dependent steps wait for their
 * dependencies' results. If any of it is refused (a first step's invalid form: 4xx, bilingual, the
 * form's fields named) nothing of the group remains: no group, no dossier, no claim, no offer taken
 * (the applicant's own draft stays the draft it was).
 * Returns the group's id (province first: the distribution key is in it).
 * With `idempotencyKey` (one per user intent), the first step's draft is created under the key
 * itself (any other first step under `<key>:<member>`), hashed with the whole application
 * (`applicationScope`): a retry or a double tap, finished or still in flight, gets the same draft
 * and so the first request's group (a request in flight holds the key until it commits); the key
 * reused for another group or other answers is 409 IDEMPOTENCY_CONFLICT and nothing is written. (A
 * group whose first steps are all the applicant's own drafts claims no key: the draft itself names
 * the intent, and its group is the answer.) Of two filings from one notice at once (two relatives,
 * two tabs) exactly one group commits; the other finds the notice claimed before writing anything
 * and is answered as a filing that starts after it: 409 OFFER_ALREADY_FILED (naming the group when it
 * was the same person's), or the first group for a retry with the same key.
 */
export async function applyGroup(
  env: LinkedEnv,
  ctx: Ctx,
  input: GroupApplication,
  idempotencyKey?: string,
  again = false,
): Promise<{ id: string }> {
  const p = ctx.principal;
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  const version = await getPublishedGroup(ctx.db, input.group);
  const def = version.definition;
  const chosen = selectMembers(def, input.members);
  if (!chosen.ok) {
    const pr = chosen.problem;
    throw new AppError("VALIDATION_FAILED", [
      { field: pr.path, messageVi: pr.messageVi, messageEn: pr.messageEn },
    ]);
  }
  const at = env.now();
  // A closed offer refuses a new filing; a retry of the filing that took it answers with its group.
  const offer = input.offer
    ? await offerState(ctx.db, p.personalNumber, input.offer, at, input.group)
    : "open";
  if (input.offer && (offer === "closed" || offer === "filed" || (offer === "accepted" && !idempotencyKey)))
    throw await offerRefusal(ctx.db, p.personalNumber, input.offer, offer);
  const offerOpen = offer === "open";
  const notice = input.offer ? await noticeOfOffer(ctx.db, p.personalNumber, input.offer) : undefined;
  // An open offer, or one this citizen accepted (a second tab, a retry): whose filing took its notice.
  const taken =
    notice && (offerOpen || offer === "accepted") ? await filingOfNotice(ctx.db, notice) : undefined;
  // Taken by someone else's filing (or another of theirs): refused before anything is written. A
  // retry of the filing that took it (its key used in the group's province) answers with its group.
  if (
    taken &&
    (taken.filedBy !== p.personalNumber ||
      !idempotencyKey ||
      !(await keyUsed(ctx.db, taken.group.provinceCode, p.id, idempotencyKey)))
  )
    throw alreadyFiled(taken.filedBy === p.personalNumber ? taken.group.id : undefined);
  // What each later step will be filed with, checked now: a missing answer is asked before filing.
  // An offer's filing is read from its notice (`pinned`), never from the newest one: of two
  // notices of one instant (twins) each offer files its own.
  const pinned = notice?.noticeId;
  // Where the child will live, checked against the registries now (a refusal files nothing).
  const home = await childHomeOf(ctx, input, chosen.keys, pinned, at);
  const values = home
    ? { ...input.values, [CHILD_HOME_STEP]: { ...input.values?.[CHILD_HOME_STEP], ...home.values } }
    : (input.values ?? {});
  input = { ...input, values };
  const kept = await laterStepValues(ctx, def, chosen.keys, input.shared ?? {}, values, {
    deceased: input.deceased,
    notice: pinned,
  });
  const planned = plannedDue(def, chosen.keys, at, { verification: input.verification === true });
  // Claimed by a filing that committed meanwhile: answered as a filing starting now would be.
  let raced = false;
  const filing = withinOneTx(ctx.db, async (db, q) => {
    const tctx: Ctx = { ...ctx, db };
    // First of all, the notice: the loser of a race writes nothing.
    if (notice && offerOpen && !taken && !(await claimNotice(q, notice, p.personalNumber, at))) {
      raced = true;
      throw alreadyFiled();
    }
    const drafts = await firstDrafts(tctx, def, chosen.keys, input, kept, idempotencyKey, pinned);
    const provinceCode = drafts.find((d) => d.dossierId)?.provinceCode;
    if (!provinceCode) throw new AppError("VALIDATION_FAILED");
    const first = drafts.find((d) => d.dossierId)?.dossierId as string;
    const replay = idempotencyKey ? await groupOfDossier(q, provinceCode, first) : undefined;
    if (replay) return { id: replay.groupId };
    // Taken by another filing of this person's (another tab): that group is named, not a dead end.
    if (!offerOpen && input.offer) throw await offerRefusal(q, p.personalNumber, input.offer, offer);
    const id = localityId(provinceCode);
    await insertGroup(q, {
      provinceCode,
      id,
      groupCode: version.code,
      groupVersion: version.version,
      applicantNumber: p.personalNumber,
      receivedAt: at,
      dueAt: planned.group,
      verification: input.verification === true,
      facts: {},
      childHome: home?.record ?? null,
    });
    for (const d of drafts) {
      await insertStep(q, provinceCode, id, {
        stepKey: d.key,
        procedureCode: d.procedureCode,
        dossierId: d.dossierId,
        state: "waiting",
        plannedDueAt: planned.steps[d.key] ?? planned.group,
        values: d.values,
        reused: d.reused,
        reason: null,
        changedAt: at,
      });
    }
    if (notice && offerOpen && !taken) await nameFiling(q, notice, { provinceCode, id });
    const found = await findGroup(q, provinceCode, id);
    if (!found) throw new Error("the group vanished after its insert");
    const roots = def.members.filter((m) => chosen.keys.includes(m.key) && m.dependsOn.length === 0);
    for (const m of roots) {
      const step = found.steps.find((s) => s.stepKey === m.key);
      if (step) await startStep({ ...env, db }, found.group, def, step, found.steps);
    }
    // The head of the other parent's household is asked now, with the filing (never a request unsent).
    await askHead(q, found.group, found.steps, p.name, def, at);
    // The form's draft (drafts.ts) is filed: gone with the filing, kept when it is refused.
    await clearDraft(q, p.personalNumber, input);
    if (input.offer) await acceptOffer(q, p.personalNumber, input.offer, { provinceCode, id }, at);
    else
      await acceptOpenOffersOf(
        q,
        p.personalNumber,
        input.group,
        { provinceCode, id },
        at,
        drafts.find((d) => d.notice)?.notice,
      );
    return { id };
  });
  return filing.catch((err: unknown) => {
    // A filing that committed meanwhile (the notice's, or the same key's draft): asked again once,
    // this request is answered as one that starts after it (refused, or the same group for a retry).
    if (!again && (raced || (idempotencyKey && isStepDossierTaken(err))))
      return applyGroup(env, ctx, input, idempotencyKey, true);
    throw err;
  });
}

/**
 * The other parent's household the child joins (issue 12), when chosen: read afresh through the
 * exchange (logged), checked to be the other parent's and in the group's province (the applicant's
 * own household is the default: null). The residence step's values follow from it: only the child
 * registered, as the head's child or grandchild, the declarant's relationship to the head.
 */
async function childHomeOf(
  ctx: Ctx,
  input: GroupApplication,
  chosen: readonly string[],
  notice: string | undefined,
  at: Date,
): Promise<{ record: ChildHomeRecord; values: FormValues } | null> {
  const id = input.childHome;
  if (!id || !chosen.includes(CHILD_HOME_STEP)) return null;
  const p = ctx.principal;
  const homes = await readChildHomes(
    ctx.db,
    { principal: p, purpose: "prefill", requestId: ctx.requestId },
    p.id,
    notice,
  );
  const option = homes.options.find((o) => o.householdId === id);
  const field = (vi: string, en: string) => [{ field: "body.childHome", messageVi: vi, messageEn: en }];
  if (!option || !homes.applicant)
    throw new AppError(
      LinkedErrors.CHILD_HOME_NOT_PARENTS,
      field(`Mã hộ đã chọn: ${id}.`, `Household chosen: ${id}.`),
    );
  if (option.own) return null;
  if (!option.sameProvince)
    throw new AppError(
      LinkedErrors.CHILD_HOME_OTHER_PROVINCE,
      field(
        `Hộ của chủ hộ ${option.headName}, ${option.address}.`,
        `Household of ${option.headName}, ${option.address}.`,
      ),
    );
  const headNumber = homes.heads[id] as string;
  const record: ChildHomeRecord = {
    of: option.of,
    householdId: id,
    provinceCode: option.provinceCode,
    communeCode: option.communeCode,
    communeName: option.communeName,
    address: option.address,
    headNumber,
    headName: option.headName,
    relationshipToHead: option.headIsParent ? "con" : "cháu",
    // Not the applicant's household, so never headed by the applicant: the head consents themselves.
    consent: headNumber === p.id ? { by: p.id, at: at.toISOString(), as: "applicant" } : null,
  };
  const married = input.shared?.["parents.married"] === true;
  const declarant = declarantRelationship(homes.applicant, option.headIsParent, married);
  return { record, values: otherHouseholdValues(record, declarant) as FormValues };
}

type FirstDraft = {
  key: string;
  procedureCode: string;
  dossierId: string | null;
  provinceCode: string | null;
  values: FormValues;
  reused: string[];
  /** The birth or death notice the draft was prefilled from, if any. */
  notice: string | undefined;
};

/**
 * Each chosen member's values (what the later steps keep, the shared facts its form has, its own
 * answers) and, for the steps that depend on nothing, their drafts: the applicant's own draft when
 * given, else a new one (under the application's key), prefilled from `notice` when filed from
 * an offer. The others get theirs when they start.
 */
async function firstDrafts(
  ctx: Ctx,
  def: LinkedGroupDefinition,
  keys: readonly string[],
  input: GroupApplication,
  kept: Record<string, FormValues>,
  idempotencyKey: string | undefined,
  notice: string | undefined,
): Promise<FirstDraft[]> {
  const drafts: FirstDraft[] = [];
  let keyed = false;
  for (const key of keys) {
    const member = def.members.find((m) => m.key === key);
    if (!member) continue;
    const procedure = await getPublished(ctx.db, member.procedureCode);
    const fields = new Set(procedure.definition.form.map((f) => f.key));
    const shared = Object.fromEntries(Object.entries(input.shared ?? {}).filter(([k]) => fields.has(k)));
    const own = input.drafts?.[key];
    if (own && member.dependsOn.length > 0)
      throw new AppError("VALIDATION_FAILED", [
        {
          field: `body.drafts.${key}`,
          messageVi: "Chỉ bước đầu tiên được nộp kèm hồ sơ đã bắt đầu.",
          messageEn: "Only a first step can bring a draft already started.",
        },
      ]);
    const record = own
      ? await ownDraft(ctx, own, member.procedureCode, key)
      : member.dependsOn.length === 0
        ? await createDossier(
            ctx,
            // The deceased chosen (a paper notice): the draft filled from their record, as the form showed.
            {
              procedureCode: member.procedureCode,
              ...(notice ? { noticeId: notice } : {}),
              ...(input.deceased ? { deceasedNumber: input.deceased } : {}),
            },
            idempotencyKey && (keyed ? `${idempotencyKey}:${key}` : idempotencyKey),
            idempotencyKey ? applicationScope(input) : undefined,
          )
        : null;
    // The deceased named for the later steps is the one the first step's draft registers.
    const registers = record?.dossier.form["deceased.personalNumber"];
    if (own && input.deceased && registers !== undefined && registers !== input.deceased)
      throw new AppError("VALIDATION_FAILED", [
        {
          field: "body.deceased",
          messageVi: "Người đã mất không phải người trong hồ sơ khai tử đã bắt đầu.",
          messageEn: "The deceased is not the person of the death registration already started.",
        },
      ]);
    keyed ||= !own && member.dependsOn.length === 0;
    const values = { ...(kept[key] ?? {}), ...shared, ...(input.values?.[key] ?? {}) };
    drafts.push({
      key,
      procedureCode: member.procedureCode,
      dossierId: record?.dossier.id ?? null,
      provinceCode: record?.dossier.provinceCode ?? null,
      notice: record ? noticeOf(procedure.definition, record.dossier.components)?.ref : undefined,
      values,
      // What the notice gave and no answer replaced: reused at the step's submission.
      reused: Object.entries(kept[key] ?? {})
        .filter(([k, v]) => values[k] === v)
        .map(([k]) => k),
    });
  }
  return drafts;
}

/**
 * What an Idempotency-Key of a group application answers: the whole application (members in any
 * order), hashed with the first step's draft (`createDossier`'s `scope`).
 */
function applicationScope(input: GroupApplication) {
  return {
    group: input.group,
    members: [...input.members].sort(),
    verification: input.verification === true,
    shared: input.shared ?? {},
    values: input.values ?? {},
    drafts: input.drafts ?? {},
    deceased: input.deceased ?? null,
    offer: input.offer ?? null,
  };
}

/** The applicant's own draft of `procedureCode`, to be a group's first step; else a 422 naming the field. */
async function ownDraft(ctx: Ctx, id: string, procedureCode: string, key: string) {
  const bad = () =>
    new AppError("VALIDATION_FAILED", [
      {
        field: `body.drafts.${key}`,
        messageVi: "Hồ sơ đã bắt đầu không phải bản nháp thủ tục này của bạn.",
        messageEn: "The draft is not your draft of this procedure.",
      },
    ]);
  const record = await getVisibleRecord(ctx, id, "view").catch(() => {
    throw bad();
  });
  const d = record.dossier;
  if (d.status !== "draft" || d.procedureCode !== procedureCode || d.applicantNumber !== ctx.principal.id)
    throw bad();
  return record;
}

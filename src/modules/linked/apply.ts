import type { FormValues } from "../../domain/form.js";
import { plannedDue, selectMembers } from "../../domain/linked-group.js";
import { AppError } from "../../kernel/errors.js";
import { localityId } from "../../kernel/locality.js";
import { getPublished, getPublishedGroup } from "../catalog/index.js";
import { type Ctx, createDossier, getVisibleRecord, keyUsed, transition } from "../dossiers/index.js";
import { laterStepValues } from "./answers.js";

import { LinkedErrors } from "./errors.js";
import { alreadyFiled, offerRefusal } from "./offer-refusals.js";
import {
  acceptOffer,
  acceptOpenOffersOf,
  claimNotice,
  filingOfNotice,
  noticeOfOffer,
  offerState,
  releaseNotice,
} from "./offers.js";

import {
  deleteGroup,
  findGroup,
  groupOfDossier,
  insertGroup,
  insertStep,
  isStepDossierTaken,
} from "./repository.js";
import { type LinkedEnv, startStep } from "./steps.js";

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
};

/**
 * Files a group (Decree 63/2024): the later steps' answers checked first (`laterStepValues`: a
 * 422 LINKED_ANSWERS_MISSING names what is still to be answered, nothing is filed); one draft
 * dossier per member procedure, each with its own agency
 * and (at submission) code, queue and clock; the group record with each step's planned due instant
 * and the group's; then the steps that depend on nothing start at once (submitted as linked
 * filings: the step's limit, no fee). Dependent steps wait for their dependencies' results.
 * If a first step is refused at submission (an invalid form), nothing of the group remains: the
 * drafts are withdrawn and the refusal is the answer (4xx, bilingual, the form's fields named).
 * Returns the group's id (province first: the distribution key is in it).
 * With `idempotencyKey` (one per user intent), the first step's draft is created under the key
 * itself (any other first step under `<key>:<member>`), hashed with the whole application
 * (`applicationScope`): a retry or a double tap, finished or still in flight, gets the same draft
 * and so the first request's group (the steps' unique dossier index, migration 191, makes the
 * second insert lose); the key reused for another group or other answers is 409
 * IDEMPOTENCY_CONFLICT and nothing is written. (A group whose first steps are all the applicant's
 * own drafts claims no key: the draft itself names the intent, and its group is the answer.)
 * Filed from an offer, the group claims the offer's notice in its own transaction (migration 343,
 * `claimNotice`): of two filings from one notice at once (two relatives, two tabs) exactly one
 * group commits; the other is 409 OFFER_ALREADY_FILED, its group rolled back and its drafts
 * withdrawn (a filing that finds the notice taken before it starts writes nothing).
 */
export async function applyGroup(
  env: LinkedEnv,
  ctx: Ctx,
  input: GroupApplication,
  idempotencyKey?: string,
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
  const taken = notice && offerOpen ? await filingOfNotice(ctx.db, notice) : undefined;
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
  const kept = await laterStepValues(
    ctx,
    def,
    chosen.keys,
    input.shared ?? {},
    input.values ?? {},
    input.deceased,
  );
  // The steps that depend on nothing get their drafts now; the others when they start.
  const drafts: {
    key: string;
    procedureCode: string;
    dossierId: string | null;
    values: FormValues;
    reused: string[];
  }[] = [];
  let provinceCode: string | undefined;
  let keyed = false;
  for (const key of chosen.keys) {
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
            { procedureCode: member.procedureCode },
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
    provinceCode ??= record?.dossier.provinceCode;
    const values = { ...(kept[key] ?? {}), ...shared, ...(input.values?.[key] ?? {}) };
    drafts.push({
      key,
      procedureCode: member.procedureCode,
      dossierId: record?.dossier.id ?? null,
      values,
      // What the notice gave and no answer replaced: reused at the step's submission.
      reused: Object.entries(kept[key] ?? {})
        .filter(([k, v]) => values[k] === v)
        .map(([k]) => k),
    });
  }
  if (!provinceCode) throw new AppError("VALIDATION_FAILED");
  const first = drafts.find((d) => d.dossierId)?.dossierId;
  const earlier = async () => (first ? await groupOfDossier(ctx.db, provinceCode, first) : undefined);
  const replay = idempotencyKey ? await earlier() : undefined;
  if (replay) return { id: replay.groupId };
  // Taken by another filing of this person's (another tab): that group is named, not a dead end.
  if (!offerOpen && input.offer) throw await offerRefusal(ctx.db, p.personalNumber, input.offer, offer);
  const id = localityId(provinceCode);
  const withdrawDrafts = async () => {
    for (const d of drafts) {
      // The citizen's own draft stays a draft (with its uploads) to be corrected and filed again.
      if (!d.dossierId || input.drafts?.[d.key]) continue;
      await transition(ctx, d.dossierId, { type: "withdraw", reason: "linked group not filed" }).catch(
        () => undefined,
      );
    }
  };
  const planned = plannedDue(def, chosen.keys, at, { verification: input.verification === true });
  const inserted = await ctx.db
    .tx(async (q) => {
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
      // After the steps: a retry holding the same draft loses on the steps' index (answered above).
      if (notice) await claimNotice(q, notice, { provinceCode, id }, p.personalNumber, at);
    })
    .then(
      () => true,
      async (err: unknown) => {
        // The same draft already belongs to a group: a request with the same key filed it meanwhile.
        if (idempotencyKey && isStepDossierTaken(err) && (await earlier())) return false;
        // The notice taken by a filing at the same instant: this one's drafts go (nothing half-written).
        if (err instanceof AppError && err.code === LinkedErrors.OFFER_ALREADY_FILED.code)
          await withdrawDrafts();
        throw err;
      },
    );
  if (!inserted) {
    const winner = await earlier();
    if (winner) return { id: winner.groupId };
  }
  const found = await findGroup(ctx.db, provinceCode, id);
  if (!found) throw new Error("the group vanished after its insert");
  const roots = def.members.filter((m) => chosen.keys.includes(m.key) && m.dependsOn.length === 0);
  try {
    for (const m of roots) {
      const step = found.steps.find((s) => s.stepKey === m.key);
      if (step) await startStep(env, found.group, def, step, found.steps);
    }
  } catch (err) {
    await withdrawDrafts();
    await ctx.db.tx(async (q) => {
      if (notice) await releaseNotice(q, notice, { provinceCode, id });
      await deleteGroup(q, provinceCode, id);
    });
    throw err;
  }
  await ctx.db.tx(async (q) => {
    if (input.offer) await acceptOffer(q, p.personalNumber, input.offer, { provinceCode, id }, at);
    else await acceptOpenOffersOf(q, p.personalNumber, input.group, { provinceCode, id }, at);
  });
  return { id };
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

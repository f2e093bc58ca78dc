import type { Db } from "../../db/client.js";
import type { FormValues } from "../../domain/form.js";
import { reduce } from "../../domain/lifecycle.js";
import {
  dependantsOf,
  type GroupFact,
  type GroupMember,
  type LinkedGroupDefinition,
  type StepRecord,
  startable,
  stepPrefill,
} from "../../domain/linked-group.js";
import { stepEndReason } from "../../domain/linked-group-words.js";
import type { CitizenPrincipal } from "../../domain/principal.js";
import { LINKED_GROUP_ACTOR } from "../../domain/timeline.js";
import { AppError } from "../../kernel/errors.js";
import { getGroupVersion, getPublished } from "../catalog/index.js";
import type { OutboxMessage } from "../delivery/index.js";
import {
  type Ctx,
  cancelBySystem,
  createDossier,
  decideAutomatically,
  getVisibleRecord,
  receiveAutomatically,
  type Services,
  submit,
} from "../dossiers/index.js";
import type { Channels } from "../notifications/index.js";
import {
  addFacts,
  claimStep,
  findGroup,
  type GroupRow,
  groupOfDossier,
  type StepReason,
  type StepRow,
  setStep,
} from "./repository.js";
import { dependencyResults, resultFacts, resultValues } from "./step-inputs.js";

/**
 * The birth group's step that registers the child's residence: filed at the chosen household's
 * commune (`GroupRow.childHome`), and started only once that household's head consented.
 */
export const CHILD_HOME_STEP = "residence";

/** Whether a step still waits for the head's consent to the child joining their household. */
export const awaitsHeadConsent = (group: Pick<GroupRow, "childHome">, stepKey: string): boolean =>
  stepKey === CHILD_HOME_STEP &&
  group.childHome !== null &&
  group.childHome.consent === null &&
  !group.childHome.refusal;

/**
 * Cancels a step that can no longer be taken for a reason outside its agency (the household's
 * head refused the child), with the reason and what to do; the steps waiting on it are cancelled
 * too. Results already issued stand.
 */
export async function cancelStep(
  env: LinkedEnv,
  provinceCode: string,
  groupId: string,
  key: string,
  reason: StepReason,
): Promise<void> {
  const found = await findGroup(env.db, provinceCode, groupId);
  if (!found) return;
  const def = (await getGroupVersion(env.db, found.group.groupCode, found.group.groupVersion)).definition;
  await cancelDraft(env, found.group, key, reason);
  await fail(env, found.group, def, found.steps, key, reason, "cancelled");
}

/** What the step engine needs: the database, the dossiers' services (effects), the clock. */
export type LinkedEnv = {
  db: Db;
  services?: Services | undefined;
  now: () => Date;
  /** The platform's notification channels (SMTP e-mail, SMS): whether a reminder can reach a head. */
  channels?: Pick<Channels, "email" | "sms"> | undefined;
};

/** The applicant acts in their own name: the group's submission was their consent to each step. */
function applicantCtx(env: LinkedEnv, applicantNumber: string): Ctx {
  const principal: CitizenPrincipal = {
    kind: "citizen",
    id: applicantNumber,
    personalNumber: applicantNumber,
    name: "",
  };
  return { db: env.db, principal, services: env.services, now: env.now };
}

const memberOf = (def: LinkedGroupDefinition, key: string): GroupMember => {
  const m = def.members.find((x) => x.key === key);
  if (!m) throw new Error(`group ${def.code} has no member ${key}`);
  return m;
};

const records = (steps: readonly StepRow[]): StepRecord[] =>
  steps.map((s) => ({ key: s.stepKey, state: s.state, dossierStatus: null }));

/**
 * Starts one step: submits its draft with the citizen's values and what the group knows (its
 * dependencies' forms, the facts their results gave), as a linked filing (the step's limit, the fee
 * waived by the group's rule). A refusal of the submission (4xx) is thrown to the caller.
 */
export async function startStep(
  env: LinkedEnv,
  group: GroupRow,
  def: LinkedGroupDefinition,
  step: StepRow,
  steps: readonly StepRow[],
): Promise<void> {
  // The other parent's household takes the child only with its head's consent: the step waits.
  if (awaitsHeadConsent(group, step.stepKey)) return;
  const ctx = applicantCtx(env, group.applicantNumber);
  const member = memberOf(def, step.stepKey);
  // Registered into the other parent's household: filed at its commune, its head read as the form's.
  const home = step.stepKey === CHILD_HOME_STEP ? group.childHome : null;
  const { forms, results, sources, notice } = await dependencyResults(env, ctx, def, member, steps);
  const fromResults = resultValues(def, member, forms, group.facts, sources);
  const values: FormValues = {
    ...(step.values as FormValues),
    ...(stepPrefill(member, forms, group.facts) as FormValues),
    ...(home ? { "household.headConsent": home.consent !== null } : {}),
  };
  if (!(await claimStep(env.db, group.provinceCode, group.id, step.stepKey, env.now()))) return;
  try {
    // A dependent step's draft is made now: the registries and the results issued since (the
    // birth registration's) fill it, and replace the documents they stand for.
    const id =
      step.dossierId ??
      (
        await createDossier(ctx, {
          procedureCode: member.procedureCode,
          ...(notice ? { noticeId: notice } : {}),
          ...(home ? { communeCode: home.communeCode, householdHead: home.headNumber } : {}),
        })
      ).dossier.id;
    if (!step.dossierId)
      await setStep(env.db, group.provinceCode, group.id, step.stepKey, {
        state: "started",
        dossierId: id,
        at: env.now(),
      });
    await submit(ctx, id, values, undefined, {
      groupId: group.id,
      step: step.stepKey,
      timeLimit: { workingDays: member.limit.workingDays },
      limitConfirmed: member.limit.confirmed,
      supplementWithin: def.supplementWithin,
      free: def.fee.linkedFilingFree,
      reused: step.reused.filter((k) => values[k] === (step.values as FormValues)[k]),
      fromResults,
      // A later step is the group's doing (the earlier steps' results), not the applicant's act.
      ...(member.dependsOn.length > 0 ? { startedBy: "group" as const } : {}),
      ...(automaticBasis(member) ? { automatic: automaticBasis(member) } : {}),
    });
    // Started from the group's verified results, there is no paper file for the one-stop desk to
    // check: the platform receives it now and its legal clock starts (issue 12 point 2).
    if (results.length > 0) {
      const from = results.join(", ");
      const received = await receiveAutomatically(env.db, id, {
        actorId: SYSTEM_ACTOR,
        at: env.now(),
        note: {
          vi: `Tiếp nhận tự động: bước liên thông bắt đầu từ kết quả ${from}.`,
          en: `Received automatically: linked step started from result ${from}.`,
        },
      });
      // A step its group decides automatically goes on to its signed result (issue 12 point 2);
      // refused by a check, it is left to the agency's officers with why.
      const basis = automaticBasis(member);
      if (received && basis)
        await decideAutomatically(env.db, id, {
          actorId: SYSTEM_ACTOR,
          at: env.now(),
          basis,
          effects: env.services?.effects,
        });
    }
  } catch (err) {
    // Not started after all: the caller fails it (or, for a first step, removes the group).
    await setStep(env.db, group.provinceCode, group.id, step.stepKey, { state: "waiting", at: env.now() });
    throw err;
  }
}

/**
 * Starts every step that may start now (dependencies done, needed facts known). A step whose
 * submission is refused (its values no longer valid) fails with the refusal's words, and the steps
 * waiting on it are cancelled.
 */
export async function advance(env: LinkedEnv, provinceCode: string, groupId: string): Promise<void> {
  const found = await findGroup(env.db, provinceCode, groupId);
  if (!found) return;
  const { group, steps } = found;
  const def = (await getGroupVersion(env.db, group.groupCode, group.groupVersion)).definition;
  for (const key of startable(def, records(steps), group.facts)) {
    const step = steps.find((s) => s.stepKey === key);
    if (!step) continue;
    try {
      await startStep(env, group, def, step, steps);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const member = memberOf(def, key);
      const body = err.toBody().error;
      const detail = (body.details ?? []).map((d) => d.messageVi).join(" ");
      const detailEn = (body.details ?? []).map((d) => d.messageEn).join(" ");
      const name = (await getPublished(env.db, member.procedureCode)).definition;
      const reason: StepReason = {
        vi: `Hệ thống đã hủy bước "${name.nameVi}" vì không thể bắt đầu: ${body.messageVi} ${detail}`.trim(),
        en: `The platform cancelled the step "${name.nameEn}" because it could not start: ${body.messageEn} ${detailEn}`.trim(),
        whatToDoVi: `Các kết quả đã cấp vẫn có giá trị. Hãy nộp riêng thủ tục "${name.nameVi}" tại ${member.agencyVi} với thông tin đúng.`,
        whatToDoEn: `Results already issued stand. File "${name.nameEn}" on its own with the ${member.agencyEn}, with the right details.`,
      };
      await cancelDraft(env, group, key, reason);
      await fail(env, group, def, steps, key, reason, "cancelled");
    }
  }
}

/** The rule under which the platform decides a step (`decision: "automatic"`), or none. */
const automaticBasis = (member: GroupMember) =>
  member.decision === "automatic" ? member.decisionBasis : undefined;

/** Who the platform is in a step's log: the linked-group engine. */
export const SYSTEM_ACTOR = LINKED_GROUP_ACTOR;

/**
 * Cancels a step's dossier the platform made and could not submit (a start refused): by the
 * platform (role "system", the reason in both languages), never as the citizen's withdrawal.
 */
async function cancelDraft(env: LinkedEnv, group: GroupRow, key: string, reason: StepReason) {
  const found = await findGroup(env.db, group.provinceCode, group.id);
  const id = found?.steps.find((s) => s.stepKey === key)?.dossierId;
  if (!id) return;
  await cancelBySystem(env.db, id, { actorId: SYSTEM_ACTOR, at: env.now(), reason });
}

/** A step failed: it records why, and every step waiting on it is cancelled (its draft withdrawn). */
async function fail(
  env: LinkedEnv,
  group: GroupRow,
  def: LinkedGroupDefinition,
  steps: readonly StepRow[],
  key: string,
  reason: StepReason,
  state: "failed" | "cancelled" = "failed",
): Promise<void> {
  const at = env.now();
  const member = memberOf(def, key);
  await setStep(env.db, group.provinceCode, group.id, key, { state, reason, at });
  const after = records(steps).map((s) => (s.key === key ? { ...s, state } : s));
  for (const dep of dependantsOf(def, key, after)) {
    await setStep(env.db, group.provinceCode, group.id, dep, {
      state: "cancelled",
      at,
      reason: {
        vi: `Bước này không thể thực hiện vì bước trước (${member.agencyVi}) không có kết quả.`,
        en: `This step cannot proceed because the earlier step (${member.agencyEn}) has no result.`,
        whatToDoVi: "Khi đã có kết quả của bước trước, bạn có thể nộp lại thủ tục này riêng.",
        whatToDoEn: "Once the earlier step has a result, you can file this procedure on its own.",
      },
    });
    const id = steps.find((s) => s.stepKey === dep)?.dossierId;
    if (id)
      await cancelBySystem(env.db, id, {
        actorId: SYSTEM_ACTOR,
        at,
        reason: {
          vi: "Bước liên thông bị hủy vì bước trước không có kết quả.",
          en: "Linked step cancelled: the earlier step has no result.",
        },
      });
  }
}

/** The dossier events the group follows: a result issued, a refusal, a withdrawal. */
export const FOLLOWED_TOPICS = [
  "dossier.issue_result",
  "dossier.refuse",
  "dossier.refuse_receipt",
  "dossier.withdraw",
] as const;

/**
 * Follows a step's dossier (a `dossier.*` message through delivery): a result issued makes the step
 * done, records what it provides and starts the steps that may start; a refusal or withdrawal fails
 * it with the agency's reason and cancels the steps waiting on it. Other dossiers: nothing.
 */
export async function onDossierEvent(env: LinkedEnv, message: OutboxMessage): Promise<void> {
  const link = await groupOfDossier(env.db, message.provinceCode, message.key);
  if (!link) return;
  const found = await findGroup(env.db, message.provinceCode, link.groupId);
  if (!found) return;
  const { group, steps } = found;
  const step = steps.find((s) => s.stepKey === link.stepKey);
  if (step?.state !== "started") return;
  const def = (await getGroupVersion(env.db, group.groupCode, group.groupVersion)).definition;
  const member = memberOf(def, step.stepKey);
  const { dossier, parts } = await getVisibleRecord(
    applicantCtx(env, group.applicantNumber),
    message.key,
    "view",
  );
  const state = reduce(parts.log);
  if (message.topic === "dossier.issue_result") {
    const facts = resultFacts(member, parts.log);
    if (Object.keys(facts).length > 0) await addFacts(env.db, group.provinceCode, group.id, facts);
    await setStep(env.db, group.provinceCode, group.id, step.stepKey, { state: "done", at: env.now() });
    await advance(env, group.provinceCode, group.id);
    return;
  }
  const why = [...parts.log].reverse().find((a) => a.reason)?.reason ?? "";
  const reason = stepEndReason(
    state.status === "withdrawn"
      ? { kind: "withdrawn" }
      : {
          kind: "refused",
          agencyVi: member.agencyVi,
          agencyEn: member.agencyEn,
          code: dossier.code,
          why,
          resultsIssued: steps.some((s) => s.state === "done"),
        },
  );
  await fail(env, group, def, steps, step.stepKey, reason);
}

/**
 * A fact arrives for a group from outside its steps' results (the civil-status registry's
 * `birth_registered` message gives the child's personal number): recorded, and the steps that
 * needed it start. `dossierId` is the step's dossier the fact is about. False if it is no step.
 */
export async function provideFact(
  env: LinkedEnv,
  at: { provinceCode: string; dossierId: string },
  fact: GroupFact,
  value: string,
): Promise<boolean> {
  const link = await groupOfDossier(env.db, at.provinceCode, at.dossierId);
  if (!link) return false;
  await addFacts(env.db, at.provinceCode, link.groupId, { [fact]: value });
  await advance(env, at.provinceCode, link.groupId);
  return true;
}

import { type Queryable, withinOneTx } from "../../db/client.js";
import { type ChildHomeOption, childHomePlace } from "../../domain/linked-form.js";
import { formatInstantShort } from "../../domain/vietnamese-dates.js";
import { AppError } from "../../kernel/errors.js";
import { provinceOfId } from "../../kernel/locality.js";
import { getGroupVersion, getPublished } from "../catalog/index.js";
import { enqueue } from "../delivery/index.js";
import { type Ctx, type SpouseConsentRequest, spouseConsentRequests } from "../dossiers/index.js";
import { headedHousehold, readChildHomes } from "../exchange/index.js";
import { GROUP_NEWS_TOPIC, type GroupNews } from "../notifications/index.js";
import { filedAlone, filedAloneError, withdrawAloneDraft } from "./alone.js";
import { LinkedErrors } from "./errors.js";
import { noticeOfOffer } from "./offers.js";
import {
  findGroup,
  type GroupRow,
  groupsAwaitingHead,
  recordHeadConsent,
  recordHeadRefusal,
  type StepReason,
} from "./repository.js";
import { advance, CHILD_HOME_STEP, cancelStep, type LinkedEnv } from "./steps.js";

/**
 * The households the combined birth form offers for "where the child will live" (issue 12): the
 * mother's and the father's, each named by its head and address, read through the exchange and
 * logged in the other persons' access lists. `offer`: the form filed from that offer's notice.
 */
export async function childHomes(
  ctx: Ctx,
  offer?: string,
): Promise<{ applicant: "mother" | "father" | null; options: ChildHomeOption[] }> {
  const p = ctx.principal;
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  const notice = offer ? (await noticeOfOffer(ctx.db, p.personalNumber, offer))?.noticeId : undefined;
  const homes = await readChildHomes(
    ctx.db,
    { principal: p, purpose: "prefill", requestId: ctx.requestId },
    p.personalNumber,
    notice,
  );
  return { applicant: homes.applicant, options: homes.options };
}

/** What a head is asked to consent to: the group, the child's name, where, since when. */
export type ChildConsentRequest = {
  kind: "child";
  groupId: string;
  childName: string | null;
  /** Whose application it is to the child: the other parent. */
  applicantIs: "mother" | "father";
  address: string;
  communeName: string;
  receivedAt: Date;
};

/** A request for the head's consent: a birth group's child, or a spouse's dossier (dossiers module). */
export type ConsentRequest = ChildConsentRequest | SpouseConsentRequest;

/**
 * The requests waiting for the signed-in citizen's consent as head of household (Law on Residence
 * 2020, Art. 21(1)): the birth groups whose child is to join their household, and the spouses'
 * permanent residence dossiers joining it (`spouseConsentRequests`); only those naming their
 * household, in its province. A group whose residence step the applicant filed on its own and
 * submitted (`filedAlone`) is not listed: the head's consent is no longer needed.
 */
export async function consentRequests(ctx: Ctx): Promise<ConsentRequest[]> {
  const p = ctx.principal;
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  const household = await headedHousehold(ctx.db, p.personalNumber);
  if (!household) return [];
  const rows = await groupsAwaitingHead(ctx.db, household.provinceCode, p.personalNumber);
  const out: ConsentRequest[] = [...(await spouseConsentRequests(ctx))];
  for (const g of rows) {
    if (g.childHome.householdId !== household.id) continue;
    const found = await findGroup(ctx.db, household.provinceCode, g.id);
    // Filed on its own and submitted by the applicant: the head's consent is no longer asked.
    if (!found || (await filedAlone(ctx.db, found.group, found.steps))) continue;
    const name = found.steps.find((s) => s.stepKey === "birth")?.values["child.fullName"];
    out.push({
      kind: "child",
      groupId: g.id,
      childName: typeof name === "string" ? name : null,
      applicantIs: g.childHome.of === "father" ? "mother" : "father",
      address: g.childHome.address,
      communeName: g.childHome.communeName,
      receivedAt: g.receivedAt,
    });
  }
  return out;
}

/** The group whose child-home head is the signed-in citizen, else 404 CHILD_HOME_NOT_HEAD. */
async function groupOfHead(ctx: Ctx, id: string) {
  const p = ctx.principal;
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  const province = provinceOfId(id);
  const found = province ? await findGroup(ctx.db, province, id) : undefined;
  const home = found?.group.childHome;
  if (!found || !home || home.headNumber !== p.personalNumber)
    throw new AppError(LinkedErrors.CHILD_HOME_NOT_HEAD);
  return { found, home, head: p.personalNumber };
}

/**
 * The head's answer on record, as the 409 a later answer gets (a refusal after a consent, a
 * consent after a refusal, or the loser of two answers at the same moment, from two devices):
 * which answer and when (CHILD_HOME_REFUSED / CHILD_HOME_CONSENTED).
 */
function answeredError(home: NonNullable<GroupRow["childHome"]>): AppError {
  if (home.refusal) {
    const at = home.refusal.at;
    return new AppError(LinkedErrors.CHILD_HOME_REFUSED, undefined, {
      vi: `Bạn đã không đồng ý cho trẻ vào hộ lúc ${formatInstantShort(at)}; bước đăng ký thường trú đã được hủy. Đề nghị này đã được trả lời, không thể trả lời lại.`,
      en: `You refused the child joining your household at ${formatInstantShort(at, "en")}; the residence step was cancelled. This request was answered and cannot be answered again.`,
    });
  }
  const at = home.consent?.at ?? "";
  return new AppError(LinkedErrors.CHILD_HOME_CONSENTED, undefined, {
    vi: `Bạn đã đồng ý cho trẻ vào hộ lúc ${formatInstantShort(at)}; không thể từ chối sau khi đã đồng ý.`,
    en: `You consented to the child joining your household at ${formatInstantShort(at, "en")}; it cannot be refused afterwards.`,
  });
}

/**
 * Why the head's answer was not recorded although the request looked unanswered when read: another
 * answer came first (a second device). The request is found again whatever its state, then said
 * answered (409 naming the answer on record); 404 CHILD_HOME_NOT_HEAD only when it is gone.
 */
async function answeredMeanwhile(q: Queryable, provinceCode: string, id: string): Promise<AppError> {
  const home = (await findGroup(q, provinceCode, id))?.group.childHome;
  return home && (home.refusal || home.consent !== null)
    ? answeredError(home)
    : new AppError(LinkedErrors.CHILD_HOME_NOT_HEAD);
}

const residenceState = async (ctx: Ctx, provinceCode: string, id: string) =>
  (await findGroup(ctx.db, provinceCode, id))?.steps.find((s) => s.stepKey === CHILD_HOME_STEP)?.state ??
  null;

/**
 * The head consents to the child joining their household (Law on Residence 2020, Art. 21(1)):
 * recorded once on the group (who, when), then the residence step starts when the child's personal
 * number is known (`advance`). Returns `{ groupId, consent: { by, at, as: "head" }, residenceStep }`.
 * Consenting again answers the consent on record (a retried request, a second tap). Anyone but the
 * head: 404 CHILD_HOME_NOT_HEAD; after the head refused (also from another device at the same
 * moment): 409 CHILD_HOME_REFUSED naming when; once the applicant submitted the residence step
 * filed on its own (`filedAloneError`): 409 STEP_FILED_ALONE naming that dossier; nothing written.
 * A draft of it does not block: the consent withdraws it (`withdrawAloneDraft`, with its reason),
 * so that the child is registered once. Judged and written in one transaction holding the group
 * row's lock, the lock `fileStepAlone` takes, the draft's row locked before it is withdrawn.
 */
export async function consentAsHead(env: LinkedEnv, ctx: Ctx, id: string) {
  const { found, home, head } = await groupOfHead(ctx, id);
  const province = found.group.provinceCode;
  if (home.refusal) throw answeredError(home);
  if (home.consent !== null)
    return { groupId: id, consent: home.consent, residenceStep: await residenceState(ctx, province, id) };
  const at = env.now();
  const consent = { by: head, at: at.toISOString(), as: "head" as const };
  await withinOneTx(ctx.db, async (db, q) => {
    const locked = await findGroup(q, province, id, true);
    if (!locked) throw new AppError(LinkedErrors.CHILD_HOME_NOT_HEAD);
    const filed = await filedAloneError(q, locked.group, locked.steps);
    if (filed) throw filed;
    await withdrawAloneDraft(db, locked.group, locked.steps, at);
    if (!(await recordHeadConsent(q, province, id, consent))) throw await answeredMeanwhile(q, province, id);
  });
  await advance({ ...env, db: ctx.db }, province, id);
  return { groupId: id, consent, residenceStep: await residenceState(ctx, province, id) };
}

/** The group's words for the residence step the head's refusal cancels: why, and what to do. */
function refusalReason(home: NonNullable<GroupRow["childHome"]>, own: string | null): StepReason {
  const place = childHomePlace(home);
  return {
    vi:
      `Chủ hộ ${home.headName} không đồng ý cho trẻ đăng ký thường trú vào hộ tại ${place} (Luật Cư trú 2020, Điều 21: cần chủ hộ đồng ý).` +
      (own ? ` Lý do chủ hộ nêu: “${own}”.` : ""),
    en:
      `The head of household, ${home.headName}, did not consent to the child's registration in the household at ${place} (Law on Residence 2020, Art. 21: the head's consent is required).` +
      (own ? ` The head's reason: “${own}”.` : ""),
    whatToDoVi:
      "Các kết quả đã cấp vẫn có giá trị. Bạn có thể nộp riêng thủ tục Đăng ký thường trú để đăng ký cho con vào hộ của mình (hoặc một hộ khác có chủ hộ đồng ý).",
    whatToDoEn:
      "Results already issued stand. You can file permanent residence registration on its own to register the child into your own household (or another whose head consents).",
  };
}

/**
 * What the applicant is told of the head's refusal (issue 12 point 4): the group, the step and its
 * agency, the head's refusal with the head's own words, what to do, in the words of the group's
 * page (the step's reason), and the group's page.
 */
async function refusalNews(q: Queryable, group: GroupRow, reason: StepReason): Promise<GroupNews> {
  const def = (await getGroupVersion(q, group.groupCode, group.groupVersion)).definition;
  const member = def.members.find((m) => m.key === CHILD_HOME_STEP);
  const procedure = member ? (await getPublished(q, member.procedureCode)).definition : undefined;
  const stepVi = `bước “${procedure?.nameVi ?? ""}”${member ? ` (${member.agencyVi})` : ""}`;
  const stepEn = `the step “${procedure?.nameEn ?? ""}”${member ? ` (${member.agencyEn})` : ""}`;
  const textVi = `Nhóm hồ sơ liên thông “${def.nameVi}”: ${stepVi} đã bị hủy. ${reason.vi} ${reason.whatToDoVi} Xem nhóm hồ sơ:`;
  return {
    personalNumber: group.applicantNumber,
    groupId: group.id,
    event: "head_refused",
    path: `/lien-thong/${group.id}`,
    textVi,
    textEn: `Linked application “${def.nameEn}”: ${stepEn} was cancelled. ${reason.en} ${reason.whatToDoEn} See the application:`,
    // The whole of it: who refused, the head's own words and what to do matter more than brevity.
    smsVi: `Một Lần: ${textVi}`,
    subjectVi: `Một Lần: chủ hộ không đồng ý cho trẻ vào hộ (“${def.nameVi}”)`,
    subjectEn: `Một Lần: the head of household did not consent to the child joining (“${def.nameEn}”)`,
  };
}

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/**
 * The head refuses the child joining their household (Law on Residence 2020, Art. 21(1)), with an
 * optional short reason: recorded once on the group, the residence step is cancelled with the
 * reason in plain words and what the parent can do (register the child into their own household,
 * on its own), and the applicant is told by SMS and e-mail (`linked.group_news`, event
 * "head_refused"), all in one transaction; results already issued stand. Refusing again answers
 * the refusal on record; the loser of two answers at the same moment (two devices) gets 409
 * naming the answer on record (CHILD_HOME_REFUSED / CHILD_HOME_CONSENTED). Anyone but the head:
 * 404 CHILD_HOME_NOT_HEAD; after the head consented: 409 CHILD_HOME_CONSENTED; once the applicant
 * submitted the residence step filed on its own (`filedAloneError`, judged under the group row's
 * lock like the consent): 409 STEP_FILED_ALONE naming that dossier; nothing written.
 */
export async function refuseAsHead(env: LinkedEnv, ctx: Ctx, id: string, reason?: string) {
  const { found, home, head } = await groupOfHead(ctx, id);
  const provinceCode = found.group.provinceCode;
  if (home.consent !== null) throw answeredError(home);
  if (home.refusal)
    return { groupId: id, refusal: home.refusal, residenceStep: await residenceState(ctx, provinceCode, id) };
  const own = text(reason);
  const at = env.now();
  const refusal = { by: head, at: at.toISOString(), reason: own };
  const why = refusalReason(home, own);
  // One transaction: the refusal never stands without its cancelled step and the applicant's news.
  await withinOneTx(ctx.db, async (db, q) => {
    // Under the group row's lock, as the consent: once the applicant submitted the residence step
    // filed on its own, the head has nothing left to answer (409 STEP_FILED_ALONE, nothing written).
    const locked = await findGroup(q, provinceCode, id, true);
    if (!locked) throw new AppError(LinkedErrors.CHILD_HOME_NOT_HEAD);
    const filed = await filedAloneError(q, locked.group, locked.steps);
    if (filed) throw filed;
    if (!(await recordHeadRefusal(db, provinceCode, id, refusal)))
      throw await answeredMeanwhile(db, provinceCode, id);
    await cancelStep({ ...env, db }, provinceCode, id, CHILD_HOME_STEP, why);
    await enqueue(db, {
      topic: GROUP_NEWS_TOPIC,
      key: `head-refusal:${id}`,
      payload: await refusalNews(db, found.group, why),
      provinceCode,
      at,
    });
  });
  return { groupId: id, refusal, residenceStep: await residenceState(ctx, provinceCode, id) };
}

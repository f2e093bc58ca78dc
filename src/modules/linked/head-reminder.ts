import type { Queryable } from "../../db/client.js";
import { workingDaysBetween } from "../../domain/calendar/index.js";
import { childHomePlace } from "../../domain/linked-form.js";
import type { LinkedGroupDefinition } from "../../domain/linked-group.js";
import { formatDate, formatInstantShort } from "../../domain/vietnamese-dates.js";
import { AppError } from "../../kernel/errors.js";
import { provinceOfId } from "../../kernel/locality.js";
import { getGroupVersion } from "../catalog/index.js";
import { enqueue } from "../delivery/index.js";
import type { Ctx } from "../dossiers/index.js";
import {
  channelsReaching,
  GROUP_NEWS_TOPIC,
  type GroupNews,
  HEAD_REMINDER_TOPIC,
} from "../notifications/index.js";
import { filedAloneError } from "./alone.js";
import { LinkedErrors } from "./errors.js";
import { findGroup, type GroupRow, recordHeadReminder, type StepRow } from "./repository.js";
import { CHILD_HOME_STEP, type LinkedEnv } from "./steps.js";

/** One reminder per request in this long (issue 12: the head is not pressed more than once a day). */
export const REMIND_EVERY_MS = 24 * 60 * 60 * 1000;

type Words = { vi: string; en: string };

/** Whether the residence step still waits for the head of the chosen household to answer. */
const waitsForHead = (group: GroupRow, steps: readonly StepRow[]): boolean =>
  group.childHome !== null &&
  group.childHome.consent === null &&
  !group.childHome.refusal &&
  steps.find((s) => s.stepKey === CHILD_HOME_STEP)?.state === "waiting";

const nextReminder = (home: NonNullable<GroupRow["childHome"]>): Date | null => {
  const last = home.reminders?.at(-1);
  return last ? new Date(Date.parse(last) + REMIND_EVERY_MS) : null;
};

/**
 * The wait for the head, as the applicant's page tells it (null once answered): since when (the
 * group's filing, when the head was asked), how many working days (the calendar's), when a
 * reminder is possible again (null: now), and what the applicant can do meanwhile: no action of
 * the group takes the step out, so the procedure filed on its own, in her own household, once the
 * earlier step has its result. `pending`: the earlier step (its procedure's name) whose result is
 * not there yet (`pendingEarlierStep`: the birth submitted, not registered; the child has no
 * personal number yet, Law on Residence 2020 Art. 21), then filing on its own is not offered, only
 * said to become possible once it has its result; null when it has it.
 */
export function headWait(
  group: GroupRow,
  steps: readonly StepRow[],
  now: Date,
  procedure: Words,
  pending: Words | null,
) {
  const home = group.childHome;
  if (!home || !waitsForHead(group, steps)) return null;
  const next = nextReminder(home);
  return {
    headName: home.headName,
    since: group.receivedAt,
    workingDays: Math.floor(workingDaysBetween(new Date(group.receivedAt), now)),
    nextReminderAt: next && next > now ? next.toISOString() : null,
    meanwhileVi: pending
      ? `Bước này chưa thể bỏ khỏi nhóm hồ sơ. Khi bước “${pending.vi}” đã có kết quả (trẻ có số định danh cá nhân), nếu không muốn chờ, bạn có thể nộp riêng thủ tục “${procedure.vi}” tại Công an xã, phường nơi bạn thường trú để đăng ký cho con vào hộ của mình. Các bước khác vẫn tiếp tục.`
      : `Bước này chưa thể bỏ khỏi nhóm hồ sơ. Nếu không muốn chờ, bạn có thể nộp riêng thủ tục “${procedure.vi}” tại Công an xã, phường nơi bạn thường trú để đăng ký cho con vào hộ của mình; khi hồ sơ đó đã nộp, chủ hộ không cần đồng ý nữa (đề nghị gửi chủ hộ tự đóng). Các bước khác vẫn tiếp tục.`,
    meanwhileEn: pending
      ? `This step cannot be taken out of the group application. Once “${pending.en}” has its result (the child has a personal number), if you do not want to wait, you can file “${procedure.en}” on its own with the police of the commune where you live, to register the child in your own household. The other steps go on.`
      : `This step cannot be taken out of the group application. If you do not want to wait, you can file “${procedure.en}” on its own with the police of the commune where you live, to register the child in your own household; once that dossier is submitted, the head's consent is no longer needed (the request to the head closes). The other steps go on.`,
  };
}

/**
 * What the head is told: who asks, for which child, in which group, and where to answer. The first
 * request (`kind` "request", queued when the group is filed) and a reminder differ in their first
 * words only.
 */
function headNews(
  group: GroupRow,
  steps: readonly StepRow[],
  applicantName: string,
  groupName: Words,
  kind: "request" | "reminder",
): GroupNews {
  const home = group.childHome as NonNullable<GroupRow["childHome"]>;
  const named = steps.find((s) => s.stepKey === "birth")?.values["child.fullName"];
  const child = typeof named === "string" && named.trim() ? named.trim() : null;
  const parentVi = home.of === "father" ? "mẹ" : "cha";
  const parentEn = home.of === "father" ? "mother" : "father";
  const who = applicantName.trim();
  const whoVi = `${who ? `${who}, ` : ""}${parentVi} của ${child ?? "trẻ"}`;
  const whoEn = `${who ? `${who}, ` : "The "}${parentEn} of ${child ?? "the newborn"}`;
  const filed = formatDate(group.receivedAt);
  const reminder = kind === "reminder";
  return {
    personalNumber: home.headNumber,
    groupId: group.id,
    event: reminder ? "head_reminder" : "head_request",
    textVi: `${reminder ? "Nhắc lại: " : ""}${whoVi}, đề nghị bạn (chủ hộ) đồng ý cho trẻ đăng ký thường trú vào hộ tại ${childHomePlace(home)} (nhóm hồ sơ liên thông “${groupName.vi}”, nộp ngày ${filed}). Đăng nhập Một Lần, mục “Đề nghị chờ tôi đồng ý” trên trang chủ, để đồng ý hoặc không đồng ý.`,
    textEn: `${reminder ? "Reminder: " : ""}${whoEn}, asks you, as head of household, to consent to the child's permanent residence registration in the household at ${childHomePlace(home)} (linked application “${groupName.en}”, filed on ${filed}). Sign in to Một Lần, "Requests waiting for my consent" on the home page, to consent or refuse.`,
    smsVi: reminder
      ? `Một Lần: ${whoVi}, nhắc bạn đồng ý cho trẻ vào hộ (nhóm hồ sơ “${groupName.vi}”). Vào mục Đề nghị chờ tôi đồng ý:`
      : `Một Lần: ${whoVi}, đề nghị bạn (chủ hộ) đồng ý cho trẻ đăng ký thường trú vào hộ (nhóm hồ sơ “${groupName.vi}”). Vào mục Đề nghị chờ tôi đồng ý để trả lời:`,
    subjectVi: reminder
      ? `Một Lần: nhắc đồng ý cho trẻ vào hộ (“${groupName.vi}”)`
      : `Một Lần: đề nghị đồng ý cho trẻ vào hộ (“${groupName.vi}”)`,
    subjectEn: reminder
      ? `Một Lần: reminder to consent to the child joining your household (“${groupName.en}”)`
      : `Một Lần: request to consent to the child joining your household (“${groupName.en}”)`,
  };
}

/**
 * The head of the household the child is to join is asked, when the group is filed (issue 12): told
 * by SMS and e-mail (`linked.group_news`, event "head_request") in the filing's transaction `q`,
 * naming the applicant, the child and the group, and where to answer. Nothing when the group's
 * child joins the applicant's own household or its head already consented.
 */
export async function askHead(
  q: Queryable,
  group: GroupRow,
  steps: readonly StepRow[],
  applicantName: string,
  def: Pick<LinkedGroupDefinition, "nameVi" | "nameEn">,
  at: Date,
): Promise<void> {
  if (!waitsForHead(group, steps)) return;
  const news = headNews(group, steps, applicantName, { vi: def.nameVi, en: def.nameEn }, "request");
  await enqueue(q, {
    topic: GROUP_NEWS_TOPIC,
    key: `head-request:${group.id}`,
    payload: news,
    provinceCode: group.provinceCode,
    at,
  });
}

const tooSoon = (last: Date, next: Date) =>
  new AppError(LinkedErrors.HEAD_REMINDER_TOO_SOON, undefined, {
    vi: `Bạn đã nhắc chủ hộ lúc ${formatInstantShort(last)}. Mỗi đề nghị chỉ được nhắc một lần trong 24 giờ: bạn có thể nhắc lại từ ${formatInstantShort(next)}.`,
    en: `You reminded the head of household at ${formatInstantShort(last, "en")}. A request may be reminded once every 24 hours: you can remind again from ${formatInstantShort(next, "en")}.`,
  });

/** Why no reminder may be sent now (answered, or reminded within 24 hours), else nothing. */
function refusal(group: GroupRow, steps: readonly StepRow[], at: Date): AppError | null {
  const home = group.childHome;
  if (!home || !waitsForHead(group, steps)) return new AppError(LinkedErrors.HEAD_NOT_WAITING);
  const next = nextReminder(home);
  const last = home.reminders?.at(-1);
  return next && last && next > at ? tooSoon(new Date(last), next) : null;
}

/**
 * The applicant reminds the head of the household the child is to join, while the head has not
 * answered (issue 12): the reminder is recorded on the group (its page lists it) and the head is
 * told by SMS and e-mail (`linked.head_reminder`, in the same transaction), naming the applicant,
 * the child and the group. At most one in 24 hours: 409 HEAD_REMINDER_TOO_SOON naming when the next
 * is possible; once answered: 409 HEAD_NOT_WAITING; once the applicant submitted the residence
 * step filed on its own (the head's consent no longer needed, `filedAloneError`): 409
 * STEP_FILED_ALONE naming that dossier; when neither SMS nor e-mail can reach the head
 * (no phone, no e-mail or no SMTP: `channelsReaching`): 409 HEAD_UNREACHABLE, no 24-hour lock;
 * anyone but the applicant: 404; nothing written.
 */
export async function remindHead(env: LinkedEnv, ctx: Ctx, id: string) {
  const p = ctx.principal;
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  const province = provinceOfId(id);
  const found = province ? await findGroup(ctx.db, province, id) : undefined;
  if (!province || !found || found.group.applicantNumber !== p.personalNumber)
    throw new AppError("NOT_FOUND");
  const at = (ctx.now ?? env.now)();
  const refused =
    (await filedAloneError(ctx.db, found.group, found.steps, "applicant")) ??
    refusal(found.group, found.steps, at);
  if (refused) throw refused;
  // A reminder that reaches nobody is not one: not recorded, no 24-hour lock (issue 12).
  const head = (found.group.childHome as NonNullable<GroupRow["childHome"]>).headNumber;
  if ((await channelsReaching(ctx.db, env.channels ?? {}, head)).length === 0)
    throw new AppError(LinkedErrors.HEAD_UNREACHABLE);
  const def = (await getGroupVersion(ctx.db, found.group.groupCode, found.group.groupVersion)).definition;
  const news = headNews(found.group, found.steps, p.name, { vi: def.nameVi, en: def.nameEn }, "reminder");
  await ctx.db.tx(async (q) => {
    if (!(await recordHeadReminder(q, province, id, at, new Date(at.getTime() - REMIND_EVERY_MS)))) {
      // Answered or reminded meanwhile (a second tap, another device): told why.
      const now = await findGroup(q, province, id);
      throw (now && refusal(now.group, now.steps, at)) ?? new AppError(LinkedErrors.HEAD_NOT_WAITING);
    }
    await enqueue(q, {
      topic: HEAD_REMINDER_TOPIC,
      key: `head-reminder:${id}`,
      payload: news,
      provinceCode: province,
      at,
    });
  });
  return {
    groupId: id,
    remindedAt: at.toISOString(),
    nextReminderAt: new Date(at.getTime() + REMIND_EVERY_MS).toISOString(),
  };
}

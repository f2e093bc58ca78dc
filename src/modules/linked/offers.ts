import { randomUUID } from "node:crypto";
import type { Queryable } from "../../db/client.js";
import { AppError } from "../../kernel/errors.js";
import { getPublishedGroup } from "../catalog/index.js";
import { enqueue } from "../delivery/index.js";
import type { BirthNoticeListener, DeathNoticeListener } from "../exchange/index.js";
import { OFFER_TOPIC, type OfferNews } from "../notifications/index.js";
import { LinkedErrors } from "./errors.js";
import { declinedBy, offerRefusal } from "./offer-refusals.js";

/**
 * Proactive offers (issue 12 point 5): a birth notice arriving from a health facility offers each
 * parent the birth group, and a death notice offers each adult of the deceased's household the
 * death group, prefilled, waiting in their portal (home page, My dossiers). An offer never files
 * anything: it is accepted only by the person's own submission of the group (`applyGroup` with
 * `offer`), can be declined, and expires when the law's period to register ends: 60 days from the
 * birth (Luật Hộ tịch 2014, Điều 15 khoản 1), 15 days for a death (Điều 33 khoản 1). All
 * statements name the person (the table's distribution key).
 */
export const BIRTH_OFFER_DAYS = 60;
export const DEATH_OFFER_DAYS = 15;
const DAY_MS = 86_400_000;

/**
 * Until when a death offer stands: the 15 days the law gives relatives to register a death
 * (Luật Hộ tịch 2014, Điều 33 khoản 1), counted from the notice's arrival, when the household is
 * told (the law counts from the death; a notice usually arrives the same day, and registering late
 * stays possible and due, so a late notice is not offered already expired: the platform's choice).
 */
export function deathOfferExpiry(arrivedAt: Date): Date {
  return new Date(arrivedAt.getTime() + DEATH_OFFER_DAYS * DAY_MS);
}

/** An open offer as its person sees it: the group, the notice's facts, until when. */
export type Offer = {
  id: string;
  groupCode: string;
  noticeId: string;
  createdAt: Date;
  expiresAt: Date;
  birthAt: Date | null;
  childSex: "M" | "F" | null;
  facility: string | null;
  /** A death offer's notice: who died, when (ISO instant) and where; null for a birth offer. */
  death: { name: string; diedAt: string; place: string } | null;
};

/**
 * A new offer is also told by SMS and e-mail (notifications' `linked.offer`, in the offer's
 * transaction): the group named, what the notice told, the link to the prefilled application, its
 * absolute `url` made here from the configured PUBLIC_URL (`publicUrl`, no trailing slash) so that
 * whichever process tells it links to the same address. `lead.sms`: the SMS's own text before the
 * link, at most ~115 characters so that with a link of ~86 it stays within 3 UCS-2 parts (201).
 * Only an offer inserted now is told: a redelivered notice finds its offers there and tells nothing.
 */
async function tellOffer(
  q: Queryable,
  o: { personalNumber: string; id: string; groupCode: "birth" | "death"; provinceCode: string; at: Date },
  lead: { vi: string; en: string; sms: string },
  publicUrl: string,
): Promise<void> {
  const group = (await getPublishedGroup(q, o.groupCode)).definition;
  const path = `/lien-thong/nop/${o.groupCode}?offer=${o.id}`;
  const payload: OfferNews = {
    personalNumber: o.personalNumber,
    offerId: o.id,
    groupCode: o.groupCode,
    path,
    url: `${publicUrl}${path}`,
    textVi: `${lead.vi} “${group.nameVi}”: ${group.summaryVi} Hồ sơ đã được điền sẵn, chờ bạn xác nhận và nộp.`,
    textEn: `${lead.en} “${group.nameEn}”: ${group.summaryEn} The application is prefilled and waits for your confirmation.`,
    smsVi: lead.sms,
    subjectVi: `Một Lần: “${group.nameVi}” đã được điền sẵn cho bạn`,
    subjectEn: `Một Lần: “${group.nameEn}”, prefilled for you`,
  };
  await enqueue(q, {
    topic: OFFER_TOPIC,
    key: `offer:${o.id}`,
    payload,
    provinceCode: o.provinceCode,
    at: o.at,
  });
}

/**
 * The notice listener: one offer of the birth group per parent the notice was filed under, its
 * link under `publicUrl` (the configured PUBLIC_URL).
 */
export const offerBirthGroup =
  (publicUrl: string): BirthNoticeListener =>
  async (q, e) => {
    const expiresAt = new Date(e.birthAt.getTime() + BIRTH_OFFER_DAYS * 86_400_000);
    for (const pn of e.parents) {
      const { rows } = await q.query<{ id: string }>(
        `insert into linked_offers (personal_number, id, group_code, notice_id, province_code, created_at, expires_at)
       values ($1, $2, 'birth', $3, $4, $5, $6) on conflict (personal_number, group_code, notice_id) do nothing
       returning id`,
        [pn, randomUUID(), e.noticeId, e.provinceCode, e.at, expiresAt],
      );
      for (const { id } of rows)
        await tellOffer(
          q,
          { personalNumber: pn, id, groupCode: "birth", provinceCode: e.provinceCode, at: e.at },
          {
            vi: "Cơ sở y tế đã gửi giấy chứng sinh của con bạn.",
            en: "The health facility sent your child's birth notice.",
            sms: "Cơ sở y tế đã gửi giấy chứng sinh của con bạn. Hồ sơ “Nhóm thủ tục liên thông khai sinh” đã điền sẵn, mở để nộp:",
          },
          publicUrl,
        );
    }
  };

/**
 * The death-notice listener: one offer of the death group per living adult of the household, its
 * link under `publicUrl` (the configured PUBLIC_URL).
 */
export const offerDeathGroup =
  (publicUrl: string): DeathNoticeListener =>
  async (q, e) => {
    const expiresAt = deathOfferExpiry(e.at);
    const notice = JSON.stringify({ name: e.deceasedName, diedAt: e.diedAt.toISOString(), place: e.place });
    for (const pn of e.relatives) {
      const { rows } = await q.query<{ id: string }>(
        `insert into linked_offers (personal_number, id, group_code, notice_id, province_code, created_at, expires_at, notice)
       values ($1, $2, 'death', $3, $4, $5, $6, $7::jsonb) on conflict (personal_number, group_code, notice_id) do nothing
       returning id`,
        [pn, randomUUID(), e.noticeId, e.provinceCode, e.at, expiresAt, notice],
      );
      for (const { id } of rows)
        await tellOffer(
          q,
          { personalNumber: pn, id, groupCode: "death", provinceCode: e.provinceCode, at: e.at },
          {
            vi: `Chia buồn cùng gia đình. Giấy báo tử của ${e.deceasedName} đã được gửi đến.`,
            en: `Our condolences. The death notice of ${e.deceasedName} has arrived.`,
            sms: `Chia buồn cùng gia đình. Giấy báo tử của ${e.deceasedName} đã đến. Hồ sơ khai tử đã điền sẵn:`,
          },
          publicUrl,
        );
    }
  };

/**
 * The person's open offers at `now`: neither decided nor expired, no group filed from their notice
 * by anyone (the other parent's or a relative's filing makes them 'filed', `takeOffers`), and their
 * notice not registered yet by anyone (a single procedure at the counter), newest first. A birth
 * notice's registration is read in the same statement (the person's own copy, on their shard); a
 * death notice's under the person's household, one more one-shard read when one is offered.
 */
export async function openOffers(q: Queryable, personalNumber: string, now: Date): Promise<Offer[]> {
  const { rows } = await q.query<Offer>(
    `select o.id, o.group_code as "groupCode", o.notice_id as "noticeId", o.created_at as "createdAt",
  o.expires_at as "expiresAt", n.birth_at as "birthAt", n.child_sex as "childSex", n.facility,
  case when o.group_code = 'death' then o.notice end as death
from linked_offers o left join birth_notices n
  on n.personal_number = o.personal_number and n.id = o.notice_id and o.group_code = 'birth'
where o.personal_number = $1 and o.state = 'open' and o.expires_at > $2 and n.registered is not true
order by o.created_at desc`,
    [personalNumber, now],
  );
  const registered = await registeredDeaths(q, personalNumber, rows);
  return rows.filter((o) => !registered.has(o.noticeId));
}

/**
 * Which of these death offers' notices are registered already, read under the person's household
 * (where death notices are filed); none read without a death offer.
 */
async function registeredDeaths(
  q: Queryable,
  personalNumber: string,
  offers: ReadonlyArray<{ groupCode: string; noticeId: string }>,
): Promise<Set<string>> {
  const deaths = offers.filter((o) => o.groupCode === "death").map((o) => o.noticeId);
  if (deaths.length === 0) return new Set();
  const household = await householdOf(q, personalNumber);
  if (!household) return new Set();
  const { rows } = await q.query<{ id: string }>(
    "select id from death_notices where household_id = $1 and id = any($2::text[]) and registered",
    [household, deaths],
  );
  return new Set(rows.map((r) => r.id));
}

async function householdOf(q: Queryable, personalNumber: string): Promise<string | undefined> {
  const { rows } = await q.query<{ household: string | null }>(
    "select household_id as household from persons where personal_number = $1",
    [personalNumber],
  );
  return rows[0]?.household ?? undefined;
}

/**
 * Where the person's offer `id` stands at `now` (of `groupCode` when given): "open" (not decided,
 * not expired, no group filed from its notice, its notice not registered), "accepted" (a filing of
 * theirs took it: a retry of that filing may answer with its group), "filed" (someone else filed a
 * group from its notice) or "closed" (unknown, declined, expired, or its notice registered).
 */
export async function offerState(
  q: Queryable,
  personalNumber: string,
  id: string,
  now: Date,
  groupCode?: string,
): Promise<"open" | "accepted" | "filed" | "closed"> {
  const { rows } = await q.query<{ groupCode: string; noticeId: string; state: string; registered: boolean }>(
    `select o.group_code as "groupCode", o.notice_id as "noticeId", o.state, n.registered is true as registered
     from linked_offers o left join birth_notices n
       on n.personal_number = o.personal_number and n.id = o.notice_id and o.group_code = 'birth'
     where o.personal_number = $1 and o.id = $2 and o.expires_at > $3`,
    [personalNumber, id, now],
  );
  const offer = rows[0];
  if (!offer || (groupCode !== undefined && offer.groupCode !== groupCode)) return "closed";
  if (offer.state === "accepted" || offer.state === "filed") return offer.state;
  if (offer.state !== "open" || offer.registered) return "closed";
  return (await registeredDeaths(q, personalNumber, rows)).has(offer.noticeId) ? "closed" : "open";
}

/** The notice an offer was made from: its group, its id and its province (the same for every offer of it). */
export type OfferedNotice = { provinceCode: string; groupCode: string; noticeId: string };

/** The notice of the person's offer `id`, or undefined when they hold no such offer. */
export async function noticeOfOffer(
  q: Queryable,
  personalNumber: string,
  id: string,
): Promise<OfferedNotice | undefined> {
  const { rows } = await q.query<OfferedNotice>(
    `select province_code as "provinceCode", group_code as "groupCode", notice_id as "noticeId"
     from linked_offers where personal_number = $1 and id = $2`,
    [personalNumber, id],
  );
  return rows[0];
}

/** The group filed from the notice and who filed it (`claimNotice` committed), if any. */
export async function filingOfNotice(
  q: Queryable,
  n: OfferedNotice,
): Promise<{ group: GroupRef; filedBy: string } | undefined> {
  const { rows } = await q.query<{ provinceCode: string; id: string; filedBy: string }>(
    `select group_province_code as "provinceCode", group_id as id, filed_by as "filedBy"
     from linked_notice_filings where province_code = $1 and group_code = $2 and notice_id = $3`,
    [n.provinceCode, n.groupCode, n.noticeId],
  );
  const r = rows[0];
  return r && { group: { provinceCode: r.provinceCode, id: r.id }, filedBy: r.filedBy };
}

/**
 * Claims the notice for a filing by `personalNumber`: the first statement of the transaction that
 * files the group (migration 343), so that of two filings from one notice at once exactly one goes
 * on (the table's primary key; a concurrent claim waits for the first filing's transaction on
 * PostgreSQL, then finds the row) and the other writes nothing. The group, not known yet, is named
 * in the same transaction once inserted (`nameFiling`); until it commits nobody else sees the row.
 * False when the notice is taken.
 */
export async function claimNotice(
  q: Queryable,
  n: OfferedNotice,
  personalNumber: string,
  at: Date,
): Promise<boolean> {
  const { rows } = await q.query(
    `insert into linked_notice_filings (province_code, group_code, notice_id, group_province_code, group_id, filed_by, filed_at)
     values ($1, $2, $3, $1, $4, $5, $6) on conflict do nothing returning notice_id`,
    [n.provinceCode, n.groupCode, n.noticeId, randomUUID(), personalNumber, at],
  );
  return rows.length > 0;
}

/** Names the group filed from the notice this transaction claimed (`claimNotice`). */
export async function nameFiling(q: Queryable, n: OfferedNotice, group: GroupRef): Promise<void> {
  await q.query(
    `update linked_notice_filings set group_province_code = $4, group_id = $5
     where province_code = $1 and group_code = $2 and notice_id = $3`,
    [n.provinceCode, n.groupCode, n.noticeId, group.provinceCode, group.id],
  );
}

/**
 * Declines an open offer: it is no longer shown. Declined already (a double tap, a retry): left as
 * it was, answered as the first time. 404 OFFER_NOT_FOUND when the person holds no offer of that id
 * (anyone else's is not told apart); OFFER_ALREADY_FILED when someone filed a group from its
 * notice, OFFER_CLOSED when it is not open at `now` otherwise (as `offerState` says).
 */
export async function declineOffer(q: Queryable, personalNumber: string, id: string, now: Date) {
  if (await declinedBy(q, personalNumber, id)) return;
  const state = await offerState(q, personalNumber, id, now);
  if (state === "closed" && !(await noticeOfOffer(q, personalNumber, id)))
    throw new AppError(LinkedErrors.OFFER_NOT_FOUND);
  if (state !== "open") throw await offerRefusal(q, personalNumber, id, state);
  const { rows } = await q.query(
    `update linked_offers set state = 'declined', decided_at = $3
     where personal_number = $1 and id = $2 and state = 'open' and expires_at > $3 returning id`,
    [personalNumber, id, now],
  );
  if (rows.length === 0 && !(await declinedBy(q, personalNumber, id)))
    throw await offerRefusal(q, personalNumber, id, await offerState(q, personalNumber, id, now));
}

type GroupRef = { provinceCode: string; id: string };

/**
 * The person's submission of the group took the offer (a retry of the same filing changes nothing);
 * the same notice's offers of the others are closed at once (`closeOffersOfNotices`).
 */
export async function acceptOffer(
  q: Queryable,
  personalNumber: string,
  id: string,
  group: GroupRef,
  at: Date,
): Promise<void> {
  const { rows } = await q.query<{ groupCode: string; noticeId: string }>(
    `update linked_offers set state = 'accepted', decided_at = $3, group_province_code = $4, group_id = $5
     where personal_number = $1 and id = $2 and state = 'open'
     returning group_code as "groupCode", notice_id as "noticeId"`,
    [personalNumber, id, at, group.provinceCode, group.id],
  );
  await closeOffersOfNotices(q, personalNumber, rows, group, at);
}

/**
 * The person filed `groupCode` without opening its offer (from the home page's life event, the
 * assistant, the procedure page): the offers of that group still open for them are answered by
 * this filing, so none invites a second filing of the same event, and the same notices' offers of
 * the others are closed (`closeOffersOfNotices`). `noticeId`: the notice the filing's first step
 * was prefilled from: only that notice's offers (of twins' two notices, the other child's offer
 * stays open); undefined (a filing without a notice): every one of the group's. Returns how many
 * of the person's were taken.
 */
export async function acceptOpenOffersOf(
  q: Queryable,
  personalNumber: string,
  groupCode: string,
  group: GroupRef,
  at: Date,
  noticeId?: string,
): Promise<number> {
  const { rows } = await q.query<{ groupCode: string; noticeId: string }>(
    `update linked_offers set state = 'accepted', decided_at = $3, group_province_code = $4, group_id = $5
     where personal_number = $1 and group_code = $2 and state = 'open' and ($6::text is null or notice_id = $6)
     returning group_code as "groupCode", notice_id as "noticeId"`,
    [personalNumber, groupCode, at, group.provinceCode, group.id, noticeId ?? null],
  );
  await closeOffersOfNotices(q, personalNumber, rows, group, at);
  return rows.length;
}

/**
 * A group was filed from these notices: every other person's open offer of the same notice is
 * 'filed' (naming the group), so no second application is filed for one child or one death while
 * the first is in flight (the notice is marked registered only when the registry write-back is
 * delivered). The others are the notice's parents (from the filer's copy of a birth notice) or the
 * members of the filer's household (a death notice is offered to the deceased's household); their
 * offers are updated by their personal numbers (the distribution key).
 */
async function closeOffersOfNotices(
  q: Queryable,
  personalNumber: string,
  taken: ReadonlyArray<{ groupCode: string; noticeId: string }>,
  group: GroupRef,
  at: Date,
): Promise<void> {
  for (const t of taken) {
    const others = (await offeredWith(q, personalNumber, t)).filter((pn) => pn !== personalNumber);
    if (others.length === 0) continue;
    await q.query(
      `update linked_offers set state = 'filed', decided_at = $4, group_province_code = $5, group_id = $6
       where personal_number = any($1::char(12)[]) and group_code = $2 and notice_id = $3 and state = 'open'`,
      [others, t.groupCode, t.noticeId, at, group.provinceCode, group.id],
    );
  }
}

/** Who may hold an offer of the same notice as the person: the parents, or the household's members. */
async function offeredWith(
  q: Queryable,
  personalNumber: string,
  t: { groupCode: string; noticeId: string },
): Promise<string[]> {
  if (t.groupCode === "birth") {
    const { rows } = await q.query<{ mother: string; father: string | null }>(
      `select mother_number as mother, father_number as father from birth_notices
       where personal_number = $1 and id = $2`,
      [personalNumber, t.noticeId],
    );
    return rows.flatMap((r) => (r.father ? [r.mother, r.father] : [r.mother]));
  }
  const household = await householdOf(q, personalNumber);
  if (!household) return [];
  const { rows } = await q.query<{ members: string[] }>(
    `select member_numbers as members from households where id = $1`,
    [household],
  );
  return rows[0]?.members ?? [];
}

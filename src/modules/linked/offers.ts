import { randomUUID } from "node:crypto";
import type { Queryable } from "../../db/client.js";
import { AppError } from "../../kernel/errors.js";
import { getPublishedGroup } from "../catalog/index.js";
import { enqueue } from "../delivery/index.js";
import type { BirthNoticeListener, DeathNoticeListener } from "../exchange/index.js";
import { OFFER_TOPIC, type OfferNews } from "../notifications/index.js";
import { LinkedErrors } from "./errors.js";

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
 * The person's open offers at `now` (neither decided nor expired, and their notice not registered
 * yet by anyone: the other parent, a relative, a single procedure at the counter), newest first.
 */
export async function openOffers(q: Queryable, personalNumber: string, now: Date): Promise<Offer[]> {
  const { rows } = await q.query<Offer>(
    `select o.id, o.group_code as "groupCode", o.notice_id as "noticeId", o.created_at as "createdAt",
  o.expires_at as "expiresAt", n.birth_at as "birthAt", n.child_sex as "childSex", n.facility,
  case when o.group_code = 'death' then o.notice end as death
from linked_offers o left join birth_notices n on n.personal_number = o.personal_number and n.id = o.notice_id
where o.personal_number = $1 and o.state = 'open' and o.expires_at > $2 order by o.created_at desc`,
    [personalNumber, now],
  );
  const registered = await registeredNotices(q, personalNumber, rows);
  return rows.filter((o) => !registered.has(`${o.groupCode}:${o.noticeId}`));
}

/**
 * Which of these offers' notices are registered already (`<group>:<notice id>`): a birth notice
 * read from the person's own copy (one is filed under each parent, all marked on registration), a
 * death notice under the person's household. One one-shard read per kind present, none without.
 */
async function registeredNotices(
  q: Queryable,
  personalNumber: string,
  offers: ReadonlyArray<{ groupCode: string; noticeId: string }>,
): Promise<Set<string>> {
  const out = new Set<string>();
  const ids = (group: string) => offers.filter((o) => o.groupCode === group).map((o) => o.noticeId);
  const births = ids("birth");
  if (births.length > 0) {
    const { rows } = await q.query<{ id: string }>(
      "select id from birth_notices where personal_number = $1 and id = any($2::text[]) and registered",
      [personalNumber, births],
    );
    for (const r of rows) out.add(`birth:${r.id}`);
  }
  const deaths = ids("death");
  if (deaths.length > 0) {
    const { rows: person } = await q.query<{ household: string | null }>(
      "select household_id as household from persons where personal_number = $1",
      [personalNumber],
    );
    const household = person[0]?.household;
    if (household) {
      const { rows } = await q.query<{ id: string }>(
        "select id from death_notices where household_id = $1 and id = any($2::text[]) and registered",
        [household, deaths],
      );
      for (const r of rows) out.add(`death:${r.id}`);
    }
  }
  return out;
}

/**
 * Declines an open offer: it is no longer shown. OFFER_CLOSED when it is not open at `now`
 * (unknown, decided, expired, or its notice registered already by anyone, as `offerState` says).
 */
export async function declineOffer(q: Queryable, personalNumber: string, id: string, now: Date) {
  const { rows: found } = await q.query<{ groupCode: string; noticeId: string }>(
    `select group_code as "groupCode", notice_id as "noticeId" from linked_offers
     where personal_number = $1 and id = $2 and state = 'open' and expires_at > $3`,
    [personalNumber, id, now],
  );
  const offer = found[0];
  if (!offer) throw new AppError(LinkedErrors.OFFER_CLOSED);
  const registered = await registeredNotices(q, personalNumber, found);
  if (registered.has(`${offer.groupCode}:${offer.noticeId}`)) throw new AppError(LinkedErrors.OFFER_CLOSED);
  const { rows } = await q.query(
    `update linked_offers set state = 'declined', decided_at = $3
     where personal_number = $1 and id = $2 and state = 'open' and expires_at > $3 returning id`,
    [personalNumber, id, now],
  );
  if (rows.length === 0) throw new AppError(LinkedErrors.OFFER_CLOSED);
}

/**
 * Where the person's offer `id` of `groupCode` stands at `now` (checked before filing): "open" (not
 * decided, not expired, its notice not registered yet), "accepted" (a filing of theirs took it: a
 * retry of that filing may answer with its group), or "closed" (unknown, declined, expired, or
 * its notice registered by anyone).
 */
export async function offerState(
  q: Queryable,
  personalNumber: string,
  id: string,
  groupCode: string,
  now: Date,
): Promise<"open" | "accepted" | "closed"> {
  const { rows } = await q.query<{ groupCode: string; noticeId: string; state: string }>(
    `select group_code as "groupCode", notice_id as "noticeId", state from linked_offers
     where personal_number = $1 and id = $2 and group_code = $3 and expires_at > $4`,
    [personalNumber, id, groupCode, now],
  );
  const offer = rows[0];
  if (offer?.state === "accepted") return "accepted";
  if (offer?.state !== "open") return "closed";
  const registered = await registeredNotices(q, personalNumber, rows);
  return registered.has(`${offer.groupCode}:${offer.noticeId}`) ? "closed" : "open";
}

/** The person's submission of the group took the offer (a retry of the same filing changes nothing). */
export async function acceptOffer(
  q: Queryable,
  personalNumber: string,
  id: string,
  group: { provinceCode: string; id: string },
  at: Date,
): Promise<void> {
  await q.query(
    `update linked_offers set state = 'accepted', decided_at = $3, group_province_code = $4, group_id = $5
     where personal_number = $1 and id = $2 and state = 'open'`,
    [personalNumber, id, at, group.provinceCode, group.id],
  );
}

/**
 * The person filed `groupCode` without opening its offer (from the home page's life event, the
 * assistant, the procedure page): the offers of that group still open for them are answered by
 * this filing, so none invites a second filing of the same event. Returns how many were taken.
 */
export async function acceptOpenOffersOf(
  q: Queryable,
  personalNumber: string,
  groupCode: string,
  group: { provinceCode: string; id: string },
  at: Date,
): Promise<number> {
  const { rows } = await q.query(
    `update linked_offers set state = 'accepted', decided_at = $3, group_province_code = $4, group_id = $5
     where personal_number = $1 and group_code = $2 and state = 'open' returning id`,
    [personalNumber, groupCode, at, group.provinceCode, group.id],
  );
  return rows.length;
}

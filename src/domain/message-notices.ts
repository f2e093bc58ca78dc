import { z } from "zod";
import { CommuneCode, PersonalNumber, Sex } from "./message-fields.js";

/**
 * Health facilities' notices of births and deaths, as payloads of signed messages (messages.ts).
 * A notice's number (birth or death) names it everywhere (an offer's notice, a pinned prefill).
 */
export const NoticeId = z.string().regex(/^[A-Z0-9-]{4,40}$/);

/**
 * A health facility's electronic birth notice (giấy chứng sinh, Law on Civil Status 2014, Art. 16;
 * Circular 17/2012/TT-BYT): the child's birth and the parents by personal number. The platform
 * keeps it for prefill and offers the parents the birth group (src/modules/linked, offers).
 */
export const BirthNotice = z
  .object({
    noticeId: NoticeId,
    facility: z.string().min(1).max(200),
    communeCode: CommuneCode,
    birthAt: z.iso.datetime({ offset: true }),
    childSex: Sex,
    weightGrams: z.number().int().min(300).max(8000).nullable(),
    motherNumber: PersonalNumber,
    fatherNumber: PersonalNumber.nullable(),
  })
  .strict();

/**
 * A death notice (giấy báo tử, Law on Civil Status 2014, Art. 34; Circular 04/2020/TT-BTP): sent by
 * the health facility where the person died, or by the commune that notified the death. The
 * platform keeps it for prefill and offers the deceased's household the death group
 * (src/modules/linked, offers).
 */
export const DeathNotice = z
  .object({
    noticeId: NoticeId,
    communeCode: CommuneCode,
    personalNumber: PersonalNumber,
    diedAt: z.iso.datetime({ offset: true }),
    place: z.string().min(1).max(300),
    cause: z.string().max(300).nullable(),
  })
  .strict();

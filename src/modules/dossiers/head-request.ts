import type { Queryable } from "../../db/client.js";
import type { FormValues } from "../../domain/form.js";
import { relationWordEn } from "../../domain/household-kin.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { formatDate } from "../../domain/vietnamese-dates.js";
import { findCommune } from "../units/index.js";
import { needsHeadConsent } from "./head-consent.js";
import type { DossierRow } from "./repository-reads.js";
import { enqueue } from "./repository-writes.js";

/**
 * The topic that tells the head of a spouse's household that a dossier waits for their consent
 * (issue 14): the notifications module fans it out to the head's SMS and e-mail, each a
 * notification of the dossier addressed to the head (`event` HEAD_REQUEST_EVENT).
 */
export const HEAD_REQUEST_TOPIC = "notify.head_request";
export const HEAD_REQUEST_EVENT = "head_request";

/**
 * What the head is told: who asks (the applicant's name and relationship to the head), for which
 * dossier and household, and where to answer (the portal's home page, whose address the
 * notifications module appends); `smsVi`, the SMS's shorter text.
 */
export type HeadRequestNews = {
  personalNumber: string;
  dossierId: string;
  textVi: string;
  textEn: string;
  smsVi: string;
  subjectVi: string;
  subjectEn: string;
};

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

/** The head's news of a spouse's dossier just submitted (pure: names given). */
export function headRequestNews(a: {
  dossierId: string;
  headNumber: string;
  applicantName: string | null;
  relationship: string | null;
  communeVi: string | null;
  communeEn: string | null;
  procedure: { nameVi: string; nameEn: string };
  code: string;
  at: Date;
}): HeadRequestNews {
  const who = a.applicantName?.trim() || null;
  const relEn = relationWordEn(a.relationship);
  const whoVi = `${who ?? "Một người"}${a.relationship ? `, ${a.relationship} của bạn,` : ""}`;
  const whoEn = `${who ?? "Someone"}${relEn ? `, your ${relEn},` : ""}`;
  const placeVi = a.communeVi ? ` tại ${a.communeVi}` : "";
  const placeEn = a.communeEn ? ` in ${a.communeEn}` : "";
  const filed = formatDate(a.at);
  return {
    personalNumber: a.headNumber,
    dossierId: a.dossierId,
    textVi: `${whoVi} đã nộp hồ sơ “${a.procedure.nameVi}” (mã ${a.code}) ngày ${filed} để đăng ký thường trú vào hộ gia đình do bạn làm chủ hộ${placeVi}. Theo Luật Cư trú 2020 (Điều 21), cần chủ hộ đồng ý. Đăng nhập Cổng Một Lần, mục “Đề nghị chờ tôi đồng ý” trên trang chủ, để đồng ý hoặc không đồng ý.`,
    textEn: `${whoEn} filed “${a.procedure.nameEn}” (${a.code}) on ${filed} to register permanent residence in the household you head${placeEn}. The Law on Residence 2020 (Art. 21) requires the head's consent. Sign in to the Một Lần portal, "Requests waiting for my consent" on the home page, to consent or refuse.`,
    smsVi: `Một Lần: ${whoVi} đề nghị bạn (chủ hộ) đồng ý cho đăng ký thường trú vào hộ (hồ sơ ${a.code}). Vào mục Đề nghị chờ tôi đồng ý:`,
    subjectVi: `Một Lần: đề nghị chủ hộ đồng ý (hồ sơ ${a.code})`,
    subjectEn: `Một Lần: your consent as head of household is asked (${a.code})`,
  };
}

/**
 * Queues the head's news of a spouse's dossier being submitted, in the submission's transaction
 * (nothing for a dossier that needs no consent, or whose form names no head).
 */
export async function queueHeadRequest(
  q: Queryable,
  d: Pick<DossierRow, "id" | "provinceCode" | "communeCode" | "applicantName">,
  def: Pick<ProcedureDefinition, "nameVi" | "nameEn">,
  form: FormValues,
  code: string,
  at: Date,
): Promise<void> {
  const headNumber = text(form["household.headNumber"]);
  if (!needsHeadConsent(form) || !headNumber) return;
  const commune = d.communeCode ? await findCommune(q, d.communeCode) : undefined;
  const news = headRequestNews({
    dossierId: d.id,
    headNumber,
    applicantName: d.applicantName,
    relationship: text(form["household.relationshipToHead"]),
    communeVi: commune?.fullName ?? null,
    communeEn: commune?.fullNameEn ?? null,
    procedure: def,
    code,
    at,
  });
  await enqueue(q, HEAD_REQUEST_TOPIC, `head-request:${d.id}`, news, d.provinceCode, {
    at,
    dossierCode: code,
  });
}

import type { Queryable } from "../../db/client.js";
import { first, qb } from "../../db/query.js";
import { type Authority, inRunningText, issuingAuthority, type UnitName } from "../../domain/authority.js";
import { fieldText } from "../../domain/display.js";
import type { FormValues } from "../../domain/form.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { dateInWords, formatInstant, placeAndDate } from "../../domain/vietnamese-dates.js";
import type { OfficialDocument } from "../../lib/pdf.js";
import { findCommune, findProvince } from "../units/index.js";

/**
 * What a result says and how it is headed: the issuing authority by its proper name, the number,
 * the place and date, the document's name, the content (form values as a person reads them:
 * option labels, commune names, local dates and times, the birth date also in words on the birth
 * extract), the signer's title, the electronic-signature notice and the signer's full name, and
 * "Nơi nhận" (Decree 30/2020/NĐ-CP, Appendix I; electronic results: Decree 45/2020/NĐ-CP). The
 * citizen's contact details (phone, e-mail) are asked to reach them while the dossier is handled and
 * are not part of any result's legal form, so no result prints them (data minimisation). Pure
 * apart from `placeOf`, `communeNamer` and `signerName`, which read the registries.
 */

/** Where a dossier is handled, as names: its commune (none for a province-level procedure) and province. */
export type Place = { commune?: UnitName | undefined; province: UnitName };

export async function placeOf(
  q: Queryable,
  provinceCode: string,
  communeCode: string | null,
): Promise<Place> {
  const province = await findProvince(q, provinceCode);
  const commune = communeCode ? await findCommune(q, communeCode) : undefined;
  return {
    commune: commune ? { name: commune.name, fullName: commune.fullName } : undefined,
    province: province
      ? { name: province.name, fullName: province.fullName }
      : { name: provinceCode, fullName: provinceCode },
  };
}

/** Names every commune code of the form's commune fields ("Phường Hải Châu, Thành phố Đà Nẵng"). */
export async function communeNamer(
  q: Queryable,
  def: Pick<ProcedureDefinition, "form" | "agency">,
  form: FormValues,
): Promise<(key: string, code: string) => string | undefined> {
  const names = new Map<string, string>();
  for (const f of def.form) {
    const code = form[f.key];
    if (f.type !== "commune" || typeof code !== "string") continue;
    const c = await findCommune(q, code);
    const p = c ? await findProvince(q, c.provinceCode) : undefined;
    if (!c || !p) continue;
    const commune = { name: c.name, fullName: c.fullName };
    const province = { name: p.name, fullName: p.fullName };
    names.set(
      f.key,
      // The addressee ("Kính gửi") is an authority, named as such; other commune fields are places.
      f.key.startsWith("authority.")
        ? issuingAuthority(def.agency.sector, commune, province).properName
        : `${c.fullName}, ${inRunningText(province)}`,
    );
  }
  return (key) => names.get(key);
}

/** The signer's title under the authority (Circular 04/2020/TT-BTP forms; residence forms CT). */
export function signerTitles(kind: string, sector: ProcedureDefinition["agency"]["sector"]): string[] {
  if (kind === "birth_extract" || kind === "death_extract") return ["Người ký trích lục"];
  if (kind === "certified_copy") return ["Người thực hiện chứng thực"];
  if (sector === "police") return ["Thủ trưởng cơ quan đăng ký cư trú"];
  if (sector === "social_security") return ["Giám đốc"];
  return ["TM. Ủy ban nhân dân", "Chủ tịch"];
}

/**
 * "Nơi nhận" of a document sent to a citizen (Decree 30/2020/NĐ-CP, Appendix I): the addressee by
 * name ("Ông/Bà …"; "Người yêu cầu" when no name is on record) and the issuing unit's file copy.
 */
export function recipients(name: string | null | undefined, unit: string): string[] {
  return [`- ${name ? `Ông/Bà ${name}` : "Người yêu cầu"};`, `- Lưu: VT, ${unit}.`];
}

/**
 * The full name of the officer who approved the dossier (its latest `approve` action), from the
 * officers on record; undefined when the approval was not an officer's (imported history).
 */
export async function signerName(
  q: Queryable,
  d: { id: string; provinceCode: string },
): Promise<string | undefined> {
  const row = await first(
    q,
    qb
      .selectFrom("dossier_actions as a")
      .innerJoin("officers as o", "o.username", "a.actor_id")
      .select("o.full_name as name")
      .where("a.province_code", "=", d.provinceCode)
      .where("a.dossier_id", "=", d.id)
      .where("a.action", "=", "approve")
      .where("a.actor_kind", "=", "officer")
      .orderBy("a.seq", "desc")
      .limit(1),
  );
  return row?.name || undefined;
}

/** Form fields never printed on a result: contact details, not part of the decision. */
const CONTACT_TYPES: ReadonlySet<string> = new Set(["phone", "email"]);

/** The document's name: the result's name without the "(bản điện tử)" note, which the notice says. */
const documentName = (nameVi: string) => nameVi.replace(/\s*\((bản )?điện tử\)\s*$/i, "");

export type ResultInput = {
  def: Pick<ProcedureDefinition, "form" | "agency" | "result">;
  number: string;
  dossierCode: string;
  applicantName: string;
  applicantNumber?: string;
  /** The approving officer's full name (`signerName`); absent: the block names the authority only. */
  signerName?: string | undefined;
  /**
   * A dossier recorded from an earlier system's history: its log and applicant, not the answers
   * of its form. The result says where its content is instead of looking empty.
   */
  imported?: boolean;
  form: FormValues;
  issuedAt: Date;
  place: Place;
  communeName: (key: string, code: string) => string | undefined;
  verifyUrl: string;
  /** The child's personal number a birth extract gives (reserved at signing), printed after the name. */
  childNumber?: string | undefined;
};

/** The issuing authority of a dossier's procedure at its place. */
export const authorityOf = (def: Pick<ProcedureDefinition, "agency">, place: Place): Authority =>
  issuingAuthority(def.agency.sector, place.commune, place.province);

/** The issuer as the verification page names it: "Ủy ban nhân dân phường Hải Vân, thành phố Đà Nẵng". */
export function issuerName(def: Pick<ProcedureDefinition, "agency">, place: Place): string {
  const a = authorityOf(def, place);
  return place.commune && def.agency.sector !== "social_security"
    ? `${a.properName}, ${inRunningText(place.province)}`
    : a.properName;
}

/** What a result of an imported dossier says in place of its content (Vietnamese first). */
export const PAPER_CONTENT =
  "Nội dung chi tiết của giấy tờ này được cấp trên bản giấy và không được lưu trên hệ thống điện tử; " +
  "bản này chỉ xác nhận việc cấp. / The detailed content was issued on paper and is not held electronically; " +
  "this copy only confirms that it was issued.";

/** The result as an official document, ready for `renderDocument`. */
export function resultDocument(r: ResultInput): OfficialDocument {
  const authority = authorityOf(r.def, r.place);
  const rows: Array<[string, string]> = [];
  for (const f of r.def.form) {
    const value = r.form[f.key];
    // The sworn statement and other ticks are part of the declaration, not of the result; the
    // application's addressee ("Kính gửi") is the issuing authority, which heads and signs it.
    // Contact details are not part of the decision (data minimisation).
    if (f.type === "checkbox" || CONTACT_TYPES.has(f.type) || f.key.startsWith("authority.")) continue;
    if (value === undefined || value === null || value === "") continue;
    rows.push([f.labelVi, fieldText(f, value, { communeName: (code) => r.communeName(f.key, code) })]);
    if (r.childNumber && f.key === "child.fullName") rows.push(["Số định danh cá nhân", r.childNumber]);
    const inWords =
      r.def.result.kind === "birth_extract" &&
      f.prefill?.subject === "birthNotice" &&
      f.prefill.path === "birthDate" &&
      typeof value === "string"
        ? dateInWords(value)
        : undefined;
    if (inWords) rows.push(["Ghi bằng chữ", inWords]);
  }
  // An imported dossier without its answers: the content is on the paper original, said so plainly.
  const onPaper = r.imported === true && rows.length === 0;
  const electronic = r.def.result.electronic && !onPaper;
  const namesApplicant = r.def.form.some(
    (f) => f.prefill?.subject === "applicant" && f.prefill.path === "fullName" && r.form[f.key],
  );
  return {
    authority: { superior: authority.superior, lines: authority.lines },
    number: `Số: ${r.number}`,
    placeDate: placeAndDate(authority.place, r.issuedAt),
    issuedAt: r.issuedAt,
    title: documentName(r.def.result.nameVi),
    subtitle: `${electronic ? "Bản điện tử" : "Bản điện tử để tra cứu, xác minh"} / ${r.def.result.nameEn}`,
    rows: [
      // The requester's name, unless the form already states it (read from the registry).
      ...(namesApplicant ? [] : [["Người yêu cầu", r.applicantName] as [string, string]]),
      ...(onPaper && r.applicantNumber
        ? [["Số định danh cá nhân", r.applicantNumber] as [string, string]]
        : []),
      ["Hồ sơ số", r.dossierCode],
      ...rows,
      ...(onPaper ? [["Nội dung", PAPER_CONTENT] as [string, string]] : []),
    ],
    signature: {
      titles: signerTitles(r.def.result.kind, r.def.agency.sector),
      notice: "(Đã ký số)",
      name: r.signerName,
      details: [`Ký bởi: ${authority.properName}`, `Thời gian ký: ${formatInstant(r.issuedAt)} (GMT+7)`],
    },
    recipients: recipients(r.applicantName, authority.properName),
    notes: [
      electronic
        ? `Văn bản điện tử do ${authority.properName} ký số và cấp qua nền tảng Một Lần; có giá trị pháp lý như văn bản giấy (Nghị định 45/2020/NĐ-CP).`
        : `Bản chính do ${authority.properName} trao trực tiếp cho người yêu cầu; bản điện tử này dùng để tra cứu, xác minh.`,
    ],
    qr: { url: r.verifyUrl, caption: "Quét mã hoặc mở địa chỉ để xác minh / Scan or open to verify:" },
  };
}

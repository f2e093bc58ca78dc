import type { Queryable } from "../../db/client.js";
import { first, qb, run } from "../../db/query.js";
import { apologyAddressee } from "../../domain/apology.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { formatDate, formatInstant, placeAndDate } from "../../domain/vietnamese-dates.js";
import { type OfficialDocument, renderDocument } from "../../lib/pdf.js";
import type { DossierRow, TransitionEffect } from "../dossiers/index.js";
import { authorityOf, issuerName, type Place, placeOf, recipients, signerTitles } from "./documents.js";
import { type ResultServices, storeAndSign, verifyUrl } from "./results.js";

/**
 * The apology slip of a late dossier as a signed document: Circular 01/2018/TT-VPCP, Mẫu số 05
 * "Phiếu xin lỗi và hẹn lại ngày trả kết quả", sent under Decree 61/2018/NĐ-CP Art. 19 (as amended
 * by Decree 107/2021/NĐ-CP). Neither text is in the project's sources (shared/DOMAIN.md, the
 * seeds): the slip's content below (addressee, dossier code, procedure, the due date by law, the
 * reason, the new date, the head of the processing agency as signer) is this platform's reading
 * of the form, not checked against it. Rendered in the administrative format of the results
 * (`renderDocument`), stored content-addressed and its SHA-256 signed with the same Ed25519 key as
 * the results (there is no key per unit), so the public verification recognises it by number or
 * by file.
 */
export const APOLOGY_SLIP_NAME = {
  vi: "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
  en: "Letter of apology and new date for the result",
} as const;

export type ApologySlipInput = {
  def: Pick<ProcedureDefinition, "agency" | "nameVi">;
  place: Place;
  number: string;
  dossierCode: string;
  /** The applicant's name, null when the dossier carries none (imported history). */
  applicantName: string | null;
  applicantNumber: string;
  receivedAt: Date | null;
  /** The due instant by law (it does not move with the slip). */
  dueAt: Date | null;
  reason: string;
  newDueAt: Date;
  issuedAt: Date;
  verifyUrl: string;
};

/** The slip as an official document, ready for `renderDocument`. Pure. */
export function apologySlipDocument(s: ApologySlipInput): OfficialDocument {
  const authority = authorityOf(s.def, s.place);
  const newDay = formatDate(s.newDueAt);
  return {
    authority: { superior: authority.superior, lines: authority.lines },
    number: `Số: ${s.number}`,
    placeDate: placeAndDate(authority.place, s.issuedAt),
    issuedAt: s.issuedAt,
    title: APOLOGY_SLIP_NAME.vi,
    subtitle: `Bản điện tử / ${APOLOGY_SLIP_NAME.en}`,
    rows: [
      ["Kính gửi", apologyAddressee(s.applicantName, s.applicantNumber)],
      ["Hồ sơ số", s.dossierCode],
      ["Thủ tục hành chính", s.def.nameVi],
      ["Ngày tiếp nhận hồ sơ", s.receivedAt ? formatInstant(s.receivedAt) : ""],
      ["Thời hạn trả kết quả theo quy định", s.dueAt ? formatInstant(s.dueAt) : ""],
      ["Lý do chậm trả kết quả", s.reason],
      [
        "Nội dung",
        `${authority.properName} chưa trả được kết quả giải quyết hồ sơ đúng thời hạn. Sự chậm trễ này đã gây phiền hà cho Ông/Bà; ${authority.properName} trân trọng xin lỗi Ông/Bà và hẹn trả kết quả vào ngày ${newDay}.`,
      ],
      ["Hẹn lại ngày trả kết quả", newDay],
    ],
    signature: {
      titles: signerTitles("apology_slip", s.def.agency.sector),
      notice: "(Đã ký số)",
      details: [`Ký bởi: ${authority.properName}`, `Thời gian ký: ${formatInstant(s.issuedAt)} (GMT+7)`],
    },
    recipients: recipients(s.applicantName, authority.properName),
    notes: [
      "Mẫu số 05, Thông tư 01/2018/TT-VPCP; gửi theo Điều 19 Nghị định 61/2018/NĐ-CP (sửa đổi bởi Nghị định 107/2021/NĐ-CP).",
      `Văn bản điện tử do ${authority.properName} ký số qua nền tảng Một Lần.`,
    ],
    qr: { url: s.verifyUrl, caption: "Quét mã hoặc mở địa chỉ để xác minh / Scan or open to verify:" },
  };
}

export type ApologySlipRow = { number: string; sha256: string; issuedAt: Date };

/**
 * Renders, stores, signs and records the slip of an `apologize` action; runs inside its
 * transaction. Its number is PXL-<dossier code>-<n>, n counting the dossier's slips from 1.
 */
export async function issueApologySlip(
  q: Queryable,
  services: ResultServices,
  d: DossierRow,
  def: ProcedureDefinition,
  e: { at: Date; reason: string; newDueAt: Date },
): Promise<ApologySlipRow> {
  const earlier = await first(
    q,
    qb
      .selectFrom("apology_slips")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("province_code", "=", d.provinceCode)
      .where("dossier_id", "=", d.id),
  );
  const number = `PXL-${d.code}-${Number(earlier?.n ?? 0) + 1}`;
  const place = await placeOf(q, d.provinceCode, d.communeCode);
  const { bytes } = await renderDocument(
    apologySlipDocument({
      def,
      place,
      number,
      dossierCode: d.code ?? "",
      applicantName: d.applicantName,
      applicantNumber: d.applicantNumber,
      receivedAt: d.receivedAt,
      dueAt: d.dueAt,
      reason: e.reason,
      newDueAt: e.newDueAt,
      issuedAt: e.at,
      verifyUrl: verifyUrl(services.publicUrl, services.resultKey, number),
    }),
  );
  const { sha256, signature, keyId } = await storeAndSign(services, bytes);
  await run(
    q,
    qb.insertInto("apology_slips").values({
      number,
      dossier_id: d.id,
      province_code: d.provinceCode,
      holder_number: d.applicantNumber,
      holder_name: d.applicantName ?? "",
      name_vi: APOLOGY_SLIP_NAME.vi,
      name_en: APOLOGY_SLIP_NAME.en,
      issuer: issuerName(def, place),
      issued_at: e.at,
      reason: e.reason,
      new_due_at: e.newDueAt,
      sha256,
      signature,
      key_id: keyId,
    }),
  );
  return { number, sha256, issuedAt: e.at };
}

/**
 * The effect of a dossier's `apologize` action, in its transaction: issues the signed slip and
 * adds its number and hash to the action's payload (`slipNumber`, `slipSha256`).
 */
export function apologySlipEffect(services: ResultServices): TransitionEffect {
  return async (q, { dossier, definition, at, payload, reason }) => {
    const newDueAt = typeof payload.newDueAt === "string" ? new Date(payload.newDueAt) : null;
    if (!newDueAt || Number.isNaN(newDueAt.getTime()) || !reason) return undefined;
    const slip = await issueApologySlip(q, services, dossier, definition, { at, reason, newDueAt });
    return { slipNumber: slip.number, slipSha256: slip.sha256 };
  };
}

/** The dossier's latest slip (its number, file hash, date), or undefined. */
export async function findLatestApologySlip(
  q: Queryable,
  d: Pick<DossierRow, "id" | "provinceCode">,
): Promise<ApologySlipRow | undefined> {
  return first(
    q,
    qb
      .selectFrom("apology_slips")
      .select(["number", "sha256", "issued_at as issuedAt"])
      .where("province_code", "=", d.provinceCode)
      .where("dossier_id", "=", d.id)
      .orderBy("issued_at", "desc")
      .orderBy("number", "desc")
      .limit(1),
  );
}

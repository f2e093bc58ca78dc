import type { Db, Queryable } from "../../db/client.js";
import { first, qb, run } from "../../db/query.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { formatInstant, formatMoney, moneyInWords, placeAndDate } from "../../domain/vietnamese-dates.js";
import { type OfficialDocument, renderDocument } from "../../lib/pdf.js";
import { getDefinition } from "../catalog/index.js";
import type { DossierRow } from "../dossiers/index.js";
import {
  authorityOf,
  issuerName,
  type Place,
  placeOf,
  RECEIPT_NAME,
  type ResultServices,
  recipients,
  storeAndSign,
  verifyUrl,
} from "../results/index.js";
import { COLLECTING_ACCOUNT, type PaymentRow } from "./payments.js";
import { transfersOf } from "./transfers.js";

/**
 * The electronic receipt of a fee paid by bank transfer, in the administrative format (Decree
 * 30/2020/NĐ-CP, Appendix I) with what a fee receipt states (Decree 11/2020/NĐ-CP, Art. 32):
 * the collecting authority, number, place and date, the payer's name, the fee's name, the amount
 * in figures and in words, how and when it was paid. Signed with the platform's key like a result
 * and carrying the same verification QR code (number BL-<dossier code>), so the public
 * verification recognises it by number or by file.
 */
export type ReceiptInput = {
  def: Pick<ProcedureDefinition, "agency" | "nameVi">;
  place: Place;
  number: string;
  dossierCode: string;
  payerName: string;
  payment: Pick<PaymentRow, "amount" | "transferContent" | "bankRef"> & { paidAt: Date };
  /** The public verification link printed in the QR code (`verifyUrl`). */
  verifyUrl: string;
};

const lower = (s: string) => s.charAt(0).toLocaleLowerCase("vi") + s.slice(1);

export function receiptDocument(r: ReceiptInput): OfficialDocument {
  const authority = authorityOf(r.def, r.place);
  const p = r.payment;
  return {
    authority: { superior: authority.superior, lines: authority.lines },
    number: `Số: ${r.number}`,
    placeDate: placeAndDate(authority.place, p.paidAt),
    issuedAt: p.paidAt,
    title: RECEIPT_NAME.vi,
    subtitle: `Biên lai điện tử / Electronic ${RECEIPT_NAME.en.toLowerCase()}`,
    rows: [
      ["Tên người nộp", r.payerName],
      ["Hồ sơ số", r.dossierCode],
      ["Tên khoản thu", `Phí, lệ phí ${lower(r.def.nameVi)}`],
      ["Số tiền", formatMoney(p.amount)],
      ["Số tiền bằng chữ", moneyInWords(p.amount)],
      ["Hình thức thanh toán", "Chuyển khoản (VietQR)"],
      ["Nội dung chuyển khoản", p.transferContent],
      ["Mã giao dịch ngân hàng", p.bankRef ?? ""],
      ["Tài khoản thu", `${COLLECTING_ACCOUNT.accountName} — ${COLLECTING_ACCOUNT.bankName}`],
      ["Thời điểm thanh toán", formatInstant(p.paidAt)],
    ],
    signature: {
      titles: ["Đơn vị thu"],
      notice: "(Đã ký số)",
      details: [`Ký bởi: ${authority.properName}`, `Thời gian ký: ${formatInstant(p.paidAt)} (GMT+7)`],
    },
    recipients: recipients(r.payerName, authority.properName),
    notes: [
      `Biên lai điện tử do nền tảng Một Lần lập thay ${authority.properName} từ xác nhận thanh toán của ngân hàng và ký số.`,
    ],
    qr: { url: r.verifyUrl, caption: "Quét mã hoặc mở địa chỉ để xác minh / Scan or open to verify:" },
  };
}

/** A dossier's signed receipt: its number and the stored file's SHA-256. */
export type ReceiptRow = { number: string; sha256: string };

const receiptOf = (q: Queryable, d: Pick<DossierRow, "id" | "provinceCode">) =>
  first(
    q,
    qb
      .selectFrom("fee_receipts")
      .select(["number", "sha256"])
      .where("province_code", "=", d.provinceCode)
      .where("dossier_id", "=", d.id),
  );

/**
 * The receipt of a dossier's paid fee, issued on first request: rendered with the names it needs
 * (catalogue, units), dated when the fee was paid, stored, signed and recorded, so the same file
 * is returned every time and the public verification knows it. A fee paid in parts names every
 * bank transaction that went toward it. One issuance however many ask at once.
 */
export async function findOrIssueReceipt(
  db: Db,
  services: ResultServices,
  d: DossierRow,
  p: PaymentRow & { paidAt: Date },
): Promise<ReceiptRow> {
  const found = await receiptOf(db, d);
  if (found) return found;
  const def = await getDefinition(db, d.procedureCode, d.procedureVersion);
  const refs = (await transfersOf(db, p)).filter((t) => t.applied > 0).map((t) => t.bankRef);
  const place = await placeOf(db, d.provinceCode, d.communeCode);
  const dossierCode = d.code ?? d.id;
  const number = `BL-${dossierCode}`;
  const payerName = d.applicantName ?? d.applicantNumber;
  const { bytes } = await renderDocument(
    receiptDocument({
      def,
      place,
      number,
      dossierCode,
      payerName,
      payment: { ...p, bankRef: refs.length > 0 ? refs.join(", ") : p.bankRef },
      verifyUrl: verifyUrl(services.publicUrl, services.resultKey, number),
    }),
  );
  return db.tx(async (q) => {
    await q.query("select pg_advisory_xact_lock(hashtext($1))", [`receipt:${d.id}`]);
    const issued = await receiptOf(q, d);
    if (issued) return issued;
    const { sha256, signature, keyId } = await storeAndSign(services, bytes);
    await run(
      q,
      qb.insertInto("fee_receipts").values({
        number,
        dossier_id: d.id,
        province_code: d.provinceCode,
        dossier_code: dossierCode,
        payer_number: d.applicantNumber,
        payer_name: payerName,
        procedure_vi: def.nameVi,
        procedure_en: def.nameEn,
        amount: p.amount,
        issuer: issuerName(def, place),
        issued_at: p.paidAt,
        sha256,
        signature,
        key_id: keyId,
      }),
    );
    return { number, sha256 };
  });
}

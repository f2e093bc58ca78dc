import type { Queryable } from "../../db/client.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { formatInstant, formatMoney, moneyInWords, placeAndDate } from "../../domain/vietnamese-dates.js";
import type { OfficialDocument } from "../../lib/pdf.js";
import { getDefinition } from "../catalog/index.js";
import type { DossierRow } from "../dossiers/index.js";
import { authorityOf, type Place, placeOf } from "../results/index.js";
import { COLLECTING_ACCOUNT, type PaymentRow } from "./payments.js";
import { transfersOf } from "./transfers.js";

/**
 * The electronic receipt of a fee paid by bank transfer, in the administrative format (Decree
 * 30/2020/NĐ-CP, Appendix I) with what a fee receipt states (Decree 11/2020/NĐ-CP, Art. 32):
 * the collecting authority, number, place and date, the payer's name, the fee's name, the amount
 * in figures and in words, how and when it was paid.
 */
export type ReceiptInput = {
  def: Pick<ProcedureDefinition, "agency" | "nameVi">;
  place: Place;
  dossierCode: string;
  payerName: string;
  payment: Pick<PaymentRow, "amount" | "transferContent" | "bankRef"> & { paidAt: Date };
};

const lower = (s: string) => s.charAt(0).toLocaleLowerCase("vi") + s.slice(1);

export function receiptDocument(r: ReceiptInput): OfficialDocument {
  const authority = authorityOf(r.def, r.place);
  const p = r.payment;
  return {
    authority: { superior: authority.superior, lines: authority.lines },
    number: `Số: BL-${r.dossierCode}`,
    placeDate: placeAndDate(authority.place, p.paidAt),
    issuedAt: p.paidAt,
    title: "Biên lai thu phí, lệ phí",
    subtitle: "Biên lai điện tử / Electronic fee receipt",
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
      notice: "(Lập tự động từ xác nhận của ngân hàng)",
      details: [authority.properName],
    },
    notes: [
      `Biên lai điện tử do nền tảng Một Lần lập thay ${authority.properName} từ xác nhận thanh toán của ngân hàng.`,
    ],
  };
}

/**
 * The receipt of a dossier's paid fee, with the names it needs read from the catalogue and units;
 * a fee paid in parts names every bank transaction that went toward it.
 */
export async function receiptFor(
  q: Queryable,
  d: DossierRow,
  p: PaymentRow & { paidAt: Date },
): Promise<OfficialDocument> {
  const def = await getDefinition(q, d.procedureCode, d.procedureVersion);
  const refs = (await transfersOf(q, p)).filter((t) => t.applied > 0).map((t) => t.bankRef);
  return receiptDocument({
    def,
    place: await placeOf(q, d.provinceCode, d.communeCode),
    dossierCode: d.code ?? d.id,
    payerName: d.applicantName ?? d.applicantNumber,
    payment: { ...p, bankRef: refs.length > 0 ? refs.join(", ") : p.bankRef },
  });
}

import { describe, expect, it } from "vitest";
import { notificationText } from "./notifications.js";

describe("notification texts", () => {
  it("on receipt, the due date in Vietnam's local time, written the Vietnamese way", () => {
    expect(
      notificationText("receive", "UB.20194.H48-260714-0001", null, { dueAt: "2026-07-14T10:00:00.000Z" }),
    ).toEqual({
      textVi:
        "Hồ sơ UB.20194.H48-260714-0001 đã được tiếp nhận. Hẹn trả kết quả trước 17 giờ 00 phút, ngày 14/07/2026.",
      textEn: "Dossier UB.20194.H48-260714-0001 has been received. The result is due by 17:00, 14/07/2026.",
    });
  });

  it("a limit the law does not confirm gives an expected date, never one due by law", () => {
    expect(
      notificationText("receive", "LD.20194.H48-260714-0001", null, {
        dueAt: "2026-07-14T10:00:00.000Z",
        limitConfirmed: false,
      }),
    ).toEqual({
      textVi:
        "Hồ sơ LD.20194.H48-260714-0001 đã được tiếp nhận. Dự kiến giải quyết xong trước 17 giờ 00 phút, ngày 14/07/2026.",
      textEn:
        "Dossier LD.20194.H48-260714-0001 has been received. The result is expected by 17:00, 14/07/2026.",
    });
  });

  it("without a due date the sentence ends with the receipt", () => {
    expect(notificationText("receive", "X", null)?.textVi).toBe("Hồ sơ X đã được tiếp nhận.");
  });

  it("a refusal carries the officer's reason; actions not told to the citizen give nothing", () => {
    expect(notificationText("refuse", "X", "Sai quan hệ.")?.textVi).toBe("Hồ sơ X bị từ chối: Sai quan hệ.");
    expect(notificationText("assign", "X", null)).toBeUndefined();
  });
});

describe("the procedure named in plain words, as the catalogue gives it", () => {
  const birth = { nameVi: "Đăng ký khai sinh", nameEn: "Birth registration" };
  it.each<[string, Parameters<typeof notificationText>, string, string]>([
    [
      "a receipt",
      ["receive", "X", null, {}, birth],
      "Hồ sơ “Đăng ký khai sinh” (mã X) đã được tiếp nhận.",
      "Dossier “Birth registration” (X) has been received.",
    ],
    [
      "a refusal with its reason",
      ["refuse", "X", "Sai quan hệ.", {}, birth],
      "Hồ sơ “Đăng ký khai sinh” (mã X) bị từ chối: Sai quan hệ.",
      "Dossier “Birth registration” (X) was refused: Sai quan hệ.",
    ],
    [
      "a fee paid",
      ["record_payment", "X", null, { amount: 7_500, refund: 0 }, birth],
      "Đã nhận thanh toán phí cho hồ sơ “Đăng ký khai sinh” (mã X).",
      "Payment received for dossier “Birth registration” (X).",
    ],
  ])("%s", (_name, args, vi, en) => {
    expect(notificationText(...args)).toEqual({ textVi: vi, textEn: en });
  });
});

describe("bank transfers told to the citizen, with exact amounts", () => {
  it.each<[string, "record_payment" | "record_transfer", Record<string, unknown>, string, string]>([
    [
      "the fee paid",
      "record_payment",
      { amount: 7_500, refund: 0 },
      "Đã nhận thanh toán phí cho hồ sơ X.",
      "Payment received for dossier X.",
    ],
    [
      "the fee overpaid",
      "record_payment",
      { amount: 10_000, refund: 2_500, refundReason: "overpaid" },
      "Đã nhận thanh toán phí cho hồ sơ X. Số tiền nộp thừa 2.500 đồng sẽ được hoàn trả.",
      "Payment received for dossier X. The 2,500 VND paid in excess will be refunded.",
    ],
    [
      "a part of the fee",
      "record_transfer",
      { amount: 5_000, refund: 0, owed: 2_500 },
      "Đã nhận 5.000 đồng cho hồ sơ X; còn thiếu 2.500 đồng.",
      "Received 5,000 VND for dossier X; 2,500 VND is still owed.",
    ],
    [
      "a transfer after the dossier closed",
      "record_transfer",
      { amount: 7_500, refund: 7_500, refundReason: "dossier_closed" },
      "Đã nhận 7.500 đồng chuyển khoản cho hồ sơ X sau khi hồ sơ đã kết thúc; số tiền này sẽ được hoàn trả.",
      "Received a transfer of 7,500 VND for dossier X after it was closed; it will be refunded.",
    ],
    [
      "a second payment",
      "record_transfer",
      { amount: 7_500, refund: 7_500, refundReason: "already_paid" },
      "Đã nhận thêm 7.500 đồng cho hồ sơ X đã nộp đủ phí; số tiền này sẽ được hoàn trả.",
      "Received another 7,500 VND for dossier X, whose fee was already paid; it will be refunded.",
    ],
  ])("%s", (_name, type, payload, vi, en) => {
    expect(notificationText(type, "X", null, payload)).toEqual({ textVi: vi, textEn: en });
  });
});

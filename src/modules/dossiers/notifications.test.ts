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

  it("without a due date the sentence ends with the receipt", () => {
    expect(notificationText("receive", "X", null)?.textVi).toBe("Hồ sơ X đã được tiếp nhận.");
  });

  it("a refusal carries the officer's reason; actions not told to the citizen give nothing", () => {
    expect(notificationText("refuse", "X", "Sai quan hệ.")?.textVi).toBe("Hồ sơ X bị từ chối: Sai quan hệ.");
    expect(notificationText("assign", "X", null)).toBeUndefined();
  });
});

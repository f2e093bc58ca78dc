import { describe, expect, it } from "vitest";
import { stepEndReason } from "./linked-group-words.js";

describe("stepEndReason", () => {
  it("a withdrawal names no agency's reason to address, and says the procedure can be filed alone", () => {
    const r = stepEndReason({ kind: "withdrawn" });
    expect(r.whatToDoVi).toBe("Bạn đã rút bước này. Có thể nộp riêng thủ tục này khi cần.");
    expect(r.whatToDoEn).toBe(
      "You withdrew this step. You can file this procedure on its own when you need it.",
    );
    expect(r.whatToDoVi).not.toContain("lý do");
  });

  it("a refusal gives the agency's reason and what to change", () => {
    const r = stepEndReason({
      kind: "refused",
      agencyVi: "Công an xã, phường",
      agencyEn: "Commune police",
      code: "CA.20194.H48-000001",
      why: "Chủ hộ chưa xác nhận đồng ý trên VNeID.",
    });
    expect(r.vi).toBe(
      "Công an xã, phường từ chối hồ sơ CA.20194.H48-000001: Chủ hộ chưa xác nhận đồng ý trên VNeID.",
    );
    expect(r.whatToDoVi).toContain("Hãy sửa hoặc bổ sung theo lý do Công an xã, phường nêu ở trên");
    expect(r.whatToDoEn).toContain("then file this procedure on its own");
  });

  it("a refusal without a code or a reason reads as a sentence", () => {
    const r = stepEndReason({
      kind: "refused",
      agencyVi: "Bảo hiểm xã hội",
      agencyEn: "Social security",
      code: null,
      why: "",
    });
    expect(r.vi).toBe("Bảo hiểm xã hội từ chối hồ sơ.");
    expect(r.en).toBe("Social security refused dossier.");
  });

  it("says results stand only when the group has one", () => {
    const refused = {
      kind: "refused",
      agencyVi: "UBND xã",
      agencyEn: "Commune",
      code: null,
      why: "",
    } as const;
    expect(stepEndReason({ ...refused, resultsIssued: false }).whatToDoVi).not.toContain("kết quả đã cấp");
    expect(stepEndReason({ ...refused, resultsIssued: false }).whatToDoEn).not.toContain("Results");
    expect(stepEndReason({ ...refused, resultsIssued: true }).whatToDoVi).toContain(
      "Các kết quả đã cấp vẫn có giá trị.",
    );
  });
});

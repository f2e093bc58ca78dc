/** Why personal data is read, and the legal basis each purpose rests on (data, not code paths). */
export const PURPOSES = {
  "self-service": {
    vi: "Công dân xem dữ liệu của chính mình",
    en: "Citizen viewing their own data",
    legalBasis: "Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 (quyền của chủ thể dữ liệu)",
  },
  "household-view": {
    vi: "Thành viên hộ gia đình xem thông tin hộ",
    en: "Household member viewing their household",
    legalBasis: "Luật Cư trú 2020; Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15",
  },
  "dossier-processing": {
    vi: "Giải quyết thủ tục hành chính",
    en: "Processing an administrative procedure",
    legalBasis: "Nghị định 61/2018/NĐ-CP, 107/2021/NĐ-CP (cơ chế một cửa); Nghị định 63/2024/NĐ-CP",
  },
  prefill: {
    vi: "Điền sẵn biểu mẫu từ cơ sở dữ liệu",
    en: "Prefilling a form from base registries",
    legalBasis: "Nghị định 45/2020/NĐ-CP (thủ tục hành chính trên môi trường điện tử)",
  },
  "dossier-filing": {
    vi: "Tiếp nhận, nộp hồ sơ (kể cả nộp thay)",
    en: "Filing a dossier (including on a citizen's behalf)",
    legalBasis:
      "Nghị định 61/2018/NĐ-CP, 107/2021/NĐ-CP (một cửa); Nghị định 42/2022/NĐ-CP, Điều 11 (nộp thay)",
  },
  "eligibility-check": {
    vi: "Kiểm tra điều kiện giải quyết thủ tục từ cơ sở dữ liệu",
    en: "Checking a procedure's conditions against the registries",
    legalBasis:
      "Nghị định 45/2020/NĐ-CP (thủ tục hành chính trên môi trường điện tử); Nghị định 61/2018/NĐ-CP (một cửa)",
  },
  "registry-verification": {
    vi: "Xác minh thông tin trong cơ sở dữ liệu",
    en: "Verifying registry information",
    legalBasis: "Luật Căn cước 2023; Luật Cư trú 2020",
  },
  assistant: {
    vi: "Trợ lý ảo gợi ý thủ tục theo dữ liệu của bạn",
    en: "The virtual assistant suggesting a procedure from your data",
    legalBasis:
      "Nghị định 45/2020/NĐ-CP (thủ tục hành chính trên môi trường điện tử); Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15",
  },
  "agency-exchange": {
    vi: "Cơ quan nhận dữ liệu qua trao đổi giữa các cơ quan",
    en: "An agency received the data in an exchange between agencies",
    legalBasis: "Nghị định 47/2020/NĐ-CP (chia sẻ dữ liệu số của cơ quan nhà nước)",
  },
} as const;

export type Purpose = keyof typeof PURPOSES;
export const PURPOSE_KEYS = Object.keys(PURPOSES) as [Purpose, ...Purpose[]];
/** Purposes an officer may state; the others belong to the citizen. */
export const OFFICER_PURPOSES = ["dossier-processing", "registry-verification"] as const;

/**
 * The names of the message types between agencies (src/domain/messages.ts), as the citizen reads
 * them in their access list. Apart from the schemas so that the web app imports no zod for them.
 */
export const MESSAGE_LABELS = {
  "civil_status.birth_registered@1": { vi: "Thông báo đã đăng ký khai sinh", en: "Birth registered" },
  "civil_status.death_registered@1": { vi: "Thông báo đã đăng ký khai tử", en: "Death registered" },
  "residence.registered@1": { vi: "Thông báo đã đăng ký cư trú", en: "Residence registered" },
  "residence.registered@2": { vi: "Thông báo đã đăng ký cư trú", en: "Residence registered" },
  "residence.registered@3": { vi: "Thông báo đã đăng ký cư trú", en: "Residence registered" },
  "residence.ended@1": { vi: "Thông báo đã xóa đăng ký cư trú", en: "Residence ended" },
  "health_insurance.card_issued@1": {
    vi: "Thông báo đã cấp thẻ bảo hiểm y tế",
    en: "Health-insurance card issued",
  },
  "health_insurance.card_issued@2": {
    vi: "Thông báo đã cấp thẻ bảo hiểm y tế",
    en: "Health-insurance card issued",
  },
  "allowances.granted@1": { vi: "Thông báo đã quyết định trợ cấp", en: "Allowance granted" },
  "allowances.paid@1": { vi: "Thông báo đã chi trả trợ cấp", en: "Allowance paid" },
  "registry.correction_requested@1": {
    vi: "Đề nghị điều chỉnh thông tin trong cơ sở dữ liệu",
    en: "Registry correction requested",
  },
  "registry.correction_decided@1": {
    vi: "Kết quả xử lý đề nghị điều chỉnh thông tin",
    en: "Registry correction decided",
  },
  "health.birth_notice@1": { vi: "Giấy chứng sinh điện tử", en: "Electronic birth notice" },
  "health.death_notice@1": { vi: "Giấy báo tử điện tử", en: "Electronic death notice" },
  "exchange.ack@1": { vi: "Xác nhận đã nhận", en: "Acknowledgement" },
} as const satisfies Readonly<Record<string, { vi: string; en: string }>>;

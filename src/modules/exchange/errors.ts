import { defineErrors } from "../../kernel/errors.js";

/** Errors of the exchange between agencies. */
export const ExchangeErrors = defineErrors({
  AGENCY_NOT_HOSTED: {
    status: 409,
    vi: "Kết quả này phải do cơ quan sở hữu cơ sở dữ liệu ký, nhưng cơ quan đó vận hành hệ thống riêng (kết nối qua AGENCY_ENDPOINTS) và không giữ khóa ký tại Một Lần. Hãy cấp kết quả trên hệ thống của cơ quan đó.",
    en: "This result must be signed by the agency that owns the registry, but that agency runs its own system (connected through AGENCY_ENDPOINTS) and keeps no signing key on Một Lần. Issue the result in that agency's system.",
  },
});

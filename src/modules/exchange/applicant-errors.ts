import { AppError } from "../../kernel/errors.js";
import { ExchangeErrors } from "./errors.js";

/** 404 APPLICANT_NOT_FOUND naming the number typed (on the field `body.applicantNumber`). */
export function applicantNotFound(personalNumber: string): AppError {
  const vi = `Không tìm thấy công dân có số định danh ${personalNumber} trong Cơ sở dữ liệu quốc gia về dân cư. Hãy kiểm tra lại số trên thẻ căn cước.`;
  const en = `No citizen with personal number ${personalNumber} is in the national population database. Check the number on the ID card.`;
  return new AppError(
    ExchangeErrors.APPLICANT_NOT_FOUND,
    [{ field: "body.applicantNumber", messageVi: vi, messageEn: en }],
    { vi, en },
  );
}

/** 403 COUNTER_OTHER_PROVINCE: the citizen lives outside the counter's reach (`counterAccepts`). */
export function counterOtherProvince(personalNumber: string): AppError {
  const d = ExchangeErrors.COUNTER_OTHER_PROVINCE;
  const vi = `Công dân có số định danh ${personalNumber} ${d.vi.slice("Công dân này ".length)}`;
  const en = `The citizen with personal number ${personalNumber} ${d.en.slice("This citizen ".length)}`;
  return new AppError(d, [{ field: "body.applicantNumber", messageVi: vi, messageEn: en }], { vi, en });
}

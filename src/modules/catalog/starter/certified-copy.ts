import type { ProcedureDefinitionInput } from "../../../domain/procedure.js";
import { COMMUNE_COMMITTEE, from, NAME, pre, RECEIVE, step, typed } from "./common.js";

const a = (path: string) => from("applicant", path);

/**
 * Chứng thực bản sao từ bản chính. No verified national code: local code. There is no statutory
 * declaration form; the request slip used at one-stop counters has 8 fields (our count): full name,
 * personal number, address, phone, document name, number of pages, number of copies, signature.
 * Online: the requester from the population registry; typed: document, pages, copies (3).
 * Partly online: the original must be shown at the counter to be compared.
 */
export const certifiedCopy: ProcedureDefinitionInput = {
  code: "LOCAL.CHUNG-THUC-BAN-SAO",
  codeVerified: false,
  nameVi: "Chứng thực bản sao từ bản chính",
  nameEn: "Certified copy from an original",
  summaryVi:
    "Chứng thực bản sao giấy tờ từ bản chính (bằng cấp, giấy khai sinh, sổ đỏ...) tại Ủy ban nhân dân xã, phường; công chứng do tổ chức hành nghề công chứng làm, Một Lần không làm. Tải lên bản chụp bản chính, rồi mang bản chính đến bộ phận một cửa để đối chiếu; nhận bản sao điện tử có chứng thực. Trong ngày làm việc; yêu cầu nhận sau 15 giờ trả vào ngày làm việc tiếp theo.",
  summaryEn:
    "Get copies of a document certified from the original (diploma, birth certificate, land certificate...) by the commune or ward People's Committee; notarisation is done by notary offices, not on Một Lần. Upload a scan of the original, then bring the original to the one-stop counter for comparison; receive an electronic certified copy. Same working day; requests received after 15:00 are done the next working day.",
  keywords: [
    "chứng thực bản sao",
    "chung thuc ban sao",
    "chứng thực giấy tờ",
    "chung thuc giay to",
    "sao y bản chính",
    "sao y ban chinh",
    "photo công chứng",
    "photo cong chung",
    "certified copy",
  ],
  field: "certification",
  level: "commune",
  agency: COMMUNE_COMMITTEE,
  timeLimit: { workingDays: 0 },
  paperFieldCount: 8,
  form: [
    pre("requester.fullName", "Họ, chữ đệm và tên", "Full name", "text", a("fullName"), NAME),
    pre(
      "requester.personalNumber",
      "Số định danh cá nhân",
      "Personal number",
      "personalNumber",
      a("personalNumber"),
    ),
    pre("requester.address", "Địa chỉ", "Address", "text", a("permanentAddress")),
    pre("requester.phone", "Số điện thoại", "Phone", "phone", a("phone"), { required: false }),
    typed("document.title", "Tên giấy tờ cần chứng thực", "Document to certify", "text", {
      minLength: 2,
      maxLength: 200,
      helpVi: "Ví dụ: Bằng tốt nghiệp trung học phổ thông.",
      helpEn: "E.g. upper-secondary diploma.",
    }),
    typed("document.pages", "Số trang của bản chính", "Number of pages of the original", "number", {
      min: 1,
      max: 500,
      integer: true,
      helpVi: "Phí tính theo số trang của bản chính.",
      helpEn: "The fee is counted by the pages of the original.",
    }),
    typed("copies", "Số bản sao cần chứng thực", "Number of certified copies", "number", {
      min: 1,
      max: 50,
      integer: true,
    }),
  ],
  components: [
    {
      key: "originalScan",
      nameVi: "Bản chụp (scan) bản chính",
      nameEn: "Scan of the original",
      kind: "upload",
      accept: ["application/pdf", "image/jpeg", "image/png"],
      maxBytes: 10 * 1024 * 1024,
    },
  ],
  steps: [
    RECEIVE(),
    step("compare", "specialist", { workingHours: 2 }, "Đối chiếu bản chính", "Compare with the original"),
    step("certify", "approver", { workingHours: 1 }, "Ký chứng thực", "Sign the certification"),
  ],
  // Fee for certifying a copy from the original: Circular 226/2016/TT-BTC (Ministry of Finance),
  // Art. 4(1): 2,000 đồng a page, from the third page 1,000 đồng a page, at most 200,000 đồng a
  // copy; pages are those of the original. A national fee set by the Ministry of Finance, so the
  // same in every province (not one of the fees provincial councils set, Circular 85/2019/TT-BTC).
  // No online discount is set for it.
  fee: {
    amount: 0,
    perUnit: {
      field: "document.pages",
      tiers: [{ upTo: 2, amount: 2_000 }, { amount: 1_000 }],
      max: 200_000,
    },
    copiesField: "copies",
    noteVi:
      "Phí chứng thực bản sao (Thông tư 226/2016/TT-BTC): 2.000 đồng/trang; từ trang thứ ba, 1.000 đồng/trang; tối đa 200.000 đồng/bản; nhân với số bản sao.",
    noteEn:
      "Certification fee (Circular 226/2016/TT-BTC): 2,000 VND a page; from the third page 1,000 VND a page; at most 200,000 VND a copy; times the number of copies.",
  },
  result: {
    kind: "certified_copy",
    nameVi: "Bản sao điện tử có chứng thực",
    nameEn: "Electronic certified copy",
    electronic: true,
  },
  fullyOnline: false,
};

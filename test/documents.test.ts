import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { FormValues } from "../src/domain/form.js";
import { type FormField, ProcedureDefinition } from "../src/domain/procedure.js";
import { type DrawnBox, MARGINS, type OfficialDocument, PAGE, renderDocument } from "../src/lib/pdf.js";
import { STARTER_CATALOGUE } from "../src/modules/catalog/index.js";
import { receiptDocument } from "../src/modules/payments/index.js";
import { type Place, resultDocument } from "../src/modules/results/index.js";
import { type GreyPage, hasPoppler, needsPoppler, renderPages } from "./helpers/poppler.js";

/**
 * Documents that look official (issue 14.6) with local dates (issue 9.6): every starter
 * procedure's result and the fee receipt, rendered with the longest real names (the longest
 * commune and province of data/vn-admin, a very long personal name, long addresses), must keep
 * every piece of text apart (no label over its value, nothing over the rules or the QR code),
 * inside the margins, and the page images must show ink only where the layout says it drew.
 * Page images: test-results/documents/*.png.
 */
const OUT = path.resolve("test-results/documents");

// data/vn-admin: the longest commune name (Hà Nội, 00226) and the longest province name.
const LONGEST_COMMUNE = {
  code: "00226",
  name: "Văn Miếu - Quốc Tử Giám",
  fullName: "Phường Văn Miếu - Quốc Tử Giám",
};
const LONGEST_PROVINCE = { name: "Hồ Chí Minh", fullName: "Thành phố Hồ Chí Minh" };
const place: Place = {
  commune: { name: LONGEST_COMMUNE.name, fullName: LONGEST_COMMUNE.fullName },
  province: LONGEST_PROVINCE,
};
const LONG_NAME = "Công Tằng Tôn Nữ Hoàng Thị Thanh Huyền Trang Ngọc Bích Diễm Phượng";
const LONG_ADDRESS =
  "Số 1234/56/78 ngõ 910 ngách 11 hẻm 12 đường Nguyễn Hữu Thọ, tổ dân phố Nghĩa Tân 15, Phường Văn Miếu - Quốc Tử Giám, Thành phố Hồ Chí Minh";
const LONG_TEXT =
  "Khai báo đầy đủ, trung thực theo giấy tờ do cơ quan có thẩm quyền cấp, kèm ghi chú dài để kiểm tra việc xuống dòng của từng trường thông tin trên văn bản điện tử";
const ISSUED = new Date("2026-11-04T12:08:00.000Z"); // 19:08 in Vietnam

/** The longest value a field can take, as a stress test of the layout. */
function longest(f: FormField): string | number | boolean {
  switch (f.type) {
    case "checkbox":
      return true;
    case "number":
      return f.max ?? 1985;
    case "date":
      return f.key.endsWith("birthDate") && !f.key.startsWith("child") ? "1950-07" : "2026-07-14";
    case "datetime":
      return "2026-11-04T12:08:00.000Z";
    case "personalNumber":
      return "048188000102";
    case "commune":
      return LONGEST_COMMUNE.code;
    case "phone":
      return "0905123456";
    case "email":
      return "cong.tang.ton.nu.hoang.thi.thanh.huyen.trang@thu-dien-tu.example.vn";
    case "select": {
      const options = f.options ?? [];
      return options.reduce(
        (a, b) => (b.labelVi.length > a.labelVi.length ? b : a),
        options[0] ?? { value: "", labelVi: "" },
      ).value;
    }
    default: {
      const text = /name$/i.test(f.key)
        ? LONG_NAME
        : /(residence|address|homeTown|place)/i.test(f.key)
          ? LONG_ADDRESS
          : LONG_TEXT;
      return text.slice(0, Math.min(f.maxLength ?? text.length, text.length));
    }
  }
}

const communeName = (key: string, code: string) =>
  code !== LONGEST_COMMUNE.code
    ? undefined
    : key.startsWith("authority.")
      ? "Ủy ban nhân dân phường Văn Miếu - Quốc Tử Giám"
      : "Phường Văn Miếu - Quốc Tử Giám, thành phố Hà Nội";

const starters = STARTER_CATALOGUE.map((d) => ProcedureDefinition.parse(d));

function documentFor(def: ProcedureDefinition) {
  const form: FormValues = Object.fromEntries(def.form.map((f) => [f.key, longest(f)]));
  return resultDocument({
    def,
    number: "KQ-UB.00226.H01-261104-9999",
    dossierCode: "UB.00226.H01-261104-9999",
    applicantName: LONG_NAME,
    signerName: LONG_NAME,
    form,
    issuedAt: ISSUED,
    place,
    communeName,
    verifyUrl: "https://dichvucong.motlan.example.gov.vn/xac-minh/KQ-UB.00226.H01-261104-9999",
  });
}

const receipt = () =>
  receiptDocument({
    def: {
      agency: { sector: "police", nameVi: "Công an cấp xã", nameEn: "Commune police" },
      nameVi: "Đăng ký tạm trú",
    },
    place,
    number: "BL-CA.00226.H01-261104-9999",
    dossierCode: "CA.00226.H01-261104-9999",
    payerName: LONG_NAME,
    payment: {
      amount: 1_250_000,
      transferContent: "ML CA.00226.H01-261104-9999",
      bankRef: "DEMO0123456789AB",
      paidAt: ISSUED,
    },
    verifyUrl:
      "https://dichvucong.motlan.example.gov.vn/xac-minh/BL-CA.00226.H01-261104-9999?t=AAAAAAAAAAAAAAAA",
  });

const intersects = (a: DrawnBox, b: DrawnBox, eps = 0.01) =>
  a.page === b.page &&
  a.x < b.x + b.width - eps &&
  b.x < a.x + a.width - eps &&
  a.y < b.y + b.height - eps &&
  b.y < a.y + a.height - eps;

/** Pairs of drawn things that overlap (text over text, text over a rule or the QR code). */
function overlaps(boxes: DrawnBox[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i] as DrawnBox;
      const b = boxes[j] as DrawnBox;
      if (a.kind !== "text" && b.kind !== "text") continue;
      if (intersects(a, b)) out.push(`p${a.page} "${a.text ?? a.kind}" × "${b.text ?? b.kind}"`);
    }
  }
  return out;
}

/** Text outside the page's margins (the page number sits in the top margin, as Decree 30 wants). */
function outside(boxes: DrawnBox[]): string[] {
  return boxes
    .filter(
      (b) =>
        b.x < MARGINS.left - 0.5 ||
        b.x + b.width > PAGE.width - MARGINS.right + 0.5 ||
        b.y < MARGINS.bottom - 0.5 ||
        (b.y + b.height > PAGE.height - MARGINS.top + 0.5 && !/^\d+$/.test(b.text ?? "")),
    )
    .map(
      (b) =>
        `p${b.page} "${b.text ?? b.kind}" at ${b.x.toFixed(1)},${b.y.toFixed(1)} ${b.width.toFixed(1)}×${b.height.toFixed(1)}`,
    );
}

/**
 * Compares a page image with the layout: dark pixels must lie inside what the layout drew
 * (1.5 px of anti-aliasing allowed), and every text box must hold some ink.
 */
function inkCheck(page: GreyPage, boxes: DrawnBox[]): { stray: number; empty: string[]; sample: string[] } {
  const scale = page.width / PAGE.width;
  const allowed = new Uint8Array(page.width * page.height);
  const pixelsOf = (b: DrawnBox, pad: number) => {
    const x0 = Math.max(0, Math.floor((b.x - pad) * scale));
    const x1 = Math.min(page.width - 1, Math.ceil((b.x + b.width + pad) * scale));
    const y0 = Math.max(0, Math.floor((PAGE.height - (b.y + b.height) - pad) * scale));
    const y1 = Math.min(page.height - 1, Math.ceil((PAGE.height - b.y + pad) * scale));
    return { x0, x1, y0, y1 };
  };
  for (const b of boxes) {
    const r = pixelsOf(b, 1.5);
    for (let y = r.y0; y <= r.y1; y++) for (let x = r.x0; x <= r.x1; x++) allowed[y * page.width + x] = 1;
  }
  let stray = 0;
  const sample: string[] = [];
  for (let i = 0; i < page.data.length; i++) {
    if ((page.data[i] ?? 255) < 150 && !allowed[i]) {
      stray++;
      if (sample.length < 5) sample.push(`(${i % page.width},${Math.floor(i / page.width)})`);
    }
  }
  const empty = boxes
    .filter((b) => b.kind === "text")
    .filter((b) => {
      const r = pixelsOf(b, 0);
      for (let y = r.y0; y <= r.y1; y++)
        for (let x = r.x0; x <= r.x1; x++) if ((page.data[y * page.width + x] ?? 255) < 150) return false;
      return true;
    })
    .map((b) => b.text ?? "");
  return { stray, empty, sample };
}

const joined = (boxes: DrawnBox[]) =>
  boxes
    .filter((b) => b.kind === "text")
    .map((b) => b.text)
    .join(" ");

describe("every result and the receipt, with the longest real names", () => {
  const cases = [
    ...starters.map((def) => [`${def.code} → ${def.result.kind}`, () => documentFor(def)] as const),
    ["fee receipt", receipt] as const,
  ];

  // Each document is rendered once; both checks read the same bytes and boxes.
  const rendered = new Map<string, ReturnType<typeof renderDocument>>();
  const render = (name: string, make: () => OfficialDocument) => {
    let r = rendered.get(name);
    if (!r) {
      r = renderDocument(make());
      rendered.set(name, r);
    }
    return r;
  };

  it.each(cases)(
    "%s: the official header, nothing overlapping, all inside the margins",
    async (name, make) => {
      const { boxes, pages } = await render(name, make);
      const text = joined(boxes);
      expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
      // The place is where the issuer sits: the commune, or the province for social security.
      expect(text).toMatch(/(Văn Miếu - Quốc Tử Giám|Hồ Chí Minh), ngày 04 tháng 11 năm 2026/);
      expect(text).not.toMatch(/CẤP XÃ|cấp xã/);
      // A commune is named, never shown as its code; instants are local, never ISO.
      const values = make()
        .rows.map(([, v]) => v)
        .join(" | ");
      expect(values).not.toMatch(/\b00226\b(?!\.H01)/);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      expect(overlaps(boxes)).toEqual([]);
      expect(outside(boxes)).toEqual([]);
      expect(pages).toBeLessThanOrEqual(2);
    },
  );

  it.skipIf(!needsPoppler).each(cases)(
    "%s: the page images show ink only where the layout drew, and every line is printed",
    async (name, make) => {
      expect(hasPoppler, "install poppler-utils (pdftoppm)").toBe(true);
      const { bytes, boxes, pages } = await render(name, make);
      const images = renderPages(bytes, 72, OUT, name.replace(/[^A-Za-z0-9.]+/g, "_"));
      expect(images).toHaveLength(pages);
      images.forEach((image, i) => {
        const r = inkCheck(
          image,
          boxes.filter((b) => b.page === i + 1),
        );
        expect({ page: i + 1, stray: r.stray, sample: r.sample, empty: r.empty }).toEqual({
          page: i + 1,
          stray: 0,
          sample: [],
          empty: [],
        });
      });
    },
  );
});

describe("what the documents say", () => {
  const byKind = (kind: string) => {
    const def = starters.find((d) => d.result.kind === kind);
    if (!def) throw new Error(kind);
    return documentFor(def);
  };
  const rows = (d: ReturnType<typeof documentFor>) => new Map(d.rows);

  it("the birth extract: the authority's proper name in two lines, the birth date in figures and in words", () => {
    const d = byKind("birth_extract");
    expect(d.authority).toEqual({
      superior: undefined,
      lines: ["ỦY BAN NHÂN DÂN", "PHƯỜNG VĂN MIẾU - QUỐC TỬ GIÁM"],
    });
    expect(d.title).toBe("Trích lục khai sinh");
    expect(d.number).toBe("Số: KQ-UB.00226.H01-261104-9999");
    const r = rows(d);
    expect(r.get("Ngày, tháng, năm sinh")).toBe("14/07/2026");
    expect(r.get("Ghi bằng chữ")).toBe("Ngày mười bốn tháng bảy năm hai nghìn không trăm hai mươi sáu");
    expect(r.get("Giới tính")).toBe("Nam");
    // The addressee of the application is not repeated: the authority heads and signs the extract.
    expect([...r.keys()].filter((k) => k.startsWith("Kính gửi"))).toEqual([]);
    expect(r.get("Năm sinh của mẹ")).toBe("1985");
    expect(d.signature.titles).toEqual(["Người ký trích lục"]);
    expect(d.signature.details).toContain("Ký bởi: Ủy ban nhân dân phường Văn Miếu - Quốc Tử Giám");
  });

  it("the birth extract of an ordinary family is one page, as on paper: signature and 'Nơi nhận' on page 1", async () => {
    const birth = starters.find((d) => d.result.kind === "birth_extract") as ProcedureDefinition;
    // Names and addresses of usual length, a commune of Đà Nẵng, the first option of each choice.
    const ordinary = (f: FormField): string | number | boolean => {
      if (f.type === "text")
        return /name$/i.test(f.key)
          ? "Nguyễn Thị Minh Anh"
          : /(residence|address|homeTown|place)/i.test(f.key)
            ? "Tổ 5, phường Hải Vân, thành phố Đà Nẵng"
            : "Kinh";
      if (f.type === "select") return f.options?.[0]?.value ?? "";
      if (f.type === "commune") return "20194";
      if (f.type === "number") return 1990;
      return longest(f);
    };
    const d = resultDocument({
      def: birth,
      number: "KQ-UB.20194.H48-261104-0001",
      dossierCode: "UB.20194.H48-261104-0001",
      applicantName: "Nguyễn Thị Minh Anh",
      signerName: "Trần Văn Bình",
      form: Object.fromEntries(birth.form.map((f) => [f.key, ordinary(f)])),
      issuedAt: ISSUED,
      place: {
        commune: { name: "Hải Vân", fullName: "Phường Hải Vân" },
        province: { name: "Đà Nẵng", fullName: "Thành phố Đà Nẵng" },
      },
      communeName: (key) =>
        key.startsWith("authority.") ? "Ủy ban nhân dân phường Hải Vân" : "Phường Hải Vân, thành phố Đà Nẵng",
      verifyUrl: "https://dichvucong.motlan.example.gov.vn/xac-minh/KQ-UB.20194.H48-261104-0001",
    });
    const { boxes, pages } = await renderDocument(d);
    expect(pages).toBe(1);
    const texts = boxes.filter((b) => b.kind === "text").map((b) => b.text ?? "");
    expect(texts).toContain("Nơi nhận:");
    expect(texts.some((t) => t.includes("Người ký trích lục".toLocaleUpperCase("vi")))).toBe(true);
    expect(overlaps(boxes)).toEqual([]);
    expect(outside(boxes)).toEqual([]);
  });

  it("the death extract: the time of death in Vietnam's local time, written the Vietnamese way", () => {
    const r = rows(byKind("death_extract"));
    expect(r.get("Thời gian chết")).toBe("19 giờ 08 phút, ngày 04/11/2026");
    expect(r.get("Ngày, tháng, năm sinh")).toBe("07/1950");
    expect(byKind("death_extract").signature.details).toContain(
      "Thời gian ký: 19 giờ 08 phút, ngày 04/11/2026 (GMT+7)",
    );
  });

  it("a residence result: the police with its superior authority; a commune field as its name", () => {
    const def = starters.find((x) => x.code === "LOCAL.DK-TAM-TRU") as ProcedureDefinition;
    const d = documentFor(def);
    expect(d.authority).toEqual({
      superior: "CÔNG AN THÀNH PHỐ HỒ CHÍ MINH",
      lines: ["CÔNG AN PHƯỜNG VĂN MIẾU - QUỐC TỬ GIÁM"],
    });
    expect(rows(d).get("Xã, phường nơi tạm trú")).toBe("Phường Văn Miếu - Quốc Tử Giám, thành phố Hà Nội");
    expect(d.signature.titles).toEqual(["Thủ trưởng cơ quan đăng ký cư trú"]);
  });

  it("the receipt names the payer, the fee, and the amount in figures and in words", () => {
    const r = rows(receipt());
    expect(r.get("Tên người nộp")).toBe(LONG_NAME);
    expect(r.get("Tên khoản thu")).toBe("Phí, lệ phí đăng ký tạm trú");
    expect(r.get("Số tiền")).toBe("1.250.000 đồng");
    expect(r.get("Số tiền bằng chữ")).toBe("Một triệu hai trăm năm mươi nghìn đồng");
    expect(r.get("Thời điểm thanh toán")).toBe("19 giờ 08 phút, ngày 04/11/2026");
  });

  it("a result's and a receipt's PDF say when they were issued (not 1970)", async () => {
    const birth = starters.find((d) => d.code === "1.001193") as ProcedureDefinition;
    for (const made of [documentFor(birth), receipt()]) {
      const pdf = await PDFDocument.load((await renderDocument(made)).bytes, { updateMetadata: false });
      expect(pdf.getCreationDate()?.toISOString()).toBe(ISSUED.toISOString());
    }
  });
});

import { describe, expect, it } from "vitest";
import { birthNoticeRecord, FATHER, MOTHER, personRecord } from "../../../test/helpers/prefill-sources.js";
import { forOfficer, personalWords } from "../../domain/audience.js";
import { LinkedGroupDefinition } from "../../domain/linked-group.js";
import { ProcedureDefinition } from "../../domain/procedure.js";
import { STARTER_CATALOGUE, STARTER_GROUPS } from "../catalog/index.js";
import type { PrefillSources } from "../exchange/index.js";
import { resultSource } from "../linked/index.js";
import { spousePrefill } from "./head-consent.js";
import { type PrefilledValue, resolvePrefill, suggestOwnParent } from "./prefill.js";

/**
 * Issue 14 point 5, review D1: officer screens speak of the citizen, never to them. Every field
 * label, help and option of every starter procedure, and every provenance text the platform gives
 * a prefilled value (the registries', a birth's parents', the spouse's household, a linked group's
 * earlier result), read as the officer's dossier page shows them (`forOfficer`, the one rule the
 * workspace applies), holds no "tôi"/"bạn" nor "I"/"my"/"you"/"your" outside quotes.
 */
const AT = new Date("2026-11-01T00:00:00Z");
const person = (n: string, o: Record<string, unknown> = {}) =>
  ({
    ...personRecord(n),
    provinceCode: "48",
    permanentCommuneCode: "20194",
    temporaryCommuneCode: null,
    temporaryProvinceCode: null,
    deceasedOn: null,
    permanentAddress: "12 Lê Lợi",
    permanentCommuneName: "Phường Hải Châu",
    provinceName: "Đà Nẵng",
    temporaryAddress: "3 Trần Phú",
    phone: "0900000000",
    email: "a@example.vn",
    relationshipToHead: "wife",
    birthRegistrationCommune: "20194",
    ...o,
  }) as unknown as PrefillSources["applicant"];

const card = {
  cardNumber: "TE1480000000001",
  beneficiaryGroup: "TE",
  benefitLevel: 1,
  primaryFacility: "Trạm y tế",
  validFrom: "2026-01-01",
  validTo: "2027-01-01",
};
/** Every registry holding something, so that every binding of every form gives its provenance. */
function sources(notice: boolean): PrefillSources & { maritalStatus: never } {
  const mother = person(MOTHER);
  const father = person(FATHER, { sex: "M", relationshipToHead: "head" });
  return {
    applicant: mother,
    spouse: father,
    householdHead: father,
    child: person("048226000003", { birthDate: "2026-01-01" }),
    ...(notice
      ? {
          birthNotice: {
            notice: birthNoticeRecord(AT),
            mother,
            father,
          },
        }
      : {}),
    deathNotice: {
      notice: {
        id: "GBT-1",
        provinceCode: "48",
        communeCode: "20194",
        personNumber: "048050000004",
        diedAt: AT,
        place: "Tại nhà",
        cause: "Bệnh",
      },
      deceased: person("048050000004", { fatherNumber: MOTHER, sex: "M" }),
      allowances: [
        { id: "TC-1", kind: "social_assistance", monthlyAmount: 500000, since: "2020-01-01", until: null },
      ],
    },
    healthInsuranceCard: card,
    childHealthInsuranceCard: card,
    marriageRecord: true,
    marriedTo: FATHER,
    maritalStatus: {
      status: "married",
      marriage: {
        registrationNumber: "KH-1",
        registeredOn: "2015-01-01",
        endedOn: null,
        judgementNumber: null,
      },
    },
  } as never;
}

type Text = { where: string; vi: string; en: string };
function texts(): Text[] {
  const out: Text[] = [];
  const provenance = (where: string, values: Record<string, PrefilledValue>) => {
    for (const [key, v] of Object.entries(values))
      out.push({ where: `${where} ${key} provenance`, vi: v.provenance.sourceVi, en: v.provenance.sourceEn });
  };
  for (const input of STARTER_CATALOGUE) {
    const def = ProcedureDefinition.parse(input);
    for (const f of def.form) {
      const at = `${def.code} ${f.key}`;
      out.push({ where: `${at} label`, vi: f.labelVi, en: f.labelEn });
      if (f.helpVi || f.helpEn) out.push({ where: `${at} help`, vi: f.helpVi ?? "", en: f.helpEn ?? "" });
      for (const o of f.options ?? [])
        out.push({ where: `${at} option ${o.value}`, vi: o.labelVi, en: o.labelEn });
    }
    provenance(def.code, resolvePrefill(def, sources(true)));
    provenance(def.code, suggestOwnParent(def, sources(false)));
  }
  provenance("spouse's household", {
    ...spousePrefill(
      {
        spouseNumber: FATHER,
        spouseName: "Trần Văn Hùng",
        householdId: "H2",
        headNumber: "048060000005",
        headName: "Trần Văn Ba",
        address: "5 Lý Thái Tổ",
        communeCode: "20197",
        communeName: "Phường Thanh Khê",
        provinceCode: "48",
        relationship: "daughter_in_law",
        spouseIsHead: false,
      },
      AT,
    ),
  });
  for (const { definition } of STARTER_GROUPS) {
    const group = LinkedGroupDefinition.parse(definition);
    for (const m of group.members) {
      const name = STARTER_CATALOGUE.find((p) => p.code === m.procedureCode) as {
        nameVi: string;
        nameEn: string;
      };
      const r = resultSource(name, "123/2026", AT);
      out.push({ where: `${group.code} ${m.key} result`, vi: r.sourceVi, en: r.sourceEn });
      for (const p of m.prefill)
        if ("fromMember" in p && p.sourceVi)
          out.push({ where: `${group.code} ${m.key} ${p.to}`, vi: p.sourceVi, en: p.sourceEn ?? p.sourceVi });
    }
  }
  return out;
}

describe("the officer's dossier page speaks of the citizen (issue 14 review D1)", () => {
  const all = texts();

  it("reads every starter procedure's labels, help, options and provenance", () => {
    // The two the review found, and every procedure's texts are in the table.
    expect(all.map((t) => t.vi)).toContain("Chủ hộ hoặc chủ sở hữu chỗ ở đồng ý cho tôi đăng ký tạm trú");
    expect(all.map((t) => t.vi)).toContain("Cơ sở dữ liệu về cư trú: quan hệ của vợ, chồng bạn với chủ hộ");
    for (const p of STARTER_CATALOGUE) expect(all.some((t) => t.where.startsWith(`${p.code} `))).toBe(true);
    expect(all.filter((t) => t.where.endsWith("provenance")).length).toBeGreaterThan(40);
  });

  it("no first or second person once the officer reads them, in Vietnamese and English", () => {
    const left = all.flatMap((t) =>
      (["vi", "en"] as const)
        .map((lang) => ({ lang, text: forOfficer(t[lang], lang) }))
        .filter(({ lang, text }) => personalWords(text, lang).length > 0)
        .map(({ lang, text }) => `${t.where} (${lang}): ${text}`),
    );
    expect(left).toEqual([]);
  });

  it("the review's two examples, as the officer reads them", () => {
    expect(forOfficer("Chủ hộ hoặc chủ sở hữu chỗ ở đồng ý cho tôi đăng ký tạm trú", "vi")).toBe(
      "Chủ hộ hoặc chủ sở hữu chỗ ở đồng ý cho người yêu cầu đăng ký tạm trú",
    );
    expect(forOfficer("Cơ sở dữ liệu về cư trú: quan hệ của vợ, chồng bạn với chủ hộ", "vi")).toBe(
      "Cơ sở dữ liệu về cư trú: quan hệ của vợ, chồng người yêu cầu với chủ hộ",
    );
  });
});

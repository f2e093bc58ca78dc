import { describe, expect, it } from "vitest";
import {
  birthChildKey,
  lifeEventKey,
  lifeEventKind,
  marriagePartyNumbers,
} from "../src/domain/life-event.js";
import { ProcedureDefinition } from "../src/domain/procedure.js";
import { STARTER_CATALOGUE } from "../src/modules/catalog/index.js";

/** Which life event each starter procedure registers (src/domain/life-event.ts), from its data alone. */
const def = (code: string) => {
  const d = STARTER_CATALOGUE.find((x) => x.code === code);
  if (!d) throw new Error(code);
  return ProcedureDefinition.parse(d);
};
const replaced = (ref: string) => ({ replaced: true, fact: {}, ref });

describe("life-event keys of the starter procedures", () => {
  it("a birth registration is keyed by the health facility's birth notice", () => {
    const key = lifeEventKey(def("1.001193"), {}, { birthCertificate: replaced("GCS-0001") });
    expect(key).toBe("birth-notice:GCS-0001");
    expect(lifeEventKind(key ?? "")).toBe("birth");
  });

  const paper = {
    "child.fullName": "Nguyễn Minh An",
    "child.birthDate": "2026-11-02",
    "child.sex": "M",
    "mother.fullName": "Nguyễn Thị Thanh",
    "mother.birthYear": 1994,
  };
  it.each<[string, Record<string, string | number>, string | undefined]>([
    ["the child as declared", paper, "birth:nguyen thi thanh~1994:2026-11-02:nguyen minh an:M"],
    [
      "typed without diacritics and with extra spaces: the same child",
      { ...paper, "child.fullName": " Nguyen  Minh An", "mother.fullName": "NGUYỄN THỊ THANH" },
      "birth:nguyen thi thanh~1994:2026-11-02:nguyen minh an:M",
    ],
    [
      "a twin (same mother, same day, another name)",
      { ...paper, "child.fullName": "Nguyễn Minh Anh" },
      "birth:nguyen thi thanh~1994:2026-11-02:nguyen minh anh:M",
    ],
    ["the child's name not yet typed", { ...paper, "child.fullName": "" }, undefined],
    ["the mother's year of birth missing", { ...paper, "mother.birthYear": "" }, undefined],
  ])("without a birth notice (paper certificate uploaded), %s", (_n, values, key) => {
    expect(lifeEventKey(def("1.001193"), values, {})).toBe(key);
  });

  it("with a birth notice the notice keys it, and the child is still known for the paper filings", () => {
    expect(lifeEventKey(def("1.001193"), paper, { birthCertificate: replaced("GCS-0001") })).toBe(
      "birth-notice:GCS-0001",
    );
    expect(birthChildKey(def("1.001193"), paper)).toBe("nguyen thi thanh~1994:2026-11-02:nguyen minh an:M");
    expect(birthChildKey(def("LOCAL.KHAI-TU"), paper)).toBeUndefined();
  });

  it.each(["LOCAL.KHAI-TU", "LOCAL.XOA-DKTT", "LOCAL.MAI-TANG-PHI"])(
    "%s is keyed by the deceased's personal number (once per deceased)",
    (code) => {
      const key = lifeEventKey(def(code), { "deceased.personalNumber": "048040000104" }, {});
      expect(key).toBe("death:048040000104");
      expect(lifeEventKind(key ?? "")).toBe("death");
    },
  );

  it("a death without a personal number falls back to the death notice", () => {
    expect(lifeEventKey(def("LOCAL.KHAI-TU"), {}, { deathNotice: replaced("GBT-0001") })).toBe(
      "death-notice:GBT-0001",
    );
  });

  it("a marriage gives the same key whichever spouse files", () => {
    const his = lifeEventKey(
      def("LOCAL.KET-HON"),
      { "applicant.personalNumber": "048092000301", "partner.personalNumber": "049090000201" },
      {},
    );
    const hers = lifeEventKey(
      def("LOCAL.KET-HON"),
      { "applicant.personalNumber": "049090000201", "partner.personalNumber": "048092000301" },
      {},
    );
    expect(his).toBe("marriage:048092000301:049090000201");
    expect(hers).toBe(his);
  });

  it("a partner without a personal number is known by folded name and birth date", () => {
    const key = lifeEventKey(
      def("LOCAL.KET-HON"),
      {
        "applicant.personalNumber": "048092000301",
        "partner.fullName": "Lê Thị  Dung",
        "partner.birthDate": "1990-01-20",
      },
      {},
    );
    expect(key).toBe("marriage:048092000301:~le thi dung~1990-01-20");
  });

  it.each([
    "LOCAL.DK-TAM-TRU",
    "LOCAL.XAC-NHAN-TTHN",
    "LOCAL.CHUNG-THUC-BAN-SAO",
    "1.004222",
    "LOCAL.BHYT-TE",
  ])("%s registers no life event", (code) => {
    expect(lifeEventKey(def(code), { "applicant.personalNumber": "048092000301" }, {})).toBeUndefined();
  });
});

describe("the parties a marriage registration holds (one marriage at a time)", () => {
  const him = "048092000301";
  const her = "049090000201";
  it.each<[string, string, Record<string, string>, Array<{ prefix: string; number: string }>]>([
    [
      "both by number, sorted by number",
      "LOCAL.KET-HON",
      { "applicant.personalNumber": her, "partner.personalNumber": him },
      [
        { prefix: "partner", number: him },
        { prefix: "applicant", number: her },
      ],
    ],
    [
      "a partner known by name only holds nobody by number",
      "LOCAL.KET-HON",
      {
        "applicant.personalNumber": him,
        "partner.fullName": "Lê Thị Dung",
        "partner.birthDate": "1990-01-20",
      },
      [{ prefix: "applicant", number: him }],
    ],
    [
      "a malformed number is not a party",
      "LOCAL.KET-HON",
      { "applicant.personalNumber": him, "partner.personalNumber": " 04909000020" },
      [{ prefix: "applicant", number: him }],
    ],
    ["another procedure has no parties", "LOCAL.XAC-NHAN-TTHN", { "person.personalNumber": him }, []],
    ["a death registration neither", "LOCAL.KHAI-TU", { "deceased.personalNumber": him }, []],
  ])("%s", (_name, code, values, parties) => {
    expect(marriagePartyNumbers(def(code), values)).toEqual(parties);
  });
});

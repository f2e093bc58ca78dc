import { describe, expect, it } from "vitest";
import { MESSAGE_LABELS } from "./message-labels.js";
import { checkEnvelope, MESSAGE_TYPES } from "./messages.js";

const base = {
  id: "7d4b1f4e-2f5e-4f1e-9a53-0b8f6e6c1a11",
  type: "health_insurance.card_issued@1",
  from: { agency: "bhxh", unit: "48" },
  to: { agency: "cong-an", unit: "20194" },
  sentAt: "2026-11-04T09:00:00+07:00",
  province: "48",
  payload: {
    personalNumber: "048188000102",
    cardNumber: "TE1480000000001",
    validFrom: "2026-11-04",
    validTo: "2032-10-27",
    hospitalCode: null,
  },
};

describe("message envelopes and their types", () => {
  it.each([
    ["a well-formed card message", base, "ok"],
    ["an unknown field in the envelope", { ...base, extra: 1 }, "INVALID_MESSAGE"],
    ["an agency that is no participant", { ...base, from: { agency: "ngan-hang" } }, "INVALID_MESSAGE"],
    [
      "a unit that is neither a commune nor a province",
      { ...base, to: { agency: "cong-an", unit: "4" } },
      "INVALID_MESSAGE",
    ],
    ["a type with no version", { ...base, type: "health_insurance.card_issued" }, "INVALID_MESSAGE"],
    ["a version nobody defined", { ...base, type: "health_insurance.card_issued@9" }, "UNKNOWN_TYPE"],
    [
      "a personal number of the wrong shape",
      { ...base, payload: { ...base.payload, personalNumber: "48" } },
      "INVALID_PAYLOAD",
    ],
    [
      "a card number of the wrong shape",
      { ...base, payload: { ...base.payload, cardNumber: "123" } },
      "INVALID_PAYLOAD",
    ],
    [
      "a payload field the type does not have",
      { ...base, payload: { ...base.payload, note: "x" } },
      "INVALID_PAYLOAD",
    ],
  ])("%s → %s", (_name, value, expected) => {
    const v = checkEnvelope(value);
    expect(v.ok ? "ok" : v.reason).toBe(expected);
  });

  it("says what a message discloses about whom: the card's holder, their number and card", () => {
    const v = checkEnvelope(base);
    expect(v.ok && v.disclosures).toEqual([
      { subject: "048188000102", fields: ["personalNumber", "healthInsurance"] },
    ]);
  });

  it("a birth discloses each known parent once; a residence the field of its kind", () => {
    const birth = checkEnvelope({
      ...base,
      type: "civil_status.birth_registered@1",
      payload: {
        registrationNumber: "1/2026",
        registeredOn: "2026-11-04",
        communeCode: "20194",
        child: { fullName: "Nguyễn Ngọc Diệp", birthDate: "2026-10-28", sex: "F", placeOfBirth: "Đà Nẵng" },
        motherNumber: "048188000102",
        fatherNumber: "048188000102",
        birthNoticeId: null,
      },
    });
    expect(birth.ok && birth.disclosures.map((d) => d.subject)).toEqual(["048188000102"]);
    // @1 gained an optional child's ethnicity: messages with and without it are both valid.
    const withEthnicity = checkEnvelope({
      ...base,
      type: "civil_status.birth_registered@1",
      payload: {
        registrationNumber: "1/2026",
        registeredOn: "2026-11-04",
        communeCode: "20194",
        child: {
          fullName: "Nguyễn Ngọc Diệp",
          birthDate: "2026-10-28",
          sex: "F",
          placeOfBirth: "Đà Nẵng",
          ethnicity: "Tày",
        },
        motherNumber: "048188000102",
        fatherNumber: null,
        birthNoticeId: null,
      },
    });
    expect(withEthnicity.ok).toBe(true);
    const residence = checkEnvelope({
      ...base,
      type: "residence.registered@1",
      payload: {
        personalNumber: "048092000301",
        kind: "temporary",
        communeCode: "20194",
        address: "12 Nguyễn Văn Cừ",
        householdId: null,
        until: "2027-06-30",
      },
    });
    expect(residence.ok && residence.disclosures[0]?.fields).toEqual([
      "personalNumber",
      "temporaryResidence",
      "household",
    ]);
  });

  it("every type has a name for people, and every name a type", () => {
    expect(Object.keys(MESSAGE_LABELS).sort()).toEqual(Object.keys(MESSAGE_TYPES).sort());
  });
});

describe("a correction's answer", () => {
  const decided = {
    ...base,
    type: "registry.correction_decided@1",
    from: { agency: "cong-an", unit: "20194" },
    to: { agency: "mot-lan" },
    payload: {
      correctionId: "48:1",
      registry: "population",
      personalNumber: "048188000102",
      field: "ethnicity",
      outcome: "accepted",
      previousValue: "Kinh",
      newValue: "Tày",
      reason: null,
      decidedAt: "2026-11-04T09:00:00+07:00",
    },
  };
  it.each([
    ["accepted with the new value", decided.payload, "ok"],
    ["accepted without a new value", { ...decided.payload, newValue: null }, "INVALID_PAYLOAD"],
    ["rejected with a reason", { ...decided.payload, outcome: "rejected", reason: "Không đúng." }, "ok"],
    [
      "rejected without a reason",
      { ...decided.payload, outcome: "rejected", reason: null },
      "INVALID_PAYLOAD",
    ],
  ])("%s", (_name, payload, expected) => {
    const v = checkEnvelope({ ...decided, payload });
    expect(v.ok ? "ok" : v.reason).toBe(expected);
  });

  it("discloses the corrected field to the platform only when accepted", () => {
    const v = checkEnvelope(decided);
    expect(v.ok && v.disclosures).toEqual([
      { subject: "048188000102", fields: ["personalNumber", "ethnicity"] },
    ]);
  });
});

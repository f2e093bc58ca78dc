import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDate } from "../src/domain/calendar/index.js";
import { shiftYears } from "../src/domain/partial-date.js";
import { engine } from "./helpers/db.js";
import { A, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, TEST_START, type TestServer } from "./helpers/server.js";

/**
 * Plausibility per field and one person, one number (the new-user review of issues 8 and 9),
 * through the real API on both engines: the server's validation is built from the procedures'
 * definitions, each refusal a FORM_INVALID detail with a stable code, in both languages.
 */
type Issue = { field: string; messageVi: string; messageEn: string; code?: string };
type View = { id: string; status: string; error?: { code: string; details?: Issue[] } };

let s: TestServer;
const signedIn: Record<string, Browser> = {};
async function as(login: string): Promise<Browser> {
  if (!signedIn[login]) {
    const b = new Browser(s.baseUrl);
    await b.signIn(login);
    signedIn[login] = b;
  }
  return signedIn[login] as Browser;
}
beforeAll(async () => {
  s = await startTestServer();
}, 120_000);
afterAll(async () => s?.close());

const today = () => localDate(TEST_START);
const inDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
async function start(b: Browser, procedureCode: string): Promise<string> {
  const r = await b.send<View>("POST", "/api/dossiers", { procedureCode });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}
const submit = (b: Browser, id: string, values: Record<string, unknown>) =>
  b.send<View>("POST", `/api/dossiers/${id}/submit`, { values });
const save = (b: Browser, id: string, values: Record<string, unknown>) =>
  b.send<View>("PUT", `/api/dossiers/${id}/form`, { values });
async function storedForm(id: string): Promise<Record<string, unknown>> {
  const { rows } = await s.db.query<{ form: Record<string, unknown> }>(
    "select form from dossiers where id = $1",
    [id],
  );
  return rows[0]?.form ?? {};
}
/** The refusal's code on this field (undefined when the answer was accepted or the field not named). */
function codeOn(r: { status: number; body: View }, field: string): string | undefined {
  if (r.status === 200) return undefined;
  expect(r.status, JSON.stringify(r.body)).toBe(400);
  expect(r.body.error?.code).toBe("FORM_INVALID");
  const d = r.body.error?.details?.find((x) => x.field === `form.${field}`);
  if (d) {
    expect(d.messageVi.length).toBeGreaterThan(10);
    expect(d.messageEn.length).toBeGreaterThan(10);
  }
  return d?.code;
}

const STAY = {
  "stay.commune": A.commune,
  "stay.address": "Phòng 3, nhà trọ số 12",
  "host.consent": true,
};
const MARRIAGE = {
  "applicant.marriageCount": 1,
  "partner.fullName": "Lê Thị Hoa",
  "partner.sex": "F",
  "partner.ethnicity": "Kinh",
  "partner.marriageCount": 1,
  "declaration.sworn": true,
};

describe(`plausibility per field (${engine})`, () => {
  it.each([
    ["until today", () => today(), "DATE_NOT_IN_FUTURE"],
    ["for 2 years and a day", () => inDays(shiftYears(today(), 2), 1), "DATE_TOO_FAR_AHEAD"],
    ["for 3 years", () => shiftYears(today(), 3), "DATE_TOO_FAR_AHEAD"],
  ])("a temporary stay %s is refused", async (_name, until, code) => {
    const worker = await as(people.worker.pn);
    const id = await start(worker, "LOCAL.DK-TAM-TRU");
    const r = await submit(worker, id, { ...STAY, "stay.until": until() });
    expect(codeOn(r, "stay.until")).toBe(code);
    if (code === "DATE_TOO_FAR_AHEAD")
      expect(r.body.error?.details?.[0]?.messageEn).toContain("Law on Residence 2020, Art. 27");
  });

  it("a temporary stay of exactly 2 years is accepted", async () => {
    const worker = await as(people.worker.pn);
    const id = await start(worker, "LOCAL.DK-TAM-TRU");
    const r = await submit(worker, id, { ...STAY, "stay.until": shiftYears(today(), 2) });
    // The form passes; only the proof of lawful residence (an upload) is still missing.
    expect([r.status, r.body.error?.code], JSON.stringify(r.body)).toEqual([400, "COMPONENT_MISSING"]);
  });

  it("a household member born more than 120 years ago is refused when the draft is saved", async () => {
    const mother = await as(people.mother.pn);
    const id = await start(mother, "1.004222");
    const r = await save(mother, id, { "member.fullName": "Nguyễn Văn Cụ", "member.birthDate": "1899" });
    expect(codeOn(r, "member.birthDate")).toBe("DATE_TOO_LONG_AGO");
    expect(await storedForm(id)).not.toHaveProperty("member.birthDate", "1899");
  });

  it("a man cannot register a marriage with a man (Law 52/2014/QH13, Art. 8(2))", async () => {
    const worker = await as(people.worker.pn); // a man
    const id = await start(worker, "LOCAL.KET-HON");
    const r = await submit(worker, id, {
      ...MARRIAGE,
      "partner.fullName": "Lê Văn Hòa",
      "partner.sex": "M",
      "partner.nationality": "Việt Nam",
      "partner.personalNumber": "048095000998",
    });
    expect(codeOn(r, "partner.sex")).toBe("SAME_SEX_MARRIAGE");
    const d = r.body.error?.details?.find((x) => x.field === "form.partner.sex");
    expect(d?.messageVi).toContain("Điều 8 khoản 2");
  });
});

describe(`a Vietnamese partner gives a personal number, a foreign one a passport number (${engine})`, () => {
  it.each(["Viet Nam", "VN", "vietnamese"])("%j without a number is refused", async (nationality) => {
    const worker = await as(people.worker.pn);
    const id = await start(worker, "LOCAL.KET-HON");
    const r = await submit(worker, id, {
      ...MARRIAGE,
      "partner.nationality": nationality,
      "partner.birthDate": "1995-04-04",
      "partner.residence": "Liên Chiểu, Đà Nẵng",
    });
    expect(codeOn(r, "partner.personalNumber")).toBe("REQUIRED");
  });

  it("a foreign partner without a passport number is refused; with one, accepted", async () => {
    const worker = await as(people.worker.pn);
    const id = await start(worker, "LOCAL.KET-HON");
    const values = {
      ...MARRIAGE,
      "partner.nationality": "Hàn Quốc",
      "partner.birthDate": "1995-04-04",
      "partner.residence": "Seoul, Hàn Quốc",
    };
    expect(codeOn(await submit(worker, id, values), "partner.passportNumber")).toBe("REQUIRED");
    const r = await submit(worker, id, { ...values, "partner.passportNumber": "M12345678" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await storedForm(id))["partner.nationality"]).toBe("Hàn Quốc");
  });

  it("'viet nam' with a number is accepted and stored as 'Việt Nam'", async () => {
    const neighbour = await as(people.neighbour.pn); // a woman
    const id = await start(neighbour, "LOCAL.KET-HON");
    const r = await submit(neighbour, id, {
      ...MARRIAGE,
      "partner.fullName": people.capital.name,
      "partner.sex": "M",
      "partner.nationality": "  viet nam ",
      "partner.personalNumber": people.capital.pn, // in the registry, single (eligibility)
      "partner.birthDate": people.capital.birth, // with the name, as the registry holds them
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await storedForm(id))["partner.nationality"]).toBe("Việt Nam");
  });
});

describe(`one person, one number (${engine})`, () => {
  it("a citizen cannot register their own death", async () => {
    const father = await as(people.father.pn);
    const id = await start(father, "LOCAL.KHAI-TU");
    const r = await submit(father, id, {
      "requester.relationship": "child",
      "deceased.fullName": people.father.name,
      "deceased.personalNumber": people.father.pn,
      "deceased.birthDate": people.father.birth,
      "deceased.sex": "M",
      "declaration.sworn": true,
    });
    expect(codeOn(r, "deceased.personalNumber")).toBe("NUMBER_IS_APPLICANT");
  });

  it("the deceased's typed number must agree with the typed sex and birth date", async () => {
    const father = await as(people.father.pn);
    const id = await start(father, "LOCAL.KHAI-TU");
    const base = { "requester.relationship": "child", "deceased.personalNumber": "049190000201" }; // a woman born 1990
    expect(
      codeOn(await submit(father, id, { ...base, "deceased.sex": "M" }), "deceased.personalNumber"),
    ).toBe("NUMBER_SEX_MISMATCH");
    expect(
      codeOn(await submit(father, id, { ...base, "deceased.birthDate": "1960" }), "deceased.personalNumber"),
    ).toBe("NUMBER_BIRTH_YEAR_MISMATCH");
  });
});

import { describe, expect, it } from "vitest";
import { checkDefinition, evaluate, ProcedureDefinition, type TimeLimit } from "../../domain/procedure.js";
import { foldVietnamese } from "../../domain/text.js";
import { parseDefinition } from "./parse.js";
import { STARTER_CATALOGUE } from "./starter/index.js";
import { formStats } from "./stats.js";

const defs = STARTER_CATALOGUE.map((d) => ProcedureDefinition.parse(d));
const byCode = new Map(defs.map((d) => [d.code, d]));
const hours = (t: TimeLimit) => ("workingDays" in t ? t.workingDays * 8 : t.workingHours);

/*
 * Counts of the starter catalogue (paper fields → typed online):
 *   code                      paper  online  prefilled  typed  reduction
 *   1.001193                    26     24        17        7     73.1%
 *   1.004222                    18     17        10        7     61.1%
 *   LOCAL.BHYT-TE               14     12         6        6     57.1%
 *   LOCAL.KHAI-TU               19     14        12        2     89.5%
 *   LOCAL.XOA-DKTT              18     15        14        1     94.4%
 *   LOCAL.MAI-TANG-PHI          20     18        12        6     70.0%
 *   LOCAL.TRO-CAP-TUAT          19     17        10        7     63.2%
 *   LOCAL.KET-HON               19     18         8       10     47.4%
 *   LOCAL.XAC-NHAN-TTHN         19     12         8        4     78.9%
 *   LOCAL.DK-TAM-TRU            18     16         6       10     44.4%
 *   LOCAL.CHUNG-THUC-BAN-SAO     8      7         4        3     62.5%
 * The test names below print the same counts from the live definitions.
 */
const rows = defs.map((d) => ({ code: d.code, def: d, ...formStats(d) }));

describe("starter catalogue", () => {
  it.each(rows)(
    "$code: paper $paperFieldCount, online $onlineFieldCount, prefilled $prefilledFieldCount, typed $typedFieldCount, reduction $reductionPercent%",
    ({ def, reductionPercent, typedFieldCount, paperFieldCount }) => {
      const input = STARTER_CATALOGUE.find((s) => s.code === def.code);
      const r = parseDefinition(input);
      expect(r.ok ? [] : r.problems).toEqual([]);
      expect(checkDefinition(def)).toEqual([]);
      expect(reductionPercent).toBeGreaterThanOrEqual(20);
      expect(typedFieldCount).toBeLessThan(paperFieldCount);
    },
  );

  it("has eleven procedures with unique codes; only the verified national codes are marked verified", () => {
    expect(defs).toHaveLength(11);
    expect(new Set(defs.map((d) => d.code)).size).toBe(11);
    const verified = defs.filter((d) => d.codeVerified).map((d) => d.code);
    expect(verified.sort()).toEqual(["1.001193", "1.004222"]);
    for (const d of defs) if (!d.codeVerified) expect(d.code).toMatch(/^LOCAL\./);
  });

  it("forms the Decree 63/2024 linked groups", () => {
    const group = (g: string) =>
      defs
        .filter((d) => d.linkedGroup === g)
        .map((d) => d.code)
        .sort();
    expect(group("birth")).toEqual(["1.001193", "1.004222", "LOCAL.BHYT-TE"]);
    expect(group("death")).toEqual([
      "LOCAL.KHAI-TU",
      "LOCAL.MAI-TANG-PHI",
      "LOCAL.TRO-CAP-TUAT",
      "LOCAL.XOA-DKTT",
    ]);
    expect(byCode.get("1.001193")?.timeLimit).toEqual({ workingDays: 0 });
    expect(byCode.get("1.004222")?.timeLimit).toEqual({ workingDays: 7 });
    expect(byCode.get("LOCAL.BHYT-TE")?.timeLimit).toEqual({ workingDays: 2 });
  });

  it.each(defs.map((d) => [d.code, d] as const))("%s: steps fit the time limit, receipt first", (_c, d) => {
    expect(d.steps[0]?.role).toBe("receiver");
    expect(d.steps.length).toBeGreaterThanOrEqual(2);
    const total = d.steps.reduce((n, s) => n + hours(s.limit), 0);
    expect(total).toBeLessThanOrEqual(Math.max(hours(d.timeLimit), 8));
  });

  it.each(defs.map((d) => [d.code, d] as const))(
    "%s: bilingual, searchable with and without diacritics",
    (_c, d) => {
      expect(d.keywords.some((k) => foldVietnamese(k) !== k.toLowerCase())).toBe(true);
      expect(d.keywords.some((k) => foldVietnamese(k) === k)).toBe(true);
      for (const f of d.form) {
        expect(f.labelVi).not.toBe(f.labelEn);
        if (f.type === "select") expect(f.options?.length).toBeGreaterThan(0);
        if (f.prefill && /sex$/i.test(f.prefill.path)) {
          expect(f.options?.map((o) => o.value)).toEqual(["M", "F"]);
        }
      }
    },
  );

  it("replaces documents by data; results refer to procedures of the catalogue", () => {
    for (const d of defs) {
      for (const c of d.components) {
        if (c.replacedBy?.kind === "result") expect(byCode.has(c.replacedBy.ref)).toBe(true);
      }
    }
    const birth = byCode.get("1.001193");
    const refs = birth?.components.map((c) => c.replacedBy?.ref);
    expect(refs).toEqual(["birthNotice", "marriageRecord", "identity"]);
    const marriage = birth?.components.find((c) => c.key === "marriageCertificate");
    expect(evaluate(marriage?.required, { "parents.married": true })).toBe(true);
    expect(evaluate(marriage?.required, { "parents.married": false })).toBe(false);
    const residence = byCode.get("1.004222")?.components[0];
    expect(evaluate(residence?.required, { request: "join_household" })).toBe(false);
    expect(evaluate(residence?.required, { request: "other_residence" })).toBe(true);
    const temporary = byCode.get("LOCAL.DK-TAM-TRU");
    expect(temporary?.components[0]).toMatchObject({ required: true, maxBytes: 5 * 1024 * 1024 });
    expect(temporary?.fee).toMatchObject({ amount: 10_000, onlineDiscountPercent: 50 });
    expect(byCode.get("LOCAL.CHUNG-THUC-BAN-SAO")?.fullyOnline).toBe(false);
  });

  it("the marriage form prefills only the applicant's own data", () => {
    const m = byCode.get("LOCAL.KET-HON");
    const subjects = new Set(m?.form.flatMap((f) => (f.prefill ? [f.prefill.subject] : [])));
    expect([...subjects]).toEqual(["applicant"]);
    expect(m?.form.find((f) => f.key === "partner.personalNumber")?.prefill).toBeUndefined();
  });
});

describe("formStats and parseDefinition", () => {
  it("counts typed fields (checkboxes included) against the paper form", () => {
    const base = defs[0];
    if (!base) throw new Error("no starter");
    const s = formStats({ ...base, paperFieldCount: 10 });
    expect(s.onlineFieldCount).toBe(base.form.length);
    expect(s.prefilledFieldCount + s.typedFieldCount).toBe(base.form.length);
    expect(s.reductionPercent).toBe(Math.round((1 - s.typedFieldCount / 10) * 1000) / 10);
  });

  it("reports shape problems and rule problems together", () => {
    const input = structuredClone(STARTER_CATALOGUE[0]) as Record<string, unknown>;
    delete input.nameVi;
    const form = input.form as Array<Record<string, unknown>>;
    form.push({ ...form[1] });
    form.push({
      key: "x",
      labelVi: "X",
      labelEn: "X",
      type: "text",
      visibleWhen: { field: "nope", equals: 1 },
    });
    form.push({
      key: "y",
      labelVi: "Y",
      labelEn: "Y",
      type: "text",
      prefill: { subject: "applicant", path: "shoeSize" },
    });
    const r = parseDefinition(input);
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.problems.map((p) => p.path);
    expect(paths).toContain("nameVi");
    expect(paths).toContain(`form.${form.length - 3}.key`);
    expect(paths).toContain(`form.${form.length - 2}.visibleWhen`);
    expect(paths).toContain(`form.${form.length - 1}.prefill.path`);
    expect(parseDefinition(undefined)).toMatchObject({ ok: false, problems: [{ path: "" }] });
  });

  it.each(rows)(
    "$code: every person's name is a name, every date of birth plausible, every number tied to its person",
    ({ def }) => {
      const keys = new Set(def.form.map((f) => f.key));
      for (const f of def.form) {
        if (/(fullName|headName)$/.test(f.key)) expect(f.format, f.key).toBe("personName");
        if (/birthDate$/.test(f.key)) {
          expect(f.plausible?.when, f.key).toBe("past");
          // A living person is at most 120 years old; a deceased's birth may be older.
          expect(f.plausible?.maxYearsAgo, f.key).toBe(f.key.startsWith("deceased.") ? undefined : 120);
          // The population registry may know only a year or a month; a birth notice knows the day.
          if (f.prefill?.subject !== "birthNotice") expect(f.partial, f.key).toBe(true);
        }
        // Typed or read from a registry or notice: the number agrees with the person's birth date and sex.
        if (f.type === "personalNumber") {
          const person = f.key.slice(0, f.key.lastIndexOf("."));
          if (keys.has(`${person}.birthDate`)) expect(f.person?.birthDate, f.key).toBe(`${person}.birthDate`);
          if (keys.has(`${person}.sex`)) expect(f.person?.sex, f.key).toBe(`${person}.sex`);
        }
      }
    },
  );

  it("refuses typed rules that do not fit their field", () => {
    const base = defs[0];
    if (!base) throw new Error("no starter");
    const field = (key: string, type: string, extra: Record<string, unknown> = {}) =>
      ProcedureDefinition.shape.form.element.parse({ key, labelVi: key, labelEn: key, type, ...extra });
    const def = {
      ...base,
      components: [],
      form: [
        field("a.name", "date", { format: "personName" }),
        field("a.birthDate", "text", { partial: true, plausible: { when: "past" } }),
        field("a.sex", "text"),
        field("a.number", "personalNumber", { person: { birthDate: "a.sex", sex: "a.sex" } }),
        field("b.birthDate", "date", { plausible: { minAge: { M: 20, F: 18, sexField: "nope" } } }),
      ],
    };
    expect(checkDefinition(def).map((p) => p.path)).toEqual([
      "form.0.format",
      "form.1.partial",
      "form.1.plausible",
      "form.3.person.birthDate",
      "form.3.person.sex",
      "form.4.plausible.minAge.sexField",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { ProcedureDefinition } from "../src/domain/procedure.js";
import { STARTER_CATALOGUE } from "../src/modules/catalog/index.js";
import { claimNames, duplicate } from "../src/modules/dossiers/index.js";

/**
 * DUPLICATE_LIFE_EVENT worded by the procedure's kind (issue 12, review L4): a funeral allowance
 * already settled is "giải quyết, chi trả" by its dossier, never "đăng ký" nor an extract
 * ("trích lục": civil-status words); the death registration keeps its own words.
 */
/** The starter catalogue's procedure whose result is of `kind` and named so: the funeral allowance, the death registration. */
const byResult = (kind: string, name: RegExp) =>
  STARTER_CATALOGUE.find((d) => d.result.kind === kind && name.test(d.result.nameVi)) as unknown;
const funeralAllowance = byResult("allowance_decision", /mai táng/);
const deathRegistration = byResult("death_extract", /khai tử/i);
const claim = (input: unknown) => ({
  key: "death:001060000001",
  procedureCode: "X",
  dossierId: "00000000-0000-0000-0000-000000000001",
  ...claimNames(ProcedureDefinition.parse(input)),
});
const told = (input: unknown, open: boolean) => {
  const e = duplicate(claim(input), { code: "UB.20194.2026.000123", open });
  const d = e.details?.[0];
  return { code: e.code, vi: d?.messageVi ?? "", en: d?.messageEn ?? "", dossier: d?.dossier };
};

describe("a second funeral allowance for one death", () => {
  it("settled: decided and paid by the first dossier, no civil-status words", () => {
    const t = told(funeralAllowance, false);
    const name = ProcedureDefinition.parse(funeralAllowance).nameVi;
    expect(t.code).toBe("DUPLICATE_LIFE_EVENT");
    expect(t.vi).toBe(
      `“${name}” cho người đã mất này đã được giải quyết, chi trả theo hồ sơ số UB.20194.2026.000123 (đã có kết quả). Mỗi trường hợp chỉ được giải quyết một lần; không cần nộp lại: xem kết quả và việc chi trả trong hồ sơ đó.`,
    );
    expect(t.en).toContain("was already decided and paid by dossier UB.20194.2026.000123");
    for (const words of [t.vi, t.en]) expect(words).not.toMatch(/đăng ký|trích lục|registered|extract/);
    expect(t.dossier).toEqual({ code: "UB.20194.2026.000123", open: false });
  });
  it("still being handled: wait for that dossier, settled once", () => {
    const t = told(funeralAllowance, true);
    expect(t.vi).toContain("đang được giải quyết. Mỗi trường hợp chỉ được giải quyết một lần");
    expect(t.vi).not.toMatch(/đăng ký|trích lục/);
  });
  it("the death registration keeps its civil-status words", () => {
    const t = told(deathRegistration, false);
    expect(t.vi).toContain("đã được đăng ký theo hồ sơ");
    expect(t.vi).toContain("trích lục");
  });
});

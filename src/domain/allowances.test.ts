import { describe, expect, it } from "vitest";
import {
  ALLOWANCE_RULES,
  accountProblem,
  allowanceOf,
  amountIsDecided,
  grantedAmount,
  loggedGrant,
  monthlyAllowanceOn,
} from "./allowances.js";

describe("allowances: the account check before a transfer, and the amounts", () => {
  it.each([
    ["0123456789", "NGUYEN VAN AN", "Nguyễn Văn An", null],
    ["0123456789", "nguyen  van   an", "Nguyễn Văn An", null],
    ["0123456789", "ĐỖ THỊ HẰNG", "Đỗ Thị Hằng", null],
    ["0123456789", "DO THI HANG", "Đỗ Thị Hằng", null],
    ["0123456789", "NGUYEN VAN KHAC", "Nguyễn Văn An", "ACCOUNT_HOLDER_MISMATCH"],
    ["0123456789", "NGUYEN VAN", "Nguyễn Văn An", "ACCOUNT_HOLDER_MISMATCH"],
    ["0123456789", null, "Nguyễn Văn An", "ACCOUNT_HOLDER_MISMATCH"],
    ["01234", "NGUYEN VAN AN", "Nguyễn Văn An", "ACCOUNT_FORMAT"],
    ["0123-456-789", "NGUYEN VAN AN", "Nguyễn Văn An", "ACCOUNT_FORMAT"],
    ["012345678901234567890", "NGUYEN VAN AN", "Nguyễn Văn An", "ACCOUNT_FORMAT"],
  ] as const)("%s held by %s for %s → %s", (account, holder, name, code) => {
    const p = accountProblem(account, holder, name);
    expect(p?.code ?? null).toBe(code);
    if (p) expect(p.vi.length > 0 && p.en.length > 0).toBe(true);
  });

  it.each([
    ["LOCAL.MAI-TANG-PHI", undefined, undefined, { ok: true, amount: 10_000_000, monthly: 0 }],
    // A figure entered where the law sets the amount is refused, never silently replaced.
    ["LOCAL.MAI-TANG-PHI", undefined, 5, { ok: false, code: "AMOUNT_SET_BY_LAW" }],
    ["LOCAL.MAI-TANG-PHI", undefined, 10_000_000, { ok: false, code: "AMOUNT_SET_BY_LAW" }],
    ["LOCAL.MAI-TANG-PHI", undefined, 0, { ok: false, code: "AMOUNT_SET_BY_LAW" }],
    ["LOCAL.MAI-TANG-PHI", undefined, null, { ok: true, amount: 10_000_000, monthly: 0 }],
    ["LOCAL.TRO-CAP-TUAT", "monthly", undefined, { ok: true, amount: 1_170_000, monthly: 1_170_000 }],
    ["LOCAL.TRO-CAP-TUAT", "monthly", 1_170_000, { ok: false, code: "AMOUNT_SET_BY_LAW" }],
    // The one-time survivor benefit: the social security officer's amount, never a figure of ours.
    ["LOCAL.TRO-CAP-TUAT", "one_time", 48_600_000, { ok: true, amount: 48_600_000, monthly: 0 }],
    ["LOCAL.TRO-CAP-TUAT", "one_time", undefined, { ok: false, code: "AMOUNT_REQUIRED" }],
    ["LOCAL.TRO-CAP-TUAT", "one_time", 0, { ok: false, code: "AMOUNT_REQUIRED" }],
    ["LOCAL.TRO-CAP-TUAT", "one_time", 1.5, { ok: false, code: "AMOUNT_REQUIRED" }],
    ["LOCAL.TRO-CAP-TUAT", "one_time", "48600000", { ok: false, code: "AMOUNT_REQUIRED" }],
    ["LOCAL.TRO-CAP-TUAT", "one_time", 2_000_000_001, { ok: false, code: "AMOUNT_REQUIRED" }],
    ["LOCAL.TRO-CAP-TUAT", "one_time", 2_000_000_000, { ok: true, amount: 2_000_000_000, monthly: 0 }],
  ] as const)("%s (%s), entered %s → %o", (code, choice, entered, expected) => {
    const rule = allowanceOf(code);
    if (!rule) throw new Error(`no rule for ${code}`);
    const got = grantedAmount(rule, choice, entered);
    expect(got).toMatchObject(expected);
    expect(amountIsDecided(rule, choice)).toBe(choice === "one_time");
    if (!got.ok && got.code === "AMOUNT_REQUIRED") expect(got.vi).toContain("Cần ghi số tiền trợ cấp tuất");
    if (!got.ok && got.code === "AMOUNT_SET_BY_LAW") {
      expect(got.vi).toContain("do pháp luật quy định");
      expect(got.en).toContain("set by law");
    }
  });

  it.each([
    // What a disbursement reads back from the logged decision: the officer's figure only where decided.
    ["LOCAL.MAI-TANG-PHI", undefined, 10_000_000, 10_000_000],
    ["LOCAL.TRO-CAP-TUAT", "monthly", 1_170_000, 1_170_000],
    ["LOCAL.TRO-CAP-TUAT", "one_time", 48_600_000, 48_600_000],
  ] as const)("logged %s (%s) amount %s → pays %s", (code, choice, logged, paid) => {
    const rule = allowanceOf(code);
    if (!rule) throw new Error(`no rule for ${code}`);
    expect(loggedGrant(rule, choice, logged)).toMatchObject({ ok: true, amount: paid });
  });

  it("only allowances are paid: other procedures grant none; each kind has one payer", () => {
    expect(allowanceOf("1.001193")).toBeUndefined();
    expect(ALLOWANCE_RULES.map((r) => [r.kind, r.payer])).toEqual([
      ["funeral_allowance", "van-hoa-xa-hoi"],
      ["survivor_benefit", "bhxh"],
    ]);
  });
});

describe("a monthly social allowance on a date (the funeral allowance's category, Decree 20/2021, Art. 11)", () => {
  const row = (kind: string, monthlyAmount: number, since: string, until: string | null = null) => ({
    id: kind,
    kind,
    monthlyAmount,
    since,
    until,
  });
  it.each([
    ["elderly_80 drawn since 2020", [row("elderly_80", 500_000, "2020-03-01")], "elderly_80"],
    [
      "disability ended before the death",
      [row("disability", 750_000, "2019-01-01", "2026-01-31")],
      undefined,
    ],
    ["granted after the death", [row("elderly_80", 500_000, "2026-12-01")], undefined],
    [
      "a funeral allowance paid here is no monthly allowance",
      [row("funeral_allowance", 0, "2026-11-05")],
      undefined,
    ],
    [
      "a monthly survivor benefit paid here is not one either",
      [row("survivor_benefit", 1_170_000, "2026-01-01")],
      undefined,
    ],
    ["none", [], undefined],
  ])("%s", (_, rows, expected) => {
    expect(monthlyAllowanceOn(rows, "2026-11-04")?.kind).toBe(expected);
  });
});

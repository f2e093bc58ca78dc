import { describe, expect, it } from "vitest";
import {
  ALLOWANCE_RULES,
  accountProblem,
  allowanceOf,
  amountIsDecided,
  grantedAmount,
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
    // A figure entered where the law sets the amount is ignored.
    ["LOCAL.MAI-TANG-PHI", undefined, 5, { ok: true, amount: 10_000_000, monthly: 0 }],
    ["LOCAL.TRO-CAP-TUAT", "monthly", undefined, { ok: true, amount: 1_170_000, monthly: 1_170_000 }],
    // The one-time survivor benefit: the social security officer's amount, never a figure of ours.
    ["LOCAL.TRO-CAP-TUAT", "one_time", 48_600_000, { ok: true, amount: 48_600_000, monthly: 0 }],
    ["LOCAL.TRO-CAP-TUAT", "one_time", undefined, { ok: false }],
    ["LOCAL.TRO-CAP-TUAT", "one_time", 0, { ok: false }],
    ["LOCAL.TRO-CAP-TUAT", "one_time", 1.5, { ok: false }],
    ["LOCAL.TRO-CAP-TUAT", "one_time", "48600000", { ok: false }],
    ["LOCAL.TRO-CAP-TUAT", "one_time", 2_000_000_001, { ok: false }],
    ["LOCAL.TRO-CAP-TUAT", "one_time", 2_000_000_000, { ok: true, amount: 2_000_000_000, monthly: 0 }],
  ] as const)("%s (%s), entered %s → %o", (code, choice, entered, expected) => {
    const rule = allowanceOf(code);
    if (!rule) throw new Error(`no rule for ${code}`);
    const got = grantedAmount(rule, choice, entered);
    expect(got).toMatchObject(expected);
    expect(amountIsDecided(rule, choice)).toBe(choice === "one_time");
    if (!got.ok) expect(got.vi).toContain("Cần ghi số tiền trợ cấp tuất");
  });

  it("only allowances are paid: other procedures grant none; each kind has one payer", () => {
    expect(allowanceOf("1.001193")).toBeUndefined();
    expect(ALLOWANCE_RULES.map((r) => [r.kind, r.payer])).toEqual([
      ["funeral_allowance", "van-hoa-xa-hoi"],
      ["survivor_benefit", "bhxh"],
    ]);
  });
});

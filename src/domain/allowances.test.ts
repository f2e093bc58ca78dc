import { describe, expect, it } from "vitest";
import { ALLOWANCE_RULES, accountProblem, allowanceOf, grantedAmount } from "./allowances.js";

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
    ["LOCAL.MAI-TANG-PHI", undefined, 10_000_000, 0, true],
    ["LOCAL.TRO-CAP-TUAT", "monthly", 1_170_000, 1_170_000, true],
    ["LOCAL.TRO-CAP-TUAT", "one_time", 20_000_000, 0, false],
  ] as const)(
    "%s (%s) grants %d once, %d a month (confirmed: %s)",
    (code, choice, amount, monthly, confirmed) => {
      const rule = allowanceOf(code);
      expect(rule).toBeDefined();
      if (rule) expect(grantedAmount(rule, choice)).toEqual({ amount, monthly, confirmed });
    },
  );

  it("only allowances are paid: other procedures grant none; each kind has one payer", () => {
    expect(allowanceOf("1.001193")).toBeUndefined();
    expect(ALLOWANCE_RULES.map((r) => [r.kind, r.payer])).toEqual([
      ["funeral_allowance", "van-hoa-xa-hoi"],
      ["survivor_benefit", "bhxh"],
    ]);
  });
});

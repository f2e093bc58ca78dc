import { allowanceOf, amountIsDecided, DECIDED_AMOUNT_MAX } from "@domain/allowances.js";
import { useTranslation } from "react-i18next";
import type { OfficerDossier } from "../../api/types";

/**
 * Whether issuing this dossier's result needs the amount the paying agency decides (the one-time
 * survivor benefit: Law on Social Insurance 2024, Art. 90), by the same rule the server applies.
 */
export function needsDecidedAmount(dossier: OfficerDossier): boolean {
  const rule = allowanceOf(dossier.procedure.code);
  const choice = dossier.fields.find((f) => f.key === "benefit.kind")?.value;
  return rule !== undefined && amountIsDecided(rule, choice);
}

/** The typed amount as whole đồng ("48.600.000", "48 600 000" → 48600000); undefined when empty. */
export function amountOf(typed: string): number | undefined {
  const digits = typed.replace(/[\s.,]/g, "");
  return /^[0-9]{1,12}$/.test(digits) ? Number(digits) : undefined;
}

/** The amount field shown with "issue result" when the officer decides the amount. */
export function AllowanceAmountField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor="allowance-amount">{t("officer.allowanceAmount.label")}</label>
      <input
        id="allowance-amount"
        data-testid="allowance-amount"
        inputMode="numeric"
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby="allowance-amount-help"
      />
      <p id="allowance-amount-help" className="help">
        {t("officer.allowanceAmount.help", { max: DECIDED_AMOUNT_MAX.toLocaleString("vi-VN") })}
      </p>
    </div>
  );
}

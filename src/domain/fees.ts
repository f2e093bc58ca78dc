import { evaluate } from "./conditions.js";
import type { FormValues } from "./form.js";
import type { Channel } from "./lifecycle.js";
import type { Fee, PerUnit } from "./procedure.js";

/**
 * Pure: an amount (đồng) as a channel pays it: the full amount at the counter, less the online
 * discount for dossiers filed online (on behalf counts, Decree 42/2022), rounded to the đồng.
 */
export function feeForChannel(fee: Pick<Fee, "amount" | "onlineDiscountPercent">, channel: Channel): number {
  if (channel === "counter") return fee.amount;
  return Math.round((fee.amount * (100 - fee.onlineDiscountPercent)) / 100);
}

/** A quantity typed in the form: a whole number ≥ 0, else undefined (not answered yet, or invalid). */
function quantity(values: FormValues, key: string): number | undefined {
  const v = values[key];
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}

/**
 * Pure: the per-unit part of a fee for `units` units, in đồng: each tier prices its units (up to
 * its `upTo`, counted from the first unit), then the part is held within `min`..`max`.
 * E.g. 5 pages at `[{ upTo: 2, amount: 2000 }, { amount: 1000 }]` = 2×2,000 + 3×1,000 = 7,000.
 */
export function perUnitAmount(p: PerUnit, units: number): number {
  let total = 0;
  let from = 0;
  for (const tier of p.tiers) {
    const to = Math.min(units, tier.upTo ?? units);
    if (to > from) total += (to - from) * tier.amount;
    from = Math.max(from, to);
  }
  return Math.min(p.max ?? total, Math.max(p.min ?? 0, total));
}

/**
 * Pure: the procedure's tariff applied to the form, before exemption and discount, in đồng:
 * (`amount` + the per-unit part) × copies. A quantity not answered yet counts 0 units and 1 copy
 * (the draft's running estimate; at submission both are required whole numbers).
 */
export function tariffAmount(fee: Fee, values: FormValues): number {
  const units = fee.perUnit ? (quantity(values, fee.perUnit.field) ?? 0) : 0;
  const perCopy = fee.amount + (fee.perUnit ? perUnitAmount(fee.perUnit, units) : 0);
  const copies = fee.copiesField ? (quantity(values, fee.copiesField) ?? 1) : 1;
  return perCopy * copies;
}

/**
 * Pure: the fee owed, in đồng: zero when the procedure's exemption holds, else the tariff applied
 * to the form's quantities (`tariffAmount`) as the channel pays it (`feeForChannel`).
 */
export function feeFor(fee: Fee, values: FormValues, channel: Channel): number {
  if (fee.exemptWhen && evaluate(fee.exemptWhen, values, false)) return 0;
  return feeForChannel(
    { amount: tariffAmount(fee, values), onlineDiscountPercent: fee.onlineDiscountPercent },
    channel,
  );
}

/** Does the fee depend on quantities typed in the form (pages, copies)? */
export function feeDependsOnForm(fee: Pick<Fee, "perUnit" | "copiesField">): boolean {
  return fee.perUnit !== undefined || fee.copiesField !== undefined;
}

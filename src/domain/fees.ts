import { evaluate } from "./conditions.js";
import type { FormValues } from "./form.js";
import type { Channel } from "./lifecycle.js";
import type { Fee } from "./procedure.js";

/**
 * Pure: the fee of a channel before any exemption, in đồng: the full amount at the counter, less
 * the online discount for dossiers filed online (on behalf counts, Decree 42/2022).
 */
export function feeForChannel(fee: Pick<Fee, "amount" | "onlineDiscountPercent">, channel: Channel): number {
  if (channel === "counter") return fee.amount;
  return Math.round((fee.amount * (100 - fee.onlineDiscountPercent)) / 100);
}

/** Pure: the fee owed, in đồng: zero when the procedure's exemption holds, else `feeForChannel`. */
export function feeFor(fee: Fee, values: FormValues, channel: Channel): number {
  if (fee.exemptWhen && evaluate(fee.exemptWhen, values, false)) return 0;
  return feeForChannel(fee, channel);
}

import type { FormValues } from "./form.js";
import type { Channel } from "./lifecycle.js";
import { evaluate, type Fee } from "./procedure.js";

/** Pure: the fee owed, with the online discount for dossiers filed online (on behalf counts). */
export function feeFor(fee: Fee, values: FormValues, channel: Channel): number {
  if (fee.exemptWhen && evaluate(fee.exemptWhen, values, false)) return 0;
  if (channel === "counter") return fee.amount;
  return Math.round((fee.amount * (100 - fee.onlineDiscountPercent)) / 100);
}

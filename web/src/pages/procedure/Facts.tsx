import { feeDependsOnForm, feeForChannel } from "@domain/fees.js";
import { lawConfirmsLimit } from "@domain/procedure.js";
import { useTranslation } from "react-i18next";
import type { ProcedureDefinition } from "../../api/types";
import { formatMoney, timeLimitParts } from "../../lib/format";
import { useL } from "../../lib/hooks";

export function Facts({ def }: { def: ProcedureDefinition }) {
  const { t, i18n } = useTranslation();
  const l = useL();
  const limit = timeLimitParts(def.timeLimit);
  const fee = def.fee;
  const online = feeForChannel(fee, "online");
  return (
    <section aria-labelledby="facts-title" className="card">
      <h2 id="facts-title">{t("procedure.factsTitle")}</h2>
      <dl className="facts">
        <div>
          <dt>{t("procedure.timeLimit")}</dt>
          {/* A limit the law does not confirm is data that drives the clock, never shown as law. */}
          <dd data-testid="time-limit">
            {lawConfirmsLimit(def.timeLimit)
              ? t(limit.key, { count: limit.count })
              : t("procedure.timeLimitUnconfirmed")}
          </dd>
        </div>
        <div>
          <dt>{t("procedure.fee")}</dt>
          <dd data-testid="fee">
            {feeDependsOnForm(fee) ? (
              <span data-testid="fee-by-quantity">{t("procedure.feeByQuantity")}</span>
            ) : fee.amount === 0 ? (
              t("procedure.free")
            ) : fee.onlineDiscountPercent > 0 ? (
              <>
                <span>{t("procedure.feeOnline", { amount: formatMoney(online, i18n.language) })}</span>{" "}
                <span className="muted">
                  {t("procedure.feeDiscount", {
                    percent: fee.onlineDiscountPercent,
                    amount: formatMoney(fee.amount, i18n.language),
                  })}
                </span>
              </>
            ) : (
              formatMoney(fee.amount, i18n.language)
            )}
            {(fee.noteVi || fee.noteEn) && <span className="note">{l(fee.noteVi, fee.noteEn)}</span>}
          </dd>
        </div>
        <div>
          <dt>{t("procedure.online")}</dt>
          <dd data-testid="fully-online">
            {def.fullyOnline ? t("procedure.fullyOnlineYes") : t("procedure.fullyOnlineNo")}
          </dd>
        </div>
        <div>
          <dt>{t("procedure.agency")}</dt>
          <dd>{l(def.agency.nameVi, def.agency.nameEn)}</dd>
        </div>
        <div>
          <dt>{t("procedure.result")}</dt>
          <dd>
            {l(def.result.nameVi, def.result.nameEn)}
            {def.result.electronic && <span className="note">{t("procedure.electronicResult")}</span>}
          </dd>
        </div>
      </dl>
    </section>
  );
}

import { benefitPercent } from "@domain/health-insurance.js";
import { maritalStatusWords } from "@domain/marital-status.js";
import { useTranslation } from "react-i18next";
import type { MyData } from "../../api/types";
import { formatDate, formatMoney } from "../../lib/format";

export function Records({ records }: { records: MyData["records"] }) {
  const { t, i18n } = useTranslation();
  const none = records.civilStatus.length + records.healthInsurance.length + records.allowances.length === 0;
  return (
    <section aria-labelledby="records-title" className="card" data-testid="records">
      <h2 id="records-title">{t("me.records")}</h2>
      {none && <p>{t("me.recordsNone")}</p>}
      <h3>{t("me.maritalStatus")}</h3>
      <p data-testid="marital-status" data-status={records.maritalStatus.status}>
        {maritalStatusWords(records.maritalStatus)[i18n.language === "en" ? "en" : "vi"]}
      </p>
      {records.civilStatus.length > 0 && (
        <>
          <h3>{t("me.civilStatus")}</h3>
          <ul className="plain">
            {records.civilStatus.map((r) => (
              <li key={r.id}>
                <strong>{t(`record.${r.kind}`, { defaultValue: r.kind })}</strong> — {t("me.regNo")}{" "}
                {r.registrationNumber}, {formatDate(r.registeredOn, i18n.language)}
              </li>
            ))}
          </ul>
        </>
      )}
      {records.healthInsurance.length > 0 && (
        <>
          <h3>{t("me.healthInsurance")}</h3>
          <ul className="plain">
            {records.healthInsurance.map((c) => (
              <li key={c.cardNumber}>
                <strong>{c.cardNumber}</strong> — {c.primaryFacility};{" "}
                {t("me.validity", {
                  from: formatDate(c.validFrom, i18n.language),
                  to: formatDate(c.validTo, i18n.language),
                })}
                ; {t("me.benefit", { level: benefitPercent(c.benefitLevel) ?? c.benefitLevel })}
              </li>
            ))}
          </ul>
        </>
      )}
      {records.allowances.length > 0 && (
        <>
          <h3>{t("me.allowances")}</h3>
          <ul className="plain">
            {records.allowances.map((a) => (
              <li key={a.id}>
                <strong>{t(`allowance.${a.kind}`, { defaultValue: a.kind })}</strong> —{" "}
                {a.monthlyAmount > 0
                  ? t("me.monthly", { amount: formatMoney(a.monthlyAmount, i18n.language) })
                  : t("me.oneTime")}
                , {t("me.since", { date: formatDate(a.since, i18n.language) })}
                {a.until ? ` – ${formatDate(a.until, i18n.language)}` : ""}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

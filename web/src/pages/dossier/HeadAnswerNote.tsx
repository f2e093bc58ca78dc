import { useTranslation } from "react-i18next";
import type { Dossier } from "../../api/types";
import { formatDate } from "../../lib/format";

/**
 * On the applicant's status card of a dossier joining a spouse's household (Law on Residence 2020,
 * Art. 21): whose consent it waits for and since when ("Đang chờ chủ hộ … đồng ý (từ dd/mm/yyyy)").
 * After a refusal (the status text then says the head did not consent), the head's own reason and
 * what the applicant can do. Nothing once consented, or for a dossier that needs no consent.
 */
export function HeadAnswerNote({ dossier }: { dossier: Dossier }) {
  const { t, i18n } = useTranslation();
  const h = dossier.headConsent;
  if (h?.refusal)
    return (
      <p className="head-refused" data-testid="head-refused-reason">
        {h.refusal.reason
          ? `${t("officer.headConsent.reason")} “${h.refusal.reason.replace(/[.。]+$/u, "")}”.`
          : t("officer.headConsent.noReason")}{" "}
        {t("tracking.headRefusedNext")}
      </p>
    );
  if (!h?.waitingSince) return null;
  return (
    <p className="head-waiting" data-testid="head-waiting">
      {t("tracking.headWaiting", {
        head: h.headName ?? t("officer.headConsent.head"),
        since: formatDate(h.waitingSince, i18n.language),
      })}
    </p>
  );
}

import { useTranslation } from "react-i18next";
import type { PublicResult } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { useL } from "../../lib/hooks";

export function ResultCard({ r }: { r: PublicResult }) {
  const { t, i18n } = useTranslation();
  const l = useL();
  return (
    <div
      className={`card verdict ${r.valid ? "verdict-ok" : "verdict-bad"}`}
      data-testid="verify-result"
      data-valid={String(r.valid)}
    >
      <p className="verdict-title" role="status">
        {r.valid ? t("verify.valid") : t("verify.invalid")}
      </p>
      <dl className="facts">
        <div>
          <dt>{t("verify.document")}</dt>
          <dd>{l(r.nameVi, r.nameEn)}</dd>
        </div>
        <div>
          <dt>{t("result.number")}</dt>
          <dd data-testid="verify-number-value">{r.number}</dd>
        </div>
        <div>
          <dt>{t("verify.issuedAt")}</dt>
          <dd>{formatDateTime(r.issuedAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t("verify.issuer")}</dt>
          <dd>{r.issuer}</dd>
        </div>
        <div>
          <dt>{t("verify.holder")}</dt>
          <dd>{r.holderName}</dd>
        </div>
        <div>
          <dt>{t("verify.fingerprint")}</dt>
          <dd className="mono">{r.sha256}</dd>
        </div>
      </dl>
    </div>
  );
}

import { useTranslation } from "react-i18next";
import type { Verification } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { useL } from "../../lib/hooks";

/** The verdict on a result: genuine with its facts, or not, with the reason. */
export function ResultCard({ r, testId, title }: { r: Verification; testId: string; title?: string }) {
  const { t, i18n } = useTranslation();
  const l = useL();
  if (!r.valid) {
    return (
      <div className="card verdict verdict-bad" data-testid={testId} data-valid="false">
        <p className="verdict-title">{title ?? t("verify.invalid")}</p>
        <p>{l(r.reasonVi, r.reasonEn)}</p>
      </div>
    );
  }
  return (
    <div className="card verdict verdict-ok" data-testid={testId} data-valid="true">
      <p className="verdict-title">{title ?? t("verify.valid")}</p>
      <dl className="facts">
        <div>
          <dt>{t("verify.document")}</dt>
          <dd>{l(r.nameVi, r.nameEn)}</dd>
        </div>
        <div>
          <dt>{t("result.number")}</dt>
          <dd data-testid={`${testId}-number`}>{r.number}</dd>
        </div>
        {r.issuedAt && (
          <div>
            <dt>{t("verify.issuedAt")}</dt>
            <dd>{formatDateTime(r.issuedAt, i18n.language)}</dd>
          </div>
        )}
        {r.issuer && (
          <div>
            <dt>{t("verify.issuer")}</dt>
            <dd>{r.issuer}</dd>
          </div>
        )}
        {r.holderName && (
          <div>
            <dt>{t("verify.holder")}</dt>
            <dd>{r.holderName}</dd>
          </div>
        )}
        {r.sha256 && (
          <div>
            <dt>{t("verify.fingerprint")}</dt>
            <dd className="mono">{r.sha256}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}

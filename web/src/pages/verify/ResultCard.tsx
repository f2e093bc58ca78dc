import { useTranslation } from "react-i18next";
import type { Verification } from "../../api/types";
import { formatDateTime, formatMoney } from "../../lib/format";
import { useL } from "../../lib/hooks";

/**
 * The verdict on a signed document (result, fee receipt, apology slip): genuine with its facts (a
 * receipt's also its dossier, procedure and amount), or not, with the reason; a kind of document
 * that is not signed (a dossier code) is said to be not verified here, not to be forged.
 */
export function ResultCard({ r, testId, title }: { r: Verification; testId: string; title?: string }) {
  const { t, i18n } = useTranslation();
  const l = useL();
  if (!r.valid) {
    if (r.notVerifiedHere)
      return (
        <div className="card verdict" data-testid={testId} data-valid="false" data-not-verified-here="true">
          <p className="verdict-title">{t("verify.notVerifiedHere")}</p>
          <p>{l(r.reasonVi, r.reasonEn)}</p>
        </div>
      );
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
        {r.dossierCode && (
          <div>
            <dt>{t("verify.dossierCode")}</dt>
            <dd>{r.dossierCode}</dd>
          </div>
        )}
        {r.procedureVi && (
          <div>
            <dt>{t("verify.procedure")}</dt>
            <dd>{l(r.procedureVi, r.procedureEn ?? r.procedureVi)}</dd>
          </div>
        )}
        {r.amount !== undefined && (
          <div>
            <dt>{t("verify.amount")}</dt>
            <dd data-testid={`${testId}-amount`}>{formatMoney(r.amount, i18n.language)}</dd>
          </div>
        )}
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

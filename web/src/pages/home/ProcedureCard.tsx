import { lawConfirmsLimit } from "@domain/procedure.js";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ProcedureListItem } from "../../api/types";
import { timeLimitParts } from "../../lib/format";
import { useL } from "../../lib/hooks";

export function ProcedureCard({ p, testId }: { p: ProcedureListItem; testId: string }) {
  const { t } = useTranslation();
  const l = useL();
  const limit = timeLimitParts(p.timeLimit);
  return (
    <li className="card proc-card" data-testid={testId} data-code={p.code}>
      <h3>
        <Link
          to={`/thu-tuc/${encodeURIComponent(p.code)}`}
          className="card-link"
          data-testid={`${testId}-link`}
        >
          {l(p.nameVi, p.nameEn)}
        </Link>
      </h3>
      <p className="muted">{l(p.summaryVi, p.summaryEn)}</p>
      <ul className="tags">
        {p.fullyOnline && <li className="tag tag-ok">{t("procedure.fullyOnline")}</li>}
        {/* No badge for a limit the law does not confirm (its summary says so). */}
        {lawConfirmsLimit(p.timeLimit) && <li className="tag">{t(limit.key, { count: limit.count })}</li>}
        {p.stats.prefilledFieldCount > 0 && (
          <li className="tag">{t("procedure.prefilledCount", { count: p.stats.prefilledFieldCount })}</li>
        )}
      </ul>
    </li>
  );
}

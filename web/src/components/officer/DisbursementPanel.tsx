import { api } from "../../api/client";
import type { Disbursement } from "../../api/types";
import { useLoad } from "../../lib/hooks";
import { DisbursementStatus } from "../DisbursementStatus";
import { DisbursementFix } from "./DisbursementFix";

/**
 * On an officer's dossier page: the allowance's transfer to the beneficiary's bank (nothing
 * without one: 404); a flagged one can be corrected and sent again by the paying agency's officer
 * (`canFix`: the same agency rule the server applies).
 */
export function DisbursementPanel({
  dossierId,
  refresh,
  canFix,
}: {
  dossierId: string;
  refresh: number;
  canFix: boolean;
}) {
  const res = useLoad(
    (signal) => api.get<Disbursement>(`/api/dossiers/${dossierId}/disbursement`, { signal }),
    [dossierId, refresh],
  );
  if (!res.data) return null;
  return (
    <section className="card" data-testid="officer-disbursement">
      <DisbursementStatus d={res.data} />
      {canFix && res.data.state === "flagged" && (
        <DisbursementFix dossierId={dossierId} disbursement={res.data} onDone={res.reload} />
      )}
    </section>
  );
}

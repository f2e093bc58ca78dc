import { api } from "../../api/client";
import type { Disbursement } from "../../api/types";
import { useLoad } from "../../lib/hooks";
import { DisbursementStatus } from "../DisbursementStatus";

/** On an officer's dossier page: the allowance's transfer to the beneficiary's bank (nothing without one: 404). */
export function DisbursementPanel({ dossierId, refresh }: { dossierId: string; refresh: number }) {
  const res = useLoad(
    (signal) => api.get<Disbursement>(`/api/dossiers/${dossierId}/disbursement`, { signal }),
    [dossierId, refresh],
  );
  if (!res.data) return null;
  return (
    <section className="card" data-testid="officer-disbursement">
      <DisbursementStatus d={res.data} />
    </section>
  );
}

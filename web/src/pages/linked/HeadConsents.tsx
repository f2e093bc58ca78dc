import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { errorText } from "../../components/Status";
import { formatDateTime } from "../../lib/format";
import { useLoad } from "../../lib/hooks";
import { useSession } from "../../session";

/** GET /api/me/household-consents (src/modules/linked/child-home.ts `consentRequests`). */
type Request = {
  groupId: string;
  childName: string | null;
  applicantIs: "mother" | "father";
  address: string;
  communeName: string;
  receivedAt: string;
};

/**
 * A birth group asks the signed-in head of household to consent to the child's permanent
 * residence in their household (Law on Residence 2020, Art. 21): one tap, and the residence step
 * can start. Nothing is shown when nothing waits.
 */
export function HeadConsents() {
  const { t, i18n } = useTranslation();
  const { principal } = useSession();
  const citizen = principal?.kind === "citizen";
  const res = useLoad(
    (signal) =>
      citizen
        ? api.get<{ items: Request[] }>("/api/me/household-consents", { signal })
        : Promise.resolve(null),
    [citizen],
  );
  const [error, setError] = useState<unknown>(null);
  // The requests consented to here: gone from the list at once (the list reloads behind).
  const [given, setGiven] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const items = (res.data?.items ?? []).filter((r) => !given.includes(r.groupId));
  if (items.length === 0 && given.length === 0) return null;
  const consent = async (id: string) => {
    setError(null);
    setBusy(true);
    try {
      await api.post(`/api/linked-applications/${id}/head-consent`, {});
      setGiven((ids) => [...ids, id]);
      res.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" data-testid="head-consents" aria-labelledby="head-consents-title">
      <h2 id="head-consents-title">{t("linked.headConsents")}</h2>
      {given.length > 0 && (
        <p className="alert" role="status" data-testid="head-consent-given">
          {t("linked.headConsentGiven")}
        </p>
      )}
      {items.map((r) => (
        <div key={r.groupId} data-testid="head-consent">
          <p>
            {t(`linked.headConsentAsk.${r.applicantIs}`, {
              child: r.childName ?? t("linked.headConsentChild"),
              address: r.address,
            })}
          </p>
          <p className="muted">
            {t("linked.headConsentWhere", {
              commune: r.communeName,
              date: formatDateTime(r.receivedAt, i18n.language),
            })}
          </p>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="head-consent-give"
            disabled={busy}
            aria-busy={busy}
            onClick={() => void consent(r.groupId)}
          >
            {t("linked.headConsentButton")}
          </button>
        </div>
      ))}
      {error ? (
        <p className="alert alert-error" role="alert">
          {errorText(error, i18n.language, t("common.error"))}
        </p>
      ) : null}
    </section>
  );
}

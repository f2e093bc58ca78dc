import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client";
import { errorText } from "../../components/Status";
import { formatDate, formatDateTime } from "../../lib/format";
import { useLoad } from "../../lib/hooks";
import { useSession } from "../../session";

type Offer = {
  id: string;
  groupCode: string;
  expiresAt: string;
  birthAt: string | null;
  facility: string | null;
  /** A death offer's notice: who died, when, where (null for a birth offer). */
  death: { name: string; diedAt: string; place: string } | null;
};

/** The linked groups offered to the signed-in citizen (a birth or death notice arrived): open, or decline. */
export function Offers() {
  const { t, i18n } = useTranslation();
  const { principal } = useSession();
  const citizen = principal?.kind === "citizen";
  const res = useLoad(
    (signal) =>
      citizen ? api.get<{ items: Offer[] }>("/api/me/linked-offers", { signal }) : Promise.resolve(null),
    [citizen],
  );
  const [error, setError] = useState<unknown>(null);
  // Declining is final: the first tap asks to confirm; afterwards the page says what happened.
  const [confirming, setConfirming] = useState<string | null>(null);
  const [declined, setDeclined] = useState(false);
  // One request per decline: the button is disabled while it is sent (a double tap sends once).
  const [pending, setPending] = useState<string | null>(null);
  const sending = useRef(false);
  const items = res.data?.items ?? [];
  if (items.length === 0) {
    return declined ? (
      <p className="alert" role="status" data-testid="offer-declined">
        {t("linked.offerDeclined")}
      </p>
    ) : null;
  }
  const date = (iso: string | null) => formatDateTime(iso, i18n.language);
  const decline = async (id: string) => {
    if (sending.current) return;
    sending.current = true;
    setPending(id);
    setError(null);
    try {
      await api.post(`/api/linked-offers/${id}/decline`, {});
      setConfirming(null);
      setDeclined(true);
      res.reload();
    } catch (e) {
      setError(e);
    } finally {
      sending.current = false;
      setPending(null);
    }
  };
  return (
    <section className="card" data-testid="linked-offers" aria-labelledby="offers-title">
      <h2 id="offers-title">{t("linked.offers")}</h2>
      {declined ? (
        <p className="alert" role="status" data-testid="offer-declined">
          {t("linked.offerDeclined")}
        </p>
      ) : null}
      <ul className="card-list">
        {items.map((o) => (
          <li key={o.id} data-testid="linked-offer" data-group={o.groupCode}>
            <p>
              {o.death
                ? t("linked.offerDeath", {
                    name: o.death.name,
                    date: formatDate(o.death.diedAt, i18n.language),
                    // "tại {{place}}": a place written "Tại nhà" is not said "tại" twice.
                    place: o.death.place.replace(/^tại\s+/i, ""),
                  })
                : t("linked.offerBirth", { date: date(o.birthAt), facility: o.facility ?? "" })}
            </p>
            <p className="muted">{t("linked.offerUntil", { date: date(o.expiresAt) })}</p>
            <Link className="btn btn-primary" to={`/lien-thong/nop/${o.groupCode}?offer=${o.id}`}>
              {t("linked.offerOpen")}
            </Link>{" "}
            {confirming === o.id ? (
              <div className="confirm" data-testid="offer-decline-confirm">
                <p>{t("linked.offerDeclineConfirm")}</p>
                <button
                  type="button"
                  className="btn btn-danger"
                  data-testid="offer-decline-yes"
                  disabled={pending !== null}
                  aria-busy={pending === o.id}
                  onClick={() => void decline(o.id)}
                >
                  {t("linked.offerDeclineYes")}
                </button>{" "}
                <button type="button" className="btn" onClick={() => setConfirming(null)}>
                  {t("linked.offerKeep")}
                </button>
              </div>
            ) : (
              <button
                type="button"
                className="btn"
                data-testid="offer-decline"
                onClick={() => setConfirming(o.id)}
              >
                {t("linked.offerDecline")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error ? (
        <p className="alert alert-error" role="alert">
          {errorText(error, i18n.language, t("common.error"))}
        </p>
      ) : null}
    </section>
  );
}

import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError, api } from "../../api/client";
import { Loading } from "../../components/Status";
import { useLoad } from "../../lib/hooks";

/**
 * The offer's application was filed while this form was open (409 OFFER_ALREADY_FILED: from
 * another tab, or by a relative): said plainly, with the way on: the group filed when the person
 * is its applicant (`groupId`), else their dossiers.
 */
export function FiledOffer({ groupId }: { groupId: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-info" role="alert" data-testid="offer-filed">
      <p>
        <strong>{t("linked.offerFiled.title")}</strong>
      </p>
      <p>{t(groupId ? "linked.offerFiled.own" : "linked.offerFiled.other")}</p>
      {groupId ? (
        <Link className="btn btn-primary" to={`/lien-thong/${groupId}`} data-testid="offer-filed-group">
          {t("linked.offerFiled.open")}
        </Link>
      ) : (
        <Link className="btn btn-primary" to="/ho-so" data-testid="offer-closed-dossiers">
          {t("nav.dossiers")}
        </Link>
      )}
    </div>
  );
}

/**
 * What an offer's link (`/lien-thong/nop/:code?offer=`) shows once the offer is no longer open
 * (a group already filed from its notice by anyone, its notice registered, or the offer declined
 * or expired): said at once, naming nobody and nothing beyond the offer itself, with
 * the way to the person's dossiers, instead of a form whose submission would be refused. An offer
 * the person declined says so, and that they can still file as usual (the form without the offer).
 * An offer not made to the person (404 OFFER_NOT_FOUND: another household's, a wrong link) is
 * "not found", never "closed" (which would speak of an application they never filed).
 */
export function ClosedOffer({ birth, offer, code }: { birth: boolean; offer: string; code: string }) {
  const { t } = useTranslation();
  const own = useLoad(
    (signal) =>
      api
        .get<{ state: string }>(`/api/me/linked-offers/${encodeURIComponent(offer)}`, { signal })
        // 404 OFFER_NOT_FOUND: not an offer made to this person (another household's, a wrong link).
        .catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? { state: "not_found" } : null)),
    [offer],
  );
  if (own.loading) return <Loading />;
  const state = own.data?.state ?? "";
  const notFound = state === "not_found";
  const declined = state === "declined";
  // Not an offer of theirs, or one they declined: they can still file the usual way.
  const [title, said] = notFound
    ? ["notFoundTitle", "notFound"]
    : declined
      ? ["declinedTitle", "declined"]
      : ["title", birth ? "birth" : "death"];
  return (
    <div
      className="alert alert-warn"
      data-testid={notFound ? "offer-not-found" : "offer-closed"}
      data-state={state}
    >
      <p>
        <strong>{t(`linked.offerClosed.${title}`)}</strong>
      </p>
      <p>{t(`linked.offerClosed.${said}`)}</p>
      {(declined || notFound) && (
        <p>
          <Link
            className="btn btn-primary"
            to={`/lien-thong/nop/${encodeURIComponent(code)}`}
            data-testid={notFound ? "offer-not-found-file" : "offer-declined-file"}
          >
            {t("linked.offerClosed.fileAnyway")}
          </Link>
        </p>
      )}
      <Link
        className={declined || notFound ? "btn" : "btn btn-primary"}
        to="/ho-so"
        data-testid="offer-closed-dossiers"
      >
        {t("nav.dossiers")}
      </Link>
    </div>
  );
}

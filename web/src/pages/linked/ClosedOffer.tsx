import { useTranslation } from "react-i18next";
import { Link } from "react-router";

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
 * the way to the person's dossiers, instead of a form whose submission would be refused.
 */
export function ClosedOffer({ birth }: { birth: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-warn" data-testid="offer-closed">
      <p>
        <strong>{t("linked.offerClosed.title")}</strong>
      </p>
      <p>{t(birth ? "linked.offerClosed.birth" : "linked.offerClosed.death")}</p>
      <Link className="btn btn-primary" to="/ho-so" data-testid="offer-closed-dossiers">
        {t("nav.dossiers")}
      </Link>
    </div>
  );
}

import { useTranslation } from "react-i18next";
import { Link } from "react-router";

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

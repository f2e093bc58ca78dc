import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useTitle } from "../lib/hooks";
import { PopularList } from "./home/PopularList";
import { SearchBox } from "./home/SearchBox";
import { HeadConsents } from "./linked/HeadConsents";
import { Offers } from "./linked/Offers";

export default function Home() {
  const { t } = useTranslation();
  useTitle("");
  return (
    <>
      <Offers />
      <HeadConsents />
      <SearchBox />
      <section aria-labelledby="life-events-title" data-testid="life-events">
        <h2 id="life-events-title">{t("linked.lifeEvents")}</h2>
        <ul className="quick-links">
          {(["birth", "death"] as const).map((g) => (
            <li key={g}>
              <Link to={`/lien-thong/nop/${g}`} className="quick" data-testid={`life-event-${g}`}>
                <strong>{t(`linked.lifeEventName.${g}`)}</strong>
                <span>{t(`linked.lifeEvent.${g}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <PopularList />
      <section aria-labelledby="mine-title">
        <h2 id="mine-title">{t("home.mine")}</h2>
        <ul className="quick-links">
          <li>
            <Link to="/ho-so" className="quick" data-testid="link-my-dossiers">
              <strong>{t("nav.dossiers")}</strong>
              <span>{t("home.dossiersHint")}</span>
            </Link>
          </li>
          <li>
            <Link to="/du-lieu-cua-toi" className="quick" data-testid="link-my-data">
              <strong>{t("nav.myData")}</strong>
              <span>{t("home.myDataHint")}</span>
            </Link>
          </li>
          <li>
            <Link to="/xac-minh" className="quick" data-testid="link-verify">
              <strong>{t("verify.title")}</strong>
              <span>{t("home.verifyHint")}</span>
            </Link>
          </li>
        </ul>
      </section>
    </>
  );
}

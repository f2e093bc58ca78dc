import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useTitle } from "../lib/hooks";

export default function NotFound() {
  const { t } = useTranslation();
  useTitle(t("notFound.title"));
  return (
    <section>
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <Link to="/" className="btn btn-primary">
        {t("nav.home")}
      </Link>
    </section>
  );
}

import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** An address that names nothing (an unknown procedure, linked group): "not found" and the way home. */
export function NotFoundNote({ testId, text }: { testId: string; text: string }) {
  const { t } = useTranslation();
  return (
    <section data-testid={testId}>
      <h1>{t("notFound.title")}</h1>
      <p className="lead">{text}</p>
      <Link to="/" className="btn btn-primary">
        {t("nav.home")}
      </Link>
    </section>
  );
}

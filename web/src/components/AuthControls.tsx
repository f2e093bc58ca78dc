import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { loginHref, useSession } from "../session";

export function AuthControls() {
  const { t } = useTranslation();
  const { principal, csrfToken, loading } = useSession();
  const location = useLocation();
  if (loading) return <span className="auth-placeholder" aria-hidden="true" />;
  if (!principal) {
    return (
      <a
        className="btn btn-small btn-light"
        data-testid="sign-in"
        href={loginHref(location.pathname + location.search)}
      >
        {t("auth.signIn")}
      </a>
    );
  }
  return (
    <form className="auth" method="post" action="/auth/logout">
      {/* Cut with an ellipsis on a narrow screen: the full name stays in the tooltip and for screen readers. */}
      <span className="who" data-testid="principal-name" title={principal.name}>
        {principal.name}
      </span>
      <input type="hidden" name="_csrf" value={csrfToken ?? ""} />
      <button type="submit" className="btn btn-small btn-light" data-testid="sign-out">
        {t("auth.signOut")}
      </button>
    </form>
  );
}

import { useTranslation } from "react-i18next";
import { loginHref } from "../session";

export function SignInPrompt({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <div className="card sign-in-prompt" data-testid="sign-in-prompt">
      <p>{text}</p>
      <a className="btn btn-primary" href={loginHref(location.pathname + location.search)}>
        {t("auth.signIn")}
      </a>
    </div>
  );
}

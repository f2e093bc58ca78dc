import { useTranslation } from "react-i18next";
import { LANGS } from "../i18n";

export function LangSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="lang-switch">
      <legend className="sr-only">{t("lang.label")}</legend>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          data-testid={`lang-${l}`}
          aria-pressed={i18n.language === l}
          onClick={() => void i18n.changeLanguage(l)}
        >
          {l.toUpperCase()}
          <span className="sr-only"> – {t(`lang.${l}Full`, { lng: l })}</span>
        </button>
      ))}
    </fieldset>
  );
}

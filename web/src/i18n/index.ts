import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en";
import { vi } from "./vi";

export const LANGS = ["vi", "en"] as const;
export type Lang = (typeof LANGS)[number];
const KEY = "motlan.lang";

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === "en" || saved === "vi") return saved;
    const q = new URLSearchParams(location.search).get("lang");
    if (q === "en" || q === "vi") return q;
  } catch {
    // storage may be blocked; Vietnamese first
  }
  return "vi";
}

i18n.on("languageChanged", (lng) => {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(KEY, lng);
  } catch {
    // ignore
  }
});

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initialLang(),
  fallbackLng: "vi",
  supportedLngs: LANGS,
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export default i18n;

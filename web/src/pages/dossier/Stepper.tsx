import { useTranslation } from "react-i18next";

export const STEPS = ["known", "typed", "uploads", "review"] as const;

export function Stepper({ step, onGo }: { step: number; onGo: (n: number) => void }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("steps.label")} className="stepper">
      <ol>
        {STEPS.map((s, i) => (
          <li key={s} className={i === step ? "current" : i < step ? "done" : ""}>
            <button
              type="button"
              data-testid={`step-${s}`}
              aria-current={i === step ? "step" : undefined}
              onClick={() => onGo(i)}
            >
              <span className="step-no" aria-hidden="true">
                {i + 1}
              </span>
              <span className="step-name">{t(`steps.${s}`)}</span>
              <span className="sr-only">{t("steps.of", { n: i + 1, total: STEPS.length })}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Prefill } from "../../api/types";

/**
 * The event the form would register is already registered or being handled (a second death
 * registration of one person): said before anything is typed, in the words the server's refusal
 * uses (DUPLICATE_LIFE_EVENT), with a link to the first dossier when the citizen may open it.
 */
export function DuplicateNotice({ refusal }: { refusal: NonNullable<NonNullable<Prefill>["duplicate"]> }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  return (
    <section
      className="alert alert-error"
      role="alert"
      data-testid="linked-duplicate"
      data-code={refusal.code}
    >
      <h2>{t("linked.duplicateTitle")}</h2>
      <p>{en ? refusal.messageEn : refusal.messageVi}</p>
      {refusal.details.map((d) => (
        <p key={d.field}>
          {en ? d.messageEn : d.messageVi}
          {d.dossier?.id && (
            <>
              {" "}
              <Link to={`/ho-so/${d.dossier.id}`}>{d.dossier.code}</Link>
            </>
          )}
        </p>
      ))}
    </section>
  );
}

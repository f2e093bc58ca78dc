import { TEXT_LIMITS } from "@domain/inputs.js";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { Dossier } from "../../api/types";
import { errorText } from "../../components/Status";

const SCORES = [1, 2, 3, 4, 5] as const;

/** 1 to 5 and a comment, once, after the result is returned. */
export function RatingForm({ dossier, onRated }: { dossier: Dossier; onRated: () => void }) {
  const { t, i18n } = useTranslation();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState(false);

  if (dossier.rating || done) {
    const r = dossier.rating;
    return (
      <section aria-labelledby="rating-title" className="card" data-testid="rating-done">
        <h2 id="rating-title">{t("rating.title")}</h2>
        <p role="status">{r ? t("rating.given", { score: r.score }) : t("rating.thanks")}</p>
        {r?.comment && <blockquote>{r.comment}</blockquote>}
      </section>
    );
  }

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (score === null) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/dossiers/${dossier.id}/rating`, {
        score,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setDone(true);
      onRated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="rating-title" className="card">
      <h2 id="rating-title">{t("rating.title")}</h2>
      <form onSubmit={(e) => void send(e)} data-testid="rating-form" noValidate>
        <fieldset className="stars" aria-describedby={missing ? "rating-missing" : undefined}>
          <legend>{t("rating.question")}</legend>
          {SCORES.map((s) => (
            <label key={s} className={score !== null && s <= score ? "star on" : "star"}>
              <input
                type="radio"
                name="score"
                value={s}
                data-testid={`rating-${s}`}
                checked={score === s}
                onChange={() => {
                  setScore(s);
                  setMissing(false);
                }}
              />
              <span aria-hidden="true">★</span>
              <span className="star-label">{t(`rating.score${s}`)}</span>
            </label>
          ))}
        </fieldset>
        {missing && (
          <p className="field-error" id="rating-missing" role="alert">
            {t("rating.pick")}
          </p>
        )}
        <div className="field">
          <label htmlFor="rating-comment">
            {t("rating.comment")} <span className="opt">{t("form.optional")}</span>
          </label>
          <textarea
            id="rating-comment"
            data-testid="rating-comment"
            rows={3}
            maxLength={TEXT_LIMITS.ratingComment}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </div>
        <div aria-live="assertive">
          {error ? (
            <p className="alert alert-error" role="alert">
              {errorText(error, i18n.language, t("common.error"))}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="rating-submit">
          {busy ? t("common.sending") : t("rating.send")}
        </button>
      </form>
    </section>
  );
}

import { TEXT_LIMITS } from "@domain/inputs.js";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { api } from "../../api/client";
import type { AssistantReply } from "../../api/types";
import { errorText } from "../Status";
import { ReplyView } from "./ReplyView";
import "./assistant.css";

type Turn = { id: number; who: "me"; text: string } | { id: number; who: "bot"; reply: AssistantReply };

/**
 * The virtual assistant, on every page of the portal (issue 14.1): a button in a band of its own at
 * the bottom of the screen (always shown and tappable, drawn over no control: the page's content
 * scrolls above the band and ends above it) opens a panel where the person tells what they need; the server answers from the
 * catalogue (and, signed in, their registry facts) with a procedure, a question, or the agency of
 * a service not offered here. The conversation lives only in this component: each turn sends the
 * situation and the answers so far, and nothing is stored. Keyboard: Escape closes and gives the
 * focus back to the button; the log is an aria-live region read as answers arrive.
 */
export function Assistant() {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [situation, setSituation] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [turns, setTurns] = useState<Turn[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const next = useRef(0);
  const ids = { panel: useId(), title: useId(), input: useId(), privacy: useId() };

  // A new page closes the panel (the answer's button navigates); the conversation stays.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on path change
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);
  // The newest message in view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the conversation grows
  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [turns, busy, open]);

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };

  const send = async (said: string, nextSituation: string, nextAnswers: Record<string, string>) => {
    setTurns((ts) => [...ts, { id: next.current++, who: "me", text: said }]);
    setSituation(nextSituation);
    setAnswers(nextAnswers);
    setBusy(true);
    setError(null);
    try {
      const reply = await api.post<AssistantReply>("/api/assistant", {
        text: nextSituation,
        answers: nextAnswers,
      });
      setTurns((ts) => [...ts, { id: next.current++, who: "bot", reply }]);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const said = text.trim();
    if (!said || busy) return;
    setText("");
    void send(said, said, {});
  };

  const answer = (questionId: string, value: string, label: string) => {
    if (!situation || busy) return;
    void send(label, situation, { ...answers, [questionId]: value });
  };

  const last = turns[turns.length - 1];
  return (
    <div className="assistant">
      {open && (
        <section
          id={ids.panel}
          className="assistant-panel"
          aria-labelledby={ids.title}
          data-testid="assistant-panel"
          onKeyDown={(e) => {
            if (e.key === "Escape") close();
          }}
        >
          <div className="assistant-head">
            <h2 id={ids.title}>{t("assistant.title")}</h2>
            <button type="button" className="btn assistant-close" onClick={close}>
              <span aria-hidden="true">×</span>
              <span className="sr-only">{t("assistant.close")}</span>
            </button>
          </div>
          <div
            ref={log}
            className="assistant-log"
            role="log"
            aria-live="polite"
            aria-busy={busy}
            data-testid="assistant-log"
          >
            <p className="assistant-bot">{t("assistant.intro")}</p>
            {turns.map((turn) =>
              turn.who === "me" ? (
                <p key={turn.id} className="assistant-me">
                  <span className="sr-only">{t("assistant.you")}: </span>
                  {turn.text}
                </p>
              ) : (
                <div
                  key={turn.id}
                  className="assistant-bot"
                  data-testid="assistant-reply"
                  data-kind={turn.reply.kind}
                >
                  <span className="sr-only">{t("assistant.bot")}: </span>
                  <ReplyView
                    reply={turn.reply}
                    latest={turn === last}
                    onAnswer={answer}
                    onExample={(ex) => void send(ex, ex, {})}
                  />
                </div>
              ),
            )}
            {busy && <p className="assistant-bot muted">{t("assistant.thinking")}</p>}
            {error ? (
              <p className="alert alert-error" role="alert">
                {errorText(error, i18n.language, t("common.error"))}
              </p>
            ) : null}
          </div>
          <form className="assistant-form" onSubmit={submit}>
            <label htmlFor={ids.input}>{t("assistant.label")}</label>
            <div className="assistant-row">
              <input
                id={ids.input}
                ref={input}
                type="text"
                value={text}
                maxLength={TEXT_LIMITS.assistantText}
                placeholder={t("assistant.placeholder")}
                autoComplete="off"
                aria-describedby={ids.privacy}
                data-testid="assistant-input"
                onChange={(e) => setText(e.target.value)}
              />
              <button type="submit" className="btn btn-primary" disabled={busy} data-testid="assistant-send">
                {t("assistant.send")}
              </button>
            </div>
            <p id={ids.privacy} className="assistant-privacy">
              {t("assistant.privacy")}
            </p>
          </form>
        </section>
      )}
      <div className="assistant-bar" data-testid="assistant-bar">
        <button
          ref={toggle}
          type="button"
          className="btn btn-primary assistant-toggle"
          aria-expanded={open}
          aria-controls={open ? ids.panel : undefined}
          data-testid="assistant-open"
          onClick={() => (open ? close() : setOpen(true))}
        >
          {open ? t("assistant.close") : t("assistant.open")}
        </button>
      </div>
    </div>
  );
}

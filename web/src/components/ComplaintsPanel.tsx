import type { DossierComplaints } from "@domain/api/dossier.js";
import type { Received } from "@domain/api/wire.js";
import { COMPLAINT_WORDS, complaintTextProblem } from "@domain/complaints.js";
import { TEXT_LIMITS } from "@domain/inputs.js";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, newIdempotencyKey } from "../api/client";
import { formatDateTime } from "../lib/format";
import { useLoad } from "../lib/hooks";
import { errorText } from "./Status";

type List = Received<typeof DossierComplaints>;
type Item = List["items"][number];

/**
 * Feedback and complaints on a dossier ("phản ánh, kiến nghị", src/domain/complaints.ts): the
 * citizen sends one on her submitted dossier and follows it (waiting with its due date, or the
 * answer and its date); the officer who acts on the dossier sees the open ones with their due date
 * and working days left, and answers each once. What the reader may do is the server's
 * (`mayComplain`, `mayAnswer`). Nothing shown to someone who may do neither, when there is none.
 */
export function ComplaintsPanel({ dossierId, refresh }: { dossierId: string; refresh?: number }) {
  const { t, i18n } = useTranslation();
  const list = useLoad(
    (signal) => api.get<List>(`/api/dossiers/${dossierId}/complaints`, { signal }),
    [dossierId, refresh],
  );
  const data = list.data;
  // After a send, focus goes to the complaint it filed or answered (a list item, tabIndex -1).
  const [focus, setFocus] = useState<string | null>(null);
  useEffect(() => {
    if (focus) document.getElementById(`complaint-${focus}`)?.focus();
  }, [focus]);
  const done = (l: List, id: string | undefined) => {
    list.setData(l);
    setFocus(id ?? null);
  };
  if (!data || (data.items.length === 0 && !data.mayComplain && !data.mayAnswer)) return null;
  const at = (d: string | null) => formatDateTime(d, i18n.language);
  return (
    <section className="card" aria-labelledby="complaints-title" data-testid="complaints">
      <h2 id="complaints-title">{t("complaints.title")}</h2>
      {data.items.length === 0 ? (
        <p className="muted">{t("complaints.none")}</p>
      ) : (
        <ul className="complaints">
          {data.items.map((c) => (
            <li key={c.id} id={`complaint-${c.id}`} tabIndex={-1} data-testid="complaint">
              <p>
                <span className="muted">{t("complaints.sentAt", { at: at(c.createdAt) })}</span>
              </p>
              <blockquote>{c.text}</blockquote>
              <ComplaintStatus item={c} at={at} />
              {data.mayAnswer && c.status === "waiting" && (
                <AnswerForm dossierId={dossierId} complaintId={c.id} onDone={(l) => done(l, c.id)} />
              )}
            </li>
          ))}
        </ul>
      )}
      {data.mayComplain && (
        <ComplaintForm
          dossierId={dossierId}
          // The new one: not in the list before (a retried send: the newest).
          onDone={(l) =>
            done(l, (l.items.find((c) => !data.items.some((o) => o.id === c.id)) ?? l.items[0])?.id)
          }
        />
      )}
    </section>
  );
}

function ComplaintStatus({ item: c, at }: { item: Item; at: (d: string | null) => string }) {
  const { t } = useTranslation();
  if (c.status === "answered")
    return (
      <div data-testid="complaint-answered">
        <p>
          <strong data-testid="complaint-answered-by">
            {c.answeredBy
              ? t("complaints.answeredBy", {
                  name: c.answeredBy.name,
                  office: c.answeredBy.officeVi,
                  at: at(c.answeredAt),
                })
              : t("complaints.answeredAt", { at: at(c.answeredAt) })}
          </strong>
          {c.answeredOnTime === false && <> {t("complaints.answeredLate")}</>}
        </p>
        <blockquote>{c.answer}</blockquote>
      </div>
    );
  const left = c.workingDaysLeft ?? 0;
  return (
    <p data-testid="complaint-waiting">
      {t("complaints.waiting", { due: at(c.dueAt) })}{" "}
      <span className={left < 0 ? "badge badge-danger" : "badge"}>
        {left < 0 ? t("complaints.late", { count: -left }) : t("complaints.left", { count: left })}
      </span>
    </p>
  );
}

/** The counter's thresholds, as shares of the limit: a screen reader hears the count only on crossing one. */
const THRESHOLDS = [0.75, 0.95, 1] as const;

/**
 * The text box both forms share: required (the server's check), at most `limit` characters once
 * trimmed, checked here first with the server's own words (`tooLong`) and a live counter "n/limit"
 * (announced politely only when a threshold is crossed, not at every keystroke). A refusal, the
 * form's own or the server's, takes focus to its message.
 */
function TextForm({
  id,
  label,
  submit,
  limit,
  tooLong,
  post,
}: {
  id: string;
  label: string;
  submit: string;
  limit: number;
  tooLong: keyof typeof COMPLAINT_WORDS;
  post: (text: string) => Promise<List>;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);
  const count = text.trim().length;
  const over = count > limit;
  // The last threshold crossed (−1: none): the live region's words change only when it does.
  const level = THRESHOLDS.reduce((l, share, i) => (count >= Math.ceil(share * limit) ? i : l), -1);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (complaintTextProblem(text, limit) === "too_long") {
      const words = COMPLAINT_WORDS[tooLong];
      setError(new ApiError(400, { error: { code: tooLong, messageVi: words.vi, messageEn: words.en } }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await post(text);
      setText("");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void send(e)} noValidate data-testid={`${id}-form`}>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <textarea
          id={id}
          data-testid={`${id}-text`}
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error || over ? true : undefined}
          aria-describedby={[`${id}-count`, error ? `${id}-error` : ""].join(" ").trim()}
        />
        <p id={`${id}-count`} className={over ? "help field-error" : "help"} data-testid={`${id}-count`}>
          {t("complaints.count", { count, limit })}
        </p>
        <p className="sr-only" aria-live="polite" data-testid={`${id}-count-live`}>
          {level < 0
            ? ""
            : over
              ? t("complaints.countOver", { limit })
              : t("complaints.countReached", { count: Math.ceil((THRESHOLDS[level] ?? 1) * limit), limit })}
        </p>
        <div aria-live="assertive">
          {error ? (
            <p
              className="field-error"
              id={`${id}-error`}
              role="alert"
              tabIndex={-1}
              ref={errorRef}
              data-testid={`${id}-error`}
            >
              {errorText(error, i18n.language, t("common.error"))}
            </p>
          ) : null}
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid={`${id}-submit`}>
        {busy ? t("common.sending") : submit}
      </button>
    </form>
  );
}

function ComplaintForm({ dossierId, onDone }: { dossierId: string; onDone: (l: List) => void }) {
  const { t } = useTranslation();
  // One key per intent: a retried send files one complaint.
  const [key, setKey] = useState(newIdempotencyKey);
  return (
    <TextForm
      id="complaint"
      label={t("complaints.label")}
      submit={t("complaints.send")}
      limit={TEXT_LIMITS.complaintText}
      tooLong="COMPLAINT_TOO_LONG"
      post={async (text) => {
        const l = await api.post<List>(
          `/api/dossiers/${dossierId}/complaints`,
          { text },
          {
            headers: { "idempotency-key": key },
          },
        );
        setKey(newIdempotencyKey());
        onDone(l);
        return l;
      }}
    />
  );
}

function AnswerForm(p: { dossierId: string; complaintId: string; onDone: (l: List) => void }) {
  const { t } = useTranslation();
  return (
    <TextForm
      id={`answer-${p.complaintId}`}
      label={t("complaints.answerLabel")}
      submit={t("complaints.answer")}
      limit={TEXT_LIMITS.complaintAnswer}
      tooLong="COMPLAINT_ANSWER_TOO_LONG"
      post={async (text) => {
        const l = await api.post<List>(`/api/dossiers/${p.dossierId}/complaints/${p.complaintId}/answer`, {
          text,
        });
        p.onDone(l);
        return l;
      }}
    />
  );
}

import type { DossierComplaints } from "@domain/api/dossier.js";
import type { Received } from "@domain/api/wire.js";
import { TEXT_LIMITS } from "@domain/inputs.js";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, newIdempotencyKey } from "../api/client";
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
            <li key={c.id} data-testid="complaint">
              <p>
                <span className="muted">{t("complaints.sentAt", { at: at(c.createdAt) })}</span>
              </p>
              <blockquote>{c.text}</blockquote>
              <ComplaintStatus item={c} at={at} />
              {data.mayAnswer && c.status === "waiting" && (
                <AnswerForm dossierId={dossierId} complaintId={c.id} onDone={(l) => list.setData(l)} />
              )}
            </li>
          ))}
        </ul>
      )}
      {data.mayComplain && <ComplaintForm dossierId={dossierId} onDone={(l) => list.setData(l)} />}
    </section>
  );
}

function ComplaintStatus({ item: c, at }: { item: Item; at: (d: string | null) => string }) {
  const { t } = useTranslation();
  if (c.status === "answered")
    return (
      <div data-testid="complaint-answered">
        <p>
          <strong>{t("complaints.answeredAt", { at: at(c.answeredAt) })}</strong>
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

/** The text box both forms share: required, at most 2,000 characters; the server's refusal under it. */
function TextForm({
  id,
  label,
  submit,
  post,
}: {
  id: string;
  label: string;
  submit: string;
  post: (text: string) => Promise<List>;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
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
          maxLength={TEXT_LIMITS.complaintText}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <div aria-live="assertive">
          {error ? (
            <p className="field-error" id={`${id}-error`} role="alert">
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

import { isDraft } from "@domain/lifecycle.js";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api } from "../../api/client";
import type { AssistantReply, Dossier, DossierListPage } from "../../api/types";
import { useL } from "../../lib/hooks";
import { useIntent } from "../../lib/intent";
import { useSession } from "../../session";
import { errorText } from "../Status";

type Props = {
  reply: AssistantReply;
  /** Only the latest answer offers its choices and buttons. */
  latest: boolean;
  onAnswer: (questionId: string, value: string, label: string) => void;
  onExample: (text: string) => void;
};

/** One answer of the assistant: a procedure to open, a question, a service not offered, or "not understood". */
export function ReplyView({ reply, latest, onAnswer, onExample }: Props) {
  const { t } = useTranslation();
  const l = useL();
  if (reply.kind === "question") {
    const q = reply.question;
    return (
      <>
        <p>{l(q.vi, q.en)}</p>
        {latest && (
          <ul className="assistant-options">
            {q.options.map((o) => (
              <li key={o.value}>
                <button
                  type="button"
                  className="btn"
                  data-testid="assistant-option"
                  data-value={o.value}
                  onClick={() => onAnswer(q.id, o.value, l(o.vi, o.en))}
                >
                  {l(o.vi, o.en)}
                </button>
              </li>
            ))}
          </ul>
        )}
        {reply.notOffered && <NotOffered said={reply.notOffered} />}
      </>
    );
  }
  if (reply.kind === "notOffered") return <NotOffered said={reply} />;
  if (reply.kind === "guidance") {
    // No form opens from here: one would be prefilled with someone else, or the rules refuse.
    return (
      <>
        <p data-testid="assistant-guidance" data-refusal={reply.refusal ?? undefined}>
          {l(reply.message.vi, reply.message.en)}
        </p>
        <FactsUsed facts={reply.facts} />
        {reply.page && (
          <Link
            className="btn btn-primary assistant-go"
            data-testid="assistant-group-page"
            to={reply.page.url}
          >
            {l(reply.page.vi, reply.page.en)}
          </Link>
        )}
        {latest && reply.offer && (
          <Link
            className="btn assistant-go"
            data-testid="assistant-offer-group"
            data-group={reply.offer.linkedGroup}
            to={`/lien-thong/nop/${reply.offer.linkedGroup}`}
          >
            {l(reply.offer.vi, reply.offer.en)}
          </Link>
        )}
      </>
    );
  }
  if (reply.kind === "unknown") {
    return (
      <>
        <p>{l(reply.message.vi, reply.message.en)}</p>
        {latest && (
          <>
            <p>{t("assistant.examples")}</p>
            <ul className="assistant-options">
              {reply.examples.map((ex) => (
                <li key={ex}>
                  <button type="button" className="btn" onClick={() => onExample(ex)}>
                    {ex}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </>
    );
  }
  return (
    <>
      <p>{l(reply.message.vi, reply.message.en)}</p>
      <FactsUsed facts={reply.facts} />
      {reply.notOffered && <NotOffered said={reply.notOffered} />}
      {latest && reply.linkedGroup && (
        <Link
          className="btn btn-primary assistant-go"
          data-testid="assistant-go-group"
          data-group={reply.linkedGroup}
          to={`/lien-thong/nop/${reply.linkedGroup}`}
        >
          {t("linked.applyGroup")}
        </Link>
      )}
      {latest && (
        <OpenProcedure
          code={reply.procedure.code}
          preset={reply.preset}
          name={l(reply.procedure.nameVi, reply.procedure.nameEn)}
          secondary={reply.linkedGroup !== null}
          testId="assistant-go"
        />
      )}
      {latest && reply.group.length > 0 && (
        <>
          <p>{t("assistant.group")}</p>
          <ul className="assistant-group">
            {reply.group.map((g) => (
              <li key={g.code}>
                <OpenProcedure code={g.code} name={l(g.nameVi, g.nameEn)} secondary />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** A service this platform does not offer: said so, with a link to its competent agency. */
function NotOffered({
  said,
}: {
  said: NonNullable<Extract<AssistantReply, { kind: "procedure" }>["notOffered"]>;
}) {
  const { t } = useTranslation();
  const l = useL();
  return (
    <>
      <p data-testid="assistant-not-offered" data-service={said.service.id}>
        {l(said.message.vi, said.message.en)}
      </p>
      <p>
        <a
          href={said.agency.url}
          target="_blank"
          rel="noopener noreferrer"
          className="more-link"
          data-testid="assistant-agency-link"
        >
          {t("assistant.agencyLink")}
        </a>
      </p>
    </>
  );
}

/** The registry facts an answer used, in words. */
function FactsUsed({ facts }: { facts: readonly { fact: string; vi: string; en: string }[] }) {
  const { t } = useTranslation();
  const l = useL();
  if (facts.length === 0) return null;
  return (
    <>
      <p className="assistant-facts-title">{t("assistant.factsTitle")}</p>
      <ul className="assistant-facts" data-testid="assistant-facts">
        {facts.map((f) => (
          <li key={f.fact} data-fact={f.fact}>
            {l(f.vi, f.en)}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * Opens the procedure: a signed-in citizen continues their draft of it, or starts one filled from
 * the registries, and lands on its form; anyone else lands on the procedure's page.
 */
function OpenProcedure({
  code,
  name,
  secondary,
  testId,
  preset,
}: {
  code: string;
  /** A choice the form opens with: the procedure page shows it (the spouse's household) before "start". */
  preset?: { household: "spouse" } | undefined;
  name: string;
  secondary?: boolean;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const { principal } = useSession();
  const navigate = useNavigate();
  const intent = useIntent<Dossier>(code);
  const [error, setError] = useState<unknown>(null);
  const citizen = principal?.kind === "citizen";
  const go = async () => {
    if (!citizen || preset) {
      navigate(`/thu-tuc/${encodeURIComponent(code)}${preset ? `?household=${preset.household}` : ""}`);
      return;
    }
    setError(null);
    try {
      // A draft of this procedure is continued (as the procedure page's "continue your draft"),
      // never duplicated by a second tap or a second conversation.
      const mine = await api.get<DossierListPage>("/api/me/dossiers?limit=50");
      const draft = mine.items.find((d) => isDraft(d.status) && d.procedureCode === code);
      const d =
        draft ??
        (await intent.run((headers) =>
          api.post<Dossier>("/api/dossiers", { procedureCode: code }, { headers }),
        ));
      navigate(`/ho-so/${d.id}`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <button
        type="button"
        className={secondary ? "btn assistant-go" : "btn btn-primary assistant-go"}
        data-testid={testId ?? (secondary ? "assistant-group-go" : "assistant-go")}
        data-code={code}
        disabled={intent.busy}
        aria-busy={intent.busy}
        onClick={() => void go()}
      >
        {t(citizen ? "assistant.goStart" : "assistant.go", { name })}
      </button>
      {error ? (
        <p className="alert alert-error" role="alert">
          {errorText(error, i18n.language, t("common.error"))}
        </p>
      ) : null}
    </>
  );
}

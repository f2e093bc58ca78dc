import { TEXT_LIMITS } from "@domain/inputs.js";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { errorText } from "../../components/Status";
import { formatDateTime } from "../../lib/format";
import { useLoad } from "../../lib/hooks";
import { useSession } from "../../session";

/** GET /api/me/household-consents (src/modules/linked/child-home.ts `consentRequests`). */
type Request =
  | {
      kind: "child";
      groupId: string;
      childName: string | null;
      applicantIs: "mother" | "father";
      address: string;
      communeName: string;
      receivedAt: string;
    }
  | {
      kind: "spouse";
      dossierId: string;
      applicantName: string | null;
      relationship: string | null;
      /** The relationship in English words ("daughter-in-law"), for the English page. */
      relationshipEn: string | null;
      communeName: string;
      receivedAt: string;
    };

const idOf = (r: Request) => (r.kind === "spouse" ? r.dossierId : r.groupId);
/** Where the head's answer goes: `head-consent` or `head-refusal` of the dossier or of the group. */
const answerUrl = (r: Request, answer: "head-consent" | "head-refusal") =>
  r.kind === "spouse"
    ? `/api/dossiers/${r.dossierId}/${answer}`
    : `/api/linked-applications/${r.groupId}/${answer}`;

/**
 * The requests waiting for the signed-in head of household's consent (Law on Residence 2020,
 * Art. 21): a birth group's child to be registered in their household (the residence step then
 * starts), or a spouse's permanent residence dossier joining it (it may then be approved). One
 * tap to consent; either may be refused, in two taps (confirm or go back): a child's refusal
 * cancels the group's residence step (POST /api/linked-applications/:id/head-refusal), a spouse's
 * ends the dossier (POST /api/dossiers/:id/head-refusal), each with the head's optional reason,
 * which the applicant reads.
 * Nothing is shown when nothing waits.
 */
export function HeadConsents() {
  const { t, i18n } = useTranslation();
  const { principal } = useSession();
  const citizen = principal?.kind === "citizen";
  const res = useLoad(
    (signal) =>
      citizen
        ? api.get<{ items: Request[] }>("/api/me/household-consents", { signal })
        : Promise.resolve(null),
    [citizen],
  );
  const [error, setError] = useState<unknown>(null);
  // The requests answered here: gone from the list at once (the list reloads behind).
  const [given, setGiven] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [lastKind, setLastKind] = useState<Request["kind"]>("child");
  const [lastRefused, setLastRefused] = useState(false);
  // The request whose refusal waits for its second tap.
  const [refusing, setRefusing] = useState<string | null>(null);
  // The head's own words with a refusal (optional).
  const [reason, setReason] = useState("");
  // The refusal's confirmation takes focus when it opens (a screen reader hears the question).
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refusing) confirmRef.current?.focus();
  }, [refusing]);
  const items = (res.data?.items ?? []).filter((r) => !given.includes(idOf(r)));
  // An answer that failed keeps the section: its message says why the card went.
  if (items.length === 0 && given.length === 0 && !error) return null;
  const answer = async (r: Request, refuse: boolean) => {
    setError(null);
    setBusy(true);
    try {
      const said = reason.trim();
      const body = refuse && said ? { reason: said } : {};
      await api.post(answerUrl(r, refuse ? "head-refusal" : "head-consent"), body);
      setGiven((ids) => [...ids, idOf(r)]);
      setLastKind(r.kind);
      setLastRefused(refuse);
      setRefusing(null);
      setReason("");
      res.reload();
    } catch (e) {
      setError(e);
      // The request may have ended meanwhile (withdrawn, decided: 404, or answered: 409): the list
      // reloads, so that its card goes and the message says why, instead of a card that fails again.
      setRefusing(null);
      res.reload();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" data-testid="head-consents" aria-labelledby="head-consents-title">
      <h2 id="head-consents-title">{t("linked.headConsents")}</h2>
      {given.length > 0 && (
        <p className="alert" role="status" data-testid="head-consent-given">
          {t(
            lastRefused
              ? lastKind === "spouse"
                ? "linked.headRefusedSpouse"
                : "linked.headRefused"
              : lastKind === "spouse"
                ? "linked.headConsentGivenSpouse"
                : "linked.headConsentGiven",
          )}
        </p>
      )}
      {items.map((r) => (
        <div key={idOf(r)} data-testid="head-consent" data-kind={r.kind}>
          <p>
            {r.kind === "spouse"
              ? t("linked.headConsentAsk.spouse", {
                  applicant: r.applicantName ?? t("linked.headConsentSomeone"),
                  relationship:
                    (i18n.language.startsWith("en") ? r.relationshipEn : r.relationship) ??
                    t("linked.headConsentMember"),
                })
              : t(`linked.headConsentAsk.${r.applicantIs}`, {
                  child: r.childName ?? t("linked.headConsentChild"),
                  address: r.address,
                })}
          </p>
          <p className="muted">
            {t("linked.headConsentWhere", {
              commune: r.communeName,
              date: formatDateTime(r.receivedAt, i18n.language),
            })}
          </p>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="head-consent-give"
            disabled={busy || refusing === idOf(r)}
            aria-busy={busy}
            onClick={() => void answer(r, false)}
          >
            {t(r.kind === "spouse" ? "linked.headConsentButtonSpouse" : "linked.headConsentButton")}
          </button>
          {refusing === idOf(r) ? (
            <div className="actions" data-testid="head-refuse-confirm" ref={confirmRef} tabIndex={-1}>
              <p>
                {r.kind === "spouse"
                  ? t("linked.headRefuseAskSpouse", {
                      applicant: r.applicantName ?? t("linked.headConsentSomeone"),
                    })
                  : t("linked.headRefuseAsk")}
              </p>
              <div className="field">
                <label htmlFor={`head-refuse-reason-${idOf(r)}`}>
                  {t("linked.headRefuseReason")} <span className="opt">{t("form.optional")}</span>
                </label>
                <textarea
                  id={`head-refuse-reason-${idOf(r)}`}
                  data-testid="head-refuse-reason"
                  rows={2}
                  maxLength={TEXT_LIMITS.headRefusalReason}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              </div>
              <button
                type="button"
                className="btn btn-danger"
                data-testid="head-refuse-yes"
                disabled={busy}
                onClick={() => void answer(r, true)}
              >
                {t("linked.headRefuseYes")}
              </button>
              <button
                type="button"
                className="btn"
                data-testid="head-refuse-keep"
                onClick={() => setRefusing(null)}
              >
                {t("linked.headRefuseKeep")}
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="btn"
              data-testid="head-refuse"
              disabled={busy}
              onClick={() => setRefusing(idOf(r))}
            >
              {t("linked.headRefuseButton")}
            </button>
          )}
        </div>
      ))}
      {error ? (
        <p className="alert alert-error" role="alert">
          {errorText(error, i18n.language, t("common.error"))}
        </p>
      ) : null}
    </section>
  );
}

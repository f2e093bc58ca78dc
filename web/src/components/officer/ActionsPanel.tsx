import { AGENCIES, dossierAgency, mayActOnDossier } from "@domain/agencies.js";
import { TEXT_LIMITS } from "@domain/inputs.js";
import { NEEDS_REASON, OFFICER_ACTIONS, type OfficerAction, REFUSALS } from "@domain/lifecycle.js";
import { awaitedBefore } from "@domain/waiting-words.js";
import { type KeyboardEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api } from "../../api/client";
import type { OfficerDossier } from "../../api/types";
import { useL } from "../../lib/hooks";
import { AllowanceAmountField, amountOf, needsDecidedAmount } from "./AllowanceAmount";
import { ApologyForm } from "./ApologyForm";
import { apiMessage } from "./apiMessage";
import { useShortcuts } from "./useShortcuts";
import { ACTION_KEYS, isMine, type Officer } from "./workspace";

type Props = { dossier: OfficerDossier; officer: Officer; onChanged: () => void };

/**
 * What this officer may do now (the server decides), claiming and handing on, and the shortcuts.
 * Another agency's dossier (a linked group's sibling step) is not opened to an agency's officer
 * (403 OTHER_AGENCY); were one shown, no button the server would refuse (`mayActOnDossier`).
 */
export function ActionsPanel({ dossier, officer, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const l = useL();
  const navigate = useNavigate();
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState<OfficerAction | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [colleague, setColleague] = useState("");
  // A refusal asks once more before it is sent (as declining an offer does): it ends the dossier.
  const [confirming, setConfirming] = useState<OfficerAction | null>(null);
  const [amount, setAmount] = useState("");
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  const ownAgency = mayActOnDossier(officer.agency, dossier.agencyCode);
  const owner = dossierAgency(dossier.agencyCode);
  const available = ownAgency ? OFFICER_ACTIONS.filter((a) => dossier.availableActions.includes(a)) : [];
  const canReason = available.length > 0;
  // The one-time survivor benefit: the officer enters the amount social security decided.
  const asksAmount = available.includes("issue_result") && needsDecidedAmount(dossier);
  // The lifecycle says who may claim or hand on a dossier, and when (the server sends it).
  const canAssign = ownAgency && dossier.availableActions.includes("assign");
  // The apology slip for a late dossier: offered by the server when the dossier is near due or late.
  const canApologize = ownAgency && dossier.availableActions.includes("apologize");
  const mine = isMine(dossier.assignee, officer);
  const holder = dossier.assignee;
  const label = (a: string) => t(`officer.action.${a}`);
  // Why nothing is offered when another desk's step comes first (the one-stop desk's receipt).
  const awaited = awaitedBefore(dossier.status, officer.role);

  const finished = (text: string) => {
    setNotice(text);
    setError(null);
    onChanged();
    requestAnimationFrame(() => noticeRef.current?.focus());
  };

  const run = async (action: OfficerAction) => {
    if (busy) return;
    const text = reason.trim();
    if (NEEDS_REASON.has(action) && !text) {
      setPending(action);
      setNotice(null);
      setError(t("officer.actions.reasonRequired", { action: label(action) }));
      reasonRef.current?.focus();
      return;
    }
    if (REFUSALS.has(action) && confirming !== action) {
      setConfirming(action);
      setNotice(null);
      setError(null);
      return;
    }
    setConfirming(null);
    setBusy(action);
    setError(null);
    setNotice(null);
    try {
      const decided = action === "issue_result" && asksAmount ? amountOf(amount) : undefined;
      await api.post(`/api/dossiers/${dossier.id}/actions`, {
        action,
        ...(text ? { reason: text } : {}),
        ...(decided !== undefined ? { amount: decided } : {}),
      });
      setReason("");
      setAmount("");
      setPending(null);
      finished(t("officer.actions.done", { action: label(action) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const assign = async (to: string) => {
    if (busy || !to) return;
    setBusy("assign");
    setError(null);
    setNotice(null);
    try {
      await api.post(`/api/dossiers/${dossier.id}/assign`, { assignee: to });
      setColleague("");
      finished(to === "me" ? t("officer.assign.claimed") : t("officer.assign.given", { who: to }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const shortcut = (a: OfficerAction) => () => {
    if (!available.includes(a)) {
      setError(null);
      setNotice(t("officer.shortcuts.unavailable", { action: label(a) }));
      return;
    }
    void run(a);
  };
  const actionKeys = Object.entries(ACTION_KEYS).filter(([a]) => a !== "request_supplement") as Array<
    [OfficerAction, string]
  >;
  useShortcuts({
    ...Object.fromEntries(actionKeys.map(([a, key]) => [key, shortcut(a)])),
    [ACTION_KEYS.request_supplement ?? "s"]: () => {
      if (!available.includes("request_supplement")) {
        setNotice(t("officer.shortcuts.unavailable", { action: label("request_supplement") }));
        return;
      }
      setPending("request_supplement");
      reasonRef.current?.focus();
    },
    c: () => {
      if (canAssign && !mine) void assign("me");
    },
    "g q": () => navigate("/can-bo"),
  });

  const onReasonKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      const target = pending ?? available.find((a) => NEEDS_REASON.has(a));
      if (target) {
        e.preventDefault();
        void run(target);
      }
    }
  };

  return (
    <section aria-labelledby="ws-actions-title" className="card ws-actions" data-testid="actions">
      <h2 id="ws-actions-title">{t("officer.actions.title")}</h2>

      <div className="ws-holder">
        <p data-testid="assignee" data-assignee={holder ?? ""}>
          {t("officer.assign.holder")}{" "}
          <strong data-testid="assignee-name">
            {dossier.assigneeName ?? holder ?? t("officer.assign.nobody")}
          </strong>
        </p>
        {canAssign && (
          <>
            {!mine && (
              <button
                type="button"
                className="btn btn-small"
                data-testid="assign-me"
                aria-keyshortcuts="c"
                disabled={busy !== null}
                onClick={() => void assign("me")}
              >
                <span>
                  {t("officer.assign.me")}{" "}
                  <span className="key-hint" aria-hidden="true">
                    C
                  </span>
                </span>
              </button>
            )}
            <form
              className="ws-assign"
              onSubmit={(e) => {
                e.preventDefault();
                void assign(colleague.trim());
              }}
            >
              <div className="field">
                <label htmlFor="assign-to">{t("officer.assign.toLabel")}</label>
                <input
                  id="assign-to"
                  data-testid="assign-username"
                  value={colleague}
                  onChange={(e) => setColleague(e.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                  aria-describedby="assign-to-help"
                />
                <p id="assign-to-help" className="help">
                  {t("officer.assign.toHelp", {
                    example: `chuyenvien.${officer.jurisdiction.level === "country" ? "20194" : officer.jurisdiction.code}`,
                  })}
                </p>
              </div>
              <button
                type="submit"
                className="btn btn-small"
                data-testid="assign-submit"
                disabled={busy !== null || !colleague.trim()}
              >
                {t("officer.assign.give")}
              </button>
            </form>
          </>
        )}
      </div>

      {!ownAgency ? (
        <p className="muted" data-testid="other-agency">
          {t("officer.actions.otherAgency", {
            agency: owner ? l(AGENCIES[owner].nameVi, AGENCIES[owner].nameEn) : "",
          })}
        </p>
      ) : !canReason ? (
        <p className="muted" data-testid="no-actions" data-awaited={awaited ? "yes" : "no"}>
          {awaited ? l(awaited.vi, awaited.en) : t("officer.actions.none")}
        </p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="action-reason">{t("officer.actions.reasonLabel")}</label>
            <textarea
              id="action-reason"
              ref={reasonRef}
              data-testid="action-reason"
              data-for={pending ?? ""}
              rows={4}
              maxLength={TEXT_LIMITS.reason}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={onReasonKey}
              aria-describedby="action-reason-help"
            />
            <p id="action-reason-help" className="help">
              {pending === "request_supplement"
                ? t("officer.actions.supplementHelp")
                : pending
                  ? t("officer.actions.reasonFor", { action: label(pending) })
                  : t("officer.actions.reasonHelp")}
            </p>
          </div>
          {asksAmount && <AllowanceAmountField value={amount} onChange={setAmount} />}
          <div className="ws-action-buttons">
            {available.map((a) => {
              const key = ACTION_KEYS[a];
              return (
                <button
                  key={a}
                  type="button"
                  className={`btn ${REFUSALS.has(a) ? "btn-danger-outline" : pending === a || !NEEDS_REASON.has(a) ? "btn-primary" : ""}`}
                  data-testid={`action-${a}`}
                  aria-keyshortcuts={key}
                  aria-busy={busy === a}
                  disabled={busy !== null}
                  onClick={() => void run(a)}
                >
                  <span>
                    {busy === a ? t("common.sending") : label(a)}
                    {key && (
                      <>
                        {" "}
                        <span className="key-hint" aria-hidden="true">
                          {key.toUpperCase()}
                        </span>
                      </>
                    )}
                  </span>
                </button>
              );
            })}
          </div>
          {confirming && (
            <div className="confirm" data-testid="action-confirm">
              <p id="action-confirm-q">
                {t("officer.actions.confirmRefusal", { action: label(confirming), reason: reason.trim() })}
              </p>
              <button
                type="button"
                className="btn btn-danger"
                data-testid="action-confirm-yes"
                disabled={busy !== null}
                onClick={() => void run(confirming)}
              >
                {label(confirming)}
              </button>{" "}
              <button type="button" className="btn" onClick={() => setConfirming(null)}>
                {t("officer.actions.keep")}
              </button>
            </div>
          )}
        </>
      )}

      {canApologize && <ApologyForm dossierId={dossier.id} onSent={finished} />}

      <div aria-live="assertive">
        {error ? (
          <p className="alert alert-error" role="alert" data-testid="action-error">
            {apiMessage(error, i18n.language, t("common.error"))}
          </p>
        ) : null}
      </div>
      <p
        className={notice ? "banner banner-ok" : "sr-only"}
        role="status"
        tabIndex={-1}
        ref={noticeRef}
        data-testid="action-done"
      >
        {notice ?? ""}
      </p>
    </section>
  );
}

import { useTranslation } from "react-i18next";
import type { GroupContext as Context } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { useL } from "../../lib/hooks";
import { statusTone } from "../../lib/status";
import { DueBadge } from "./DueBadge";
import { VerificationForm } from "./VerificationForm";

/**
 * A linked group's steps, read-only: agency, status in plain words (officer-facing: `stepWords`
 * "officer"), clock, result number; the group's clock, and "cần xác minh" when it was marked. No link to another agency's step: its dossier is not theirs to open (403 OTHER_AGENCY).
 */
export function GroupSteps({ group, testid }: { group: Context; testid: string }) {
  const { t, i18n } = useTranslation();
  const l = useL();
  return (
    <div data-testid={testid} data-group={group.groupId} data-state={group.state}>
      <p data-testid="group-due">
        {t("officer.group.groupDue", { due: formatDateTime(group.dueAt, i18n.language) })}{" "}
        <DueBadge state={group.dueState} />
      </p>
      {group.verificationWords && (
        // Marked "cần xác minh": the group's limit is the longer one (Decree 63/2024).
        <p data-testid="group-verification-words">
          <span className="badge badge-warn">
            {l(group.verificationWords.vi, group.verificationWords.en)}
          </span>
        </p>
      )}
      <ol className="group-steps">
        {group.steps.map((s) => (
          <li
            key={s.key}
            data-testid="group-step"
            data-key={s.key}
            data-state={s.state}
            data-status={s.status ?? ""}
          >
            <strong>{l(s.procedureVi, s.procedureEn)}</strong>
            {s.current && (
              <>
                {" "}
                <span className="badge badge-info">{t("officer.group.thisStep")}</span>
              </>
            )}
            <br />
            <span className="muted">{l(s.agencyVi, s.agencyEn)}</span>
            <br />
            <span className={`badge badge-${s.status ? statusTone(s.status) : "muted"}`}>
              {l(s.wordsVi, s.wordsEn)}
            </span>{" "}
            {s.automaticVi && (
              <>
                <span className="badge badge-info" data-testid="group-step-automatic">
                  {l(s.automaticVi, s.automaticEn ?? s.automaticVi)}
                </span>{" "}
              </>
            )}
            {s.code && <span className="mono-code">{s.code}</span>}{" "}
            {s.dueAt && (
              <span>{t("officer.group.due", { due: formatDateTime(s.dueAt, i18n.language) })}</span>
            )}{" "}
            <DueBadge state={s.dueState} />
            {s.resultNumber && (
              <>
                <br />
                <span data-testid="group-step-result">
                  {t("officer.group.result", { number: s.resultNumber })}
                </span>
              </>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * On an officer's dossier page: the linked group the dossier is a step of, the other steps'
 * agency, status and clock, read-only (nothing when the dossier is not a step of a group); on the
 * group's birth step, the "cần xác minh" form when the server offers it. `group` is the page's one
 * read of `/api/dossiers/:id/linked-group` (undefined while loading).
 */
export function GroupContext({
  dossierId,
  group: g,
  canVerify = false,
  onChanged,
}: {
  dossierId: string;
  group: Context | null | undefined;
  /** The server offers `require_verification` to this officer now (own agency, processing status). */
  canVerify?: boolean;
  onChanged?: () => void;
}) {
  const { t } = useTranslation();
  const l = useL();
  if (!g) return null;
  return (
    <section aria-labelledby="ws-group-title" className="card" data-testid="group-context">
      <h2 id="ws-group-title">{t("officer.group.title", { name: l(g.nameVi, g.nameEn) })}</h2>
      <p className="note">{t("officer.group.hint")}</p>
      <GroupSteps group={g} testid="group-context-steps" />
      {g.verification && (
        <p className="note" data-testid="group-verification">
          {t("officer.verification.marked")}
        </p>
      )}
      {canVerify && onChanged && g.verifiableDays !== null && (
        <VerificationForm dossierId={dossierId} workingDays={g.verifiableDays} onChanged={onChanged} />
      )}
    </section>
  );
}

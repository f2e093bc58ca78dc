import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api } from "../../api/client";
import { errorText } from "../../components/Status";
import { useL } from "../../lib/hooks";
import { useIntent } from "../../lib/intent";

/** A step's dossier filed on its own (GET /api/linked-applications/:id, `steps[].alone`). */
export type AloneDossier = {
  dossierId: string;
  code: string | null;
  status: string;
  words: { vi: string; en: string };
  /** Its result's number once issued: the step counts as done for the group. */
  resultNumber: string | null;
};

/**
 * "Nộp riêng thủ tục này": a refused or cancelled step (or the residence step waiting for the
 * head of household) filed on its own. The server starts the draft from what the group knows (the
 * step's answers, the earlier steps' results: the child's name and personal number, the deceased
 * and the death extract), so the citizen only completes what changed. Once filed, the step shows
 * that dossier ("Đã nộp riêng: hồ sơ …", its status, a link) instead of the button: the server
 * keeps one dossier per step, and any tap, from any device, opens it again.
 */
export function FileAlone(props: {
  groupId: string;
  stepKey: string;
  alone: AloneDossier | null;
  testId?: string;
}) {
  const { groupId, stepKey, alone, testId = "file-alone" } = props;
  const { t, i18n } = useTranslation();
  const l = useL();
  const navigate = useNavigate();
  const intent = useIntent<{ id: string }>(`linked-alone:${groupId}:${stepKey}`);
  const [error, setError] = useState<unknown>(null);
  if (alone)
    return (
      <div className="banner banner-info" role="status" data-testid="step-alone">
        <p>
          <strong>
            {alone.code ? t("linked.aloneFiled", { code: alone.code }) : t("linked.aloneDraft")}
          </strong>
        </p>
        {alone.code && (
          <p>
            <span className="badge badge-info" data-testid="step-alone-status">
              {l(alone.words.vi, alone.words.en)}
            </span>
          </p>
        )}
        <p>
          <Link className="btn" to={`/ho-so/${alone.dossierId}`} data-testid="step-alone-open">
            {alone.resultNumber
              ? t("linked.result")
              : alone.code
                ? t("linked.aloneOpen")
                : t("linked.aloneContinue")}
          </Link>
        </p>
        {alone.resultNumber && (
          <p className="tap-links">
            <Link to={`/xac-minh/${encodeURIComponent(alone.resultNumber)}`} data-testid="step-alone-result">
              {t("linked.verify", { number: alone.resultNumber })}
            </Link>
          </p>
        )}
      </div>
    );
  const start = async () => {
    setError(null);
    try {
      const d = await intent.run((headers) =>
        api.post<{ id: string }>(
          `/api/linked-applications/${encodeURIComponent(groupId)}/steps/${encodeURIComponent(stepKey)}/alone`,
          {},
          { headers },
        ),
      );
      navigate(`/ho-so/${d.id}`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <p>
        <button
          type="button"
          className="btn"
          data-testid={testId}
          disabled={intent.busy}
          aria-busy={intent.busy}
          onClick={() => void start()}
        >
          {t("linked.fileAlone")}
        </button>
      </p>
      <p className="muted">{t("linked.fileAloneHint")}</p>
      {error ? (
        <p className="alert alert-error" role="alert" data-testid="file-alone-error">
          {errorText(error, i18n.language, t("common.error"))}
        </p>
      ) : null}
    </>
  );
}

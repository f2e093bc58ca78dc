import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api } from "../../api/client";
import { errorText } from "../../components/Status";
import { useIntent } from "../../lib/intent";

/**
 * "Nộp riêng thủ tục này": a refused or cancelled step filed on its own. The server starts the
 * draft from what the group knows (the step's answers, the child's name and personal number from
 * the birth registration's result), so the citizen only completes what changed (the household).
 * A double tap opens the same draft.
 */
export function FileAlone({ groupId, stepKey }: { groupId: string; stepKey: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const intent = useIntent<{ id: string }>(`linked-alone:${groupId}:${stepKey}`);
  const [error, setError] = useState<unknown>(null);
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
          data-testid="file-alone"
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

import { useTranslation } from "react-i18next";
import { errorText } from "../../components/Status";
import { useAudienceT } from "../../lib/hooks";
import type { SaveState } from "./useDraft";

export function SaveStatus({ state, error, retry }: { state: SaveState; error: unknown; retry: () => void }) {
  const { i18n } = useTranslation();
  const t = useAudienceT();
  const text =
    state === "saving" || state === "pending"
      ? t("save.saving")
      : state === "saved"
        ? t("save.saved")
        : state === "partial"
          ? t("save.partial")
          : state === "error"
            ? `${t("save.failed")} ${errorText(error, i18n.language, "")}`
            : t("save.auto");
  return (
    <div className={`save-status save-${state}`}>
      <p role="status" aria-live="polite" data-testid="save-status" data-state={state}>
        {text}
      </p>
      {state === "error" && (
        <button type="button" className="btn btn-small" onClick={retry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

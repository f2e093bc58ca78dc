import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";

/** Is this the answer for a dossier whose result is a paper document (409 RESULT_ON_PAPER)? */
export const isResultOnPaper = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.code === "RESULT_ON_PAPER";

/**
 * A result on paper, said as information (not an error: nothing failed, and trying again changes
 * nothing), in the server's words: collect it at the counter; nothing to download.
 */
export function ResultOnPaper({ error }: { error: ApiError }) {
  const { i18n } = useTranslation();
  return (
    <p className="banner banner-info" data-testid="result-on-paper">
      {i18n.language === "en" ? error.messageEn : error.messageVi}
    </p>
  );
}

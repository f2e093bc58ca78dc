import { ApiError } from "../../api/client";

/** An error in words: the first specific detail the API gave (e.g. "wrong code"), else its message. */
export function apiMessage(error: unknown, lang: string, fallback: string): string {
  if (typeof error === "string") return error;
  if (!(error instanceof ApiError)) return fallback;
  const d = error.details[0];
  if (d) return lang === "en" ? d.messageEn : d.messageVi;
  return lang === "en" ? error.messageEn : error.messageVi;
}

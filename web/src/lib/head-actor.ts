import { householdHeadOf } from "@domain/head-refusal.js";
import type { TFunction } from "i18next";
import type { LogEntry } from "../api/types";

/**
 * Who the timeline names for an entry that is the household head's answer (the consent, or the
 * refusal that ended a spouse's request; `householdHeadOf`): "Chủ hộ Nguyễn Văn A", never "Hệ
 * thống". The name recorded with the answer, else the head the form names (`fallbackName`); null
 * for any other entry.
 */
export function headActorLabel(e: LogEntry, t: TFunction, fallbackName: string | null): string | null {
  const head = householdHeadOf(e);
  if (!head) return null;
  const name = head.name ?? fallbackName;
  return name ? t("timeline.headNamed", { name }) : t("timeline.head");
}

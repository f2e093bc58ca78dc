import { isDraft } from "@domain/lifecycle.js";
import { api, type FieldIssue } from "../../api/client";
import type { Dossier, DossierListPage, FormValues } from "../../api/types";
import { useLoad } from "../../lib/hooks";
import { heldValues, refusedIssues } from "../dossier/useDraft";

/**
 * A draft of the death registration, the household member it was started for, and what the
 * citizen typed into it (the time and place of death; a refused value as typed, with its issue).
 */
export type DeathDraft = {
  id: string;
  deceased: string;
  typed: FormValues;
  issues: Record<string, FieldIssue>;
};

/**
 * The citizen's unfinished death-registration drafts (`procedureCode`), newest first, each with
 * the deceased it was started for: the combined form left and reopened resumes the draft of the
 * person chosen, its scan with it, instead of starting a second one (the server answers a second
 * start for the same person with the same draft too) and what was typed into it, with the
 * procedure they are of. Null when
 * `enabled` is false or the procedure is not known yet.
 */
export function useDeathDrafts(procedureCode: string | undefined, enabled: boolean) {
  return useLoad(
    async (signal): Promise<{ of: string; drafts: DeathDraft[] } | null> => {
      if (!enabled || !procedureCode) return null;
      const list = await api.get<DossierListPage>("/api/me/dossiers?limit=50", { signal });
      const out: DeathDraft[] = [];
      for (const d of list.items.filter((x) => isDraft(x.status) && x.procedureCode === procedureCode)) {
        const full = await api.get<Dossier>(`/api/dossiers/${d.id}`, { signal });
        const deceased = full.fields.find((f) => f.key === "deceased.personalNumber")?.value;
        if (typeof deceased !== "string") continue;
        const held = heldValues(full);
        const typed = Object.fromEntries(
          full.fields
            .filter((f) => !f.readOnly && held[f.key] !== null && held[f.key] !== undefined)
            .map((f) => [f.key, held[f.key] ?? null]),
        );
        out.push({ id: d.id, deceased, typed, issues: refusedIssues(full) });
      }
      return { of: procedureCode, drafts: out };
    },
    [procedureCode, enabled],
  );
}

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api } from "../../api/client";
import type { Dossier, FormValues, Value } from "../../api/types";
import { heldValues, type SaveState, useSaveOnLeave } from "../dossier/useDraft";

const SAVE_DELAY = 800;

/** The values of `keys` as a draft's form saves them (an emptied box is no answer). */
function only(keys: readonly string[], values: FormValues): FormValues {
  return Object.fromEntries(
    keys.map((k): [string, Value] => [k, values[k] === "" ? null : (values[k] ?? null)]),
  );
}

/**
 * The facts typed on a linked group's combined form (the time and place of death) saved into the
 * first step's draft once there is one (`draft`, as the server holds it), as the dossier's own form
 * saves: debounced PUT /form with `keepRefused` (a refused value is kept with the draft as typed,
 * with its message), at once when the tab is hidden or the form left. The form reopened resumes
 * them from the draft (useDeathDrafts).
 */
export function usePaperDraftSave(
  draft: Dossier | null | undefined,
  keys: readonly string[],
  values: FormValues,
) {
  const id = draft?.id;
  const keyList = keys.join("\n");
  const body = useMemo(() => only(keyList ? keyList.split("\n") : [], values), [keyList, values]);
  const json = JSON.stringify(body);
  const held = draft ? JSON.stringify(only(keyList ? keyList.split("\n") : [], heldValues(draft))) : null;
  const [state, setState] = useState<SaveState>("idle");
  const [error, setError] = useState<unknown>(null);
  const saved = useRef<string | null>(null);
  // What the server holds, each time the draft is read (opened, or read again after an upload).
  useEffect(() => {
    saved.current = held;
  }, [held]);
  const latest = useRef({ id, body, json });
  latest.current = { id, body, json };
  const chain = useRef<Promise<void>>(Promise.resolve());

  const saveNow = useCallback((): Promise<void> => {
    const run = async () => {
      const { id: draftId, body: now, json: nowJson } = latest.current;
      if (!draftId || saved.current === null || nowJson === saved.current) return;
      setState("saving");
      try {
        const d = await api.put<Dossier>(`/api/dossiers/${draftId}/form`, { values: now, keepRefused: true });
        saved.current = nowJson;
        setError(null);
        const refused = d.fields.some((f) => !f.readOnly && f.refused);
        setState(latest.current.json !== nowJson ? "pending" : refused ? "partial" : "saved");
      } catch (e) {
        setError(e);
        setState("error");
      }
    };
    chain.current = chain.current.then(run);
    return chain.current;
  }, []);

  useEffect(() => {
    if (!id || held === null || json === saved.current) return;
    setState("pending");
    const h = setTimeout(() => void saveNow(), SAVE_DELAY);
    return () => clearTimeout(h);
  }, [id, json, held, saveNow]);

  useSaveOnLeave(saveNow);

  return { state, error, saveNow };
}

import type { LinkedDraftState } from "@domain/api/linked.js";
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../../api/client";
import { useLoad } from "../../lib/hooks";
import { type SaveState, useSaveOnLeave } from "../dossier/useDraft";

export type { LinkedDraftState };

/** A linked-group draft as the server answers it (src/domain/api/linked.ts `LinkedDraft`). */
export type GroupDraft = {
  id: string;
  group: string;
  offer: string | null;
  state: LinkedDraftState;
  createdAt: string;
  updatedAt: string;
};

const SAVE_DELAY = 800;

/** The form as it opens: nothing chosen, named or typed (never saved as a draft of its own). */
export const EMPTY_STATE: LinkedDraftState = {
  chosen: {},
  name: "",
  typed: {},
  later: {},
  deceased: null,
  childHome: null,
};
const EMPTY = JSON.stringify(EMPTY_STATE);

/**
 * The combined form of a linked group kept on the server as the citizen types (issue 14 point 4),
 * as a dossier's form saves its draft (useDraft): debounced, at once when the tab is hidden or the
 * form left. The draft is started by the first change (one POST for the form whatever the taps;
 * the server answers a second start with the same draft), `restore` is called once with what was
 * saved when the form is opened again (the form then says "continuing your draft"), `remove`
 * deletes it and gives the empty form back (`fresh`), and `filed` stops saving once the group is
 * filed (which deleted it). Nothing is kept for anyone but a citizen (`enabled`).
 */
export function useGroupDraft(
  form: { group: string; offer: string | null; enabled: boolean },
  state: LinkedDraftState,
  restore: (s: LinkedDraftState, fresh: boolean) => void,
) {
  const { group, offer, enabled } = form;
  const found = useLoad(
    async (signal) => {
      // Null until enabled: a read while disabled is never taken for "no draft".
      if (!enabled) return null;
      const q = new URLSearchParams({ group, ...(offer ? { offer } : {}) });
      return api.get<{ draft: GroupDraft | null }>(`/api/me/linked-drafts?${q}`, { signal });
    },
    [group, offer, enabled],
  );
  const [resumed, setResumed] = useState<GroupDraft | null>(null);
  const [restored, setRestored] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>("idle");
  const [error, setError] = useState<unknown>(null);
  const id = useRef<string | null>(null);
  // What the server holds (JSON), once read: nothing is saved before the form is restored.
  const saved = useRef<string | null>(null);
  const json = JSON.stringify(state);
  const latest = useRef(json);
  latest.current = json;
  const chain = useRef<Promise<void>>(Promise.resolve());
  const restoreRef = useRef(restore);
  restoreRef.current = restore;

  useEffect(() => {
    if (restored || found.loading || !enabled || !found.data) return;
    setRestored(true);
    const d = found.data.draft;
    if (d) {
      id.current = d.id;
      setResumed(d);
      restoreRef.current(d.state, false);
    }
    saved.current = d ? JSON.stringify(d.state) : EMPTY;
  }, [found.loading, found.data, restored, enabled]);

  const saveNow = useCallback((): Promise<void> => {
    const run = async () => {
      const now = latest.current;
      if (saved.current === null || now === saved.current) return;
      setSaveState("saving");
      try {
        if (!id.current) {
          const d = await api.post<GroupDraft>("/api/linked-drafts", { group, ...(offer ? { offer } : {}) });
          id.current = d.id;
        }
        await api.put<GroupDraft>(`/api/linked-drafts/${id.current}`, { state: JSON.parse(now) });
        saved.current = now;
        setError(null);
        setSaveState(latest.current === now ? "saved" : "pending");
      } catch (e) {
        setError(e);
        setSaveState("error");
      }
    };
    chain.current = chain.current.then(run);
    return chain.current;
  }, [group, offer]);

  useEffect(() => {
    if (!restored || saved.current === null || json === saved.current) return;
    // The empty form is no draft: nothing is started until something is chosen or typed.
    if (!id.current && json === EMPTY) return;
    setSaveState("pending");
    const h = setTimeout(() => void saveNow(), SAVE_DELAY);
    return () => clearTimeout(h);
  }, [json, restored, saveNow]);

  useSaveOnLeave(saveNow);

  /** Deletes the draft (after the citizen confirmed) and gives the empty form back. */
  const remove = async () => {
    await chain.current;
    if (id.current) await api.delete(`/api/linked-drafts/${id.current}`);
    id.current = null;
    saved.current = EMPTY;
    setResumed(null);
    setSaveState("idle");
    restoreRef.current(EMPTY_STATE, true);
  };
  /** The group was filed (the server deleted the draft): nothing is saved any more. */
  const filed = () => {
    saved.current = null;
  };

  return {
    // A draft that cannot be read leaves the form usable (nothing is then saved).
    loading: enabled && !restored && !found.error,
    error: found.error,
    resumed,
    saveState,
    saveError: error,
    saveNow,
    remove,
    filed,
  };
}

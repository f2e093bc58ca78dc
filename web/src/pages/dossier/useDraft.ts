import { checkForm } from "@domain/form.js";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, type FieldIssue } from "../../api/client";
import type { Dossier, FormValues, ProcedureDefinition, Value } from "../../api/types";

/** "partial": saved except the fields whose value was refused (kept on screen with their message). */
export type SaveState = "idle" | "pending" | "saving" | "saved" | "partial" | "error";

/** The citizen's own answers: every field not filled from a registry (readOnly never sent). */
export function typedValues(def: ProcedureDefinition, readOnly: ReadonlySet<string>, values: FormValues) {
  const out: FormValues = {};
  for (const f of def.form) {
    if (readOnly.has(f.key)) continue;
    const v = values[f.key];
    if (v !== undefined) out[f.key] = v === "" ? null : v;
  }
  return out;
}

const SAVE_DELAY = 800;

/** The values the server kept refused with the draft (`refused` of each field), as their issues. */
export function refusedIssues(d: Dossier): Record<string, FieldIssue> {
  const out: Record<string, FieldIssue> = {};
  for (const f of d.fields) {
    const r = f.refused;
    if (!f.readOnly && r)
      out[f.key] = {
        field: `form.${f.key}`,
        messageVi: r.messageVi,
        messageEn: r.messageEn,
        ...(r.code ? { code: r.code } : {}),
      };
  }
  return out;
}

/** What the citizen typed as the server holds it: a refused value as typed, else the saved value. */
export const heldValues = (d: Dossier): FormValues =>
  Object.fromEntries(d.fields.map((f) => [f.key, !f.readOnly && f.refused ? f.refused.value : f.value]));

/** Saves at once when the phone locks, the tab is hidden or the form is left (unmounted). */
export function useSaveOnLeave(saveNow: () => Promise<void>) {
  useEffect(() => {
    const flush = () => {
      if (document.visibilityState === "hidden") void saveNow();
    };
    document.addEventListener("visibilitychange", flush);
    return () => {
      document.removeEventListener("visibilitychange", flush);
      void saveNow();
    };
  }, [saveNow]);
}

/**
 * Draft state with auto-save: debounced PUT /form with `keepRefused`; the server saves the valid
 * values and keeps each refused one with the draft, as typed, with its message: it is on screen
 * again after a reload, on any device, and never counted as an answer.
 */
export function useDraft(dossier: Dossier, def: ProcedureDefinition, onDossier: (d: Dossier) => void) {
  const id = dossier.id;
  const readOnlyKeys = dossier.fields
    .filter((f) => f.readOnly)
    .map((f) => f.key)
    .join("\n");
  const readOnly = useMemo(() => new Set(readOnlyKeys.split("\n").filter(Boolean)), [readOnlyKeys]);
  const [values, setValues] = useState<FormValues>(() => heldValues(dossier));
  const [issues, setIssues] = useState<Record<string, FieldIssue>>(() => refusedIssues(dossier));
  // A draft opened with values kept refused (on another device, after a reload) says so at once.
  const [save, setSave] = useState<SaveState>(() =>
    Object.keys(refusedIssues(dossier)).length > 0 ? "partial" : "idle",
  );
  const [saveError, setSaveError] = useState<unknown>(null);

  const latest = useRef(values);
  latest.current = values;
  // What the server holds, refused values as typed (they come back with their message).
  const saved = useRef(JSON.stringify(typedValues(def, readOnly, heldValues(dossier))));
  const chain = useRef<Promise<void>>(Promise.resolve());
  const onDossierRef = useRef(onDossier);
  onDossierRef.current = onDossier;

  const saveNow = useCallback((): Promise<void> => {
    const run = async () => {
      const body = typedValues(def, readOnly, latest.current);
      const json = JSON.stringify(body);
      if (json === saved.current) {
        setSave((s) => (s === "pending" ? "saved" : s));
        return;
      }
      setSave("saving");
      try {
        const d = await api.put<Dossier>(`/api/dossiers/${id}/form`, { values: body, keepRefused: true });
        const bad = refusedIssues(d);
        setIssues(bad);
        const refused = Object.keys(bad).length;
        saved.current = json;
        onDossierRef.current(d);
        setSaveError(null);
        const current = JSON.stringify(typedValues(def, readOnly, latest.current)) === json;
        setSave(!current ? "pending" : refused > 0 ? "partial" : "saved");
      } catch (e) {
        setSaveError(e);
        setSave("error");
      }
    };
    chain.current = chain.current.then(run);
    return chain.current;
  }, [id, def, readOnly]);

  // Debounced auto-save after each change.
  useEffect(() => {
    if (JSON.stringify(typedValues(def, readOnly, values)) === saved.current) return;
    setSave("pending");
    const h = setTimeout(() => void saveNow(), SAVE_DELAY);
    return () => clearTimeout(h);
  }, [values, def, readOnly, saveNow]);

  useSaveOnLeave(saveNow);

  const setValue = useCallback((key: string, value: Value) => {
    setValues((v) => ({ ...v, [key]: value }));
  }, []);

  // Registry values always come from the server (they may arrive later, e.g. after an on-behalf confirmation).
  const fields = dossier.fields;
  const merged = useMemo(() => {
    const out: FormValues = { ...values };
    for (const f of fields) if (f.readOnly) out[f.key] = f.value;
    return out;
  }, [values, fields]);

  return { values: merged, setValue, readOnly, issues, setIssues, save, saveError, saveNow };
}

/**
 * The form's issues by field key, judged in the browser by the server's own schema (formSchema,
 * as at submission: required answers and the rules across fields included), so a field shows the
 * words the server would answer. "Today" is the browser's clock; the server judges again on its own.
 */
export function useFormIssues(
  def: ProcedureDefinition,
  values: FormValues,
  applicantNumber: string | undefined,
): Record<string, FieldIssue> {
  return useMemo(() => {
    const r = checkForm(def, values, { complete: true, context: { now: new Date(), applicantNumber } });
    return r.ok ? {} : Object.fromEntries(r.issues.map((i) => [i.field.replace(/^form\./, ""), i]));
  }, [def, values, applicantNumber]);
}

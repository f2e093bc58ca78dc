import { forOfficer } from "@domain/audience.js";
import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useSearchParams } from "react-router";

/** Picks the Vietnamese or English variant of data that comes from the API. */
export function useL(): (vi: string | null | undefined, en: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const en = i18n.language === "en";
  return useCallback((vi, en2) => (en ? (en2 ?? vi ?? "") : (vi ?? en2 ?? "")), [en]);
}

/**
 * A field's label or help in the reader's language, addressed to its reader: the citizen reads
 * "your name"; in the workspace (`/can-bo`, an officer or an agent filing for the citizen) it reads
 * "the applicant's name" (`forOfficer`).
 */
export function useFieldText(): (vi: string | null | undefined, en: string | null | undefined) => string {
  const l = useL();
  const { i18n } = useTranslation();
  const officer = useInWorkspace();
  const lang = i18n.language === "en" ? "en" : "vi";
  return useCallback((vi, en) => (officer ? forOfficer(l(vi, en), lang) : l(vi, en)), [l, officer, lang]);
}

/** Is the page the officers' workspace (`/can-bo`): an officer or an agent reads it, not the citizen. */
export function useInWorkspace(): boolean {
  return useLocation().pathname.startsWith("/can-bo");
}

/**
 * The dictionary addressed to its reader, the one way the pages a citizen and an officer share
 * (the draft's steps) pick their words: the citizen reads "Hệ thống đã điền sẵn … cho bạn"; in the
 * workspace (an officer at the counter, an agent filing for the citizen) the key's `_officer`
 * variant is read ("… cho công dân"), i18next's context, falling back to the key itself when the
 * words do not address anyone. test/i18n-audience.test.ts: every key of those pages that speaks
 * to the citizen has its officer variant.
 */
export function useAudienceT(): (key: string, options?: Record<string, unknown>) => string {
  const { t } = useTranslation();
  const officer = useInWorkspace();
  return useCallback(
    (key, options) => t(key, officer ? { ...options, context: "officer" } : (options ?? {})),
    [t, officer],
  );
}

export type Loaded<T> = {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (d: T) => void;
};

/** Loads once per dependency change; stale answers are dropped. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: deps are the caller's
  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    loadRef.current(ctl.signal).then(
      (d) => {
        if (ctl.signal.aborted) return;
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}

/**
 * The layout's main region: on each navigation after the first, focus moves to it and the page
 * scrolls to the top, so screen readers start at the new page.
 */
export function useMainFocus() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on path change
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus();
    window.scrollTo(0, 0);
  }, [pathname]);
  return mainRef;
}

/** Sets the document title, "Page — Một Lần". */
export function useTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} — ${t("app.name")}` : t("app.title");
  }, [title, t]);
}

export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/**
 * The page's search parameters, and a setter of some of them (null or "" deletes one; `reset`
 * starts from no parameter at all) for state kept in the address (filters, the page of a list).
 * It replaces the address unless `replace: false` (a step the Back button should undo). Changes
 * made before the page renders again add up: the router applies a navigation in a transition, so a
 * second change made in the meantime (a period kind picked, then a day typed at once; a status
 * filter, then a channel) would start from the parameters before the first and undo it.
 */
export function useSearchChanges(): [
  URLSearchParams,
  (changes: Record<string, string | null>, options?: { replace?: boolean; reset?: boolean }) => void,
] {
  const [search, setSearch] = useSearchParams();
  const latest = useRef(search);
  const rendered = useRef(search);
  if (rendered.current !== search) {
    rendered.current = search;
    latest.current = search;
  }
  const set = useCallback(
    (changes: Record<string, string | null>, options?: { replace?: boolean; reset?: boolean }) => {
      const next = new URLSearchParams(options?.reset ? undefined : latest.current);
      for (const [k, v] of Object.entries(changes)) v === null || v === "" ? next.delete(k) : next.set(k, v);
      latest.current = next;
      setSearch(next, { replace: options?.replace ?? true });
    },
    [setSearch],
  );
  return [search, set];
}

/**
 * A ref for the heading of something that opens in answer to a click elsewhere on the page (the
 * dossiers behind a number): on mount it is scrolled to the top of the view and focused (give the
 * element tabIndex={-1}), so the user sees what opened and a screen reader reads its title.
 */
export function useRevealOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.scrollIntoView({ block: "start" });
    el.focus({ preventScroll: true });
  }, []);
  return ref;
}

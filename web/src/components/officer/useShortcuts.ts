import { useEffect, useRef } from "react";

/** Is the key press meant for a form control (typing), rather than for the page? */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

const SEQUENCE_MS = 1500;

/**
 * Single-key shortcuts ("r") and two-key sequences ("g q"), ignored while typing in a field
 * and when a modifier key is held (so the browser's own shortcuts keep working).
 */
export function useShortcuts(handlers: Record<string, () => void>, enabled = true): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    let prefix: { key: string; at: number } | null = null;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
      if (typing(e.target)) return;
      const key = e.key.toLowerCase();
      if (key.length !== 1) return;
      const now = Date.now();
      if (prefix && now - prefix.at < SEQUENCE_MS) {
        const seq = ref.current[`${prefix.key} ${key}`];
        prefix = null;
        if (seq) {
          e.preventDefault();
          seq();
          return;
        }
      }
      if (Object.keys(ref.current).some((k) => k.startsWith(`${key} `))) {
        prefix = { key, at: now };
        return;
      }
      const run = ref.current[key];
      if (run) {
        e.preventDefault();
        run();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [enabled]);
}

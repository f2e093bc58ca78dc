import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { NotificationList } from "../api/types";
import { useSession } from "../session";

/** The page that lists the notifications: opening it reads them all. */
export const NOTIFICATIONS_PATH = "/thong-bao";

/**
 * How many notifications the signed-in citizen has not read: those newer than the newest one
 * shown when they last opened the notifications page on this device (kept in the browser's
 * storage, per personal number). Counted again on each page (`path`); on the notifications page
 * itself every one is read. 0 for officers and signed-out visitors.
 */
export function useUnreadCount(path: string): number {
  const { principal } = useSession();
  const pn = principal?.kind === "citizen" ? principal.personalNumber : null;
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!pn) {
      setCount(0);
      return;
    }
    const key = `motlan.notificationsSeen.${pn}`;
    const ctrl = new AbortController();
    api
      .get<NotificationList>("/api/me/notifications", { signal: ctrl.signal })
      .then((r) => {
        const newest =
          r.items
            .map((n) => n.at)
            .sort()
            .at(-1) ?? "";
        if (path === NOTIFICATIONS_PATH) {
          if (newest) store(key, newest);
          setCount(0);
          return;
        }
        const seen = stored(key) ?? "";
        setCount(r.items.filter((n) => n.at > seen).length);
      })
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [pn, path]);
  return count;
}

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage may be blocked: every notification then counts as unread until it is
  }
}

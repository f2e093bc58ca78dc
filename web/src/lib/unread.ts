import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { NotificationList } from "../api/types";
import { useSession } from "../session";

/** The page that lists the notifications: opening it marks those shown read (on the server). */
export const NOTIFICATIONS_PATH = "/thong-bao";

/**
 * How many notifications the signed-in citizen has not read, as the server counts them (`unread`
 * of GET /api/me/notifications: read on any device counts as read everywhere). Counted again on
 * each page (`path`); on the notifications page itself 0 (the page marks what it shows read).
 * 0 for officers and signed-out visitors.
 */
export function useUnreadCount(path: string): number {
  const { principal } = useSession();
  const pn = principal?.kind === "citizen" ? principal.personalNumber : null;
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!pn || path === NOTIFICATIONS_PATH) {
      setCount(0);
      return;
    }
    const ctrl = new AbortController();
    api
      .get<NotificationList>("/api/me/notifications", { signal: ctrl.signal })
      .then((r) => setCount(r.unread))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [pn, path]);
  return count;
}

/**
 * Marks the notifications the citizen was shown read (POST /api/me/notifications/read, by id: one
 * that arrives after the list was loaded stays unread). Nothing is sent when all were read.
 */
export async function markShownRead(list: NotificationList): Promise<void> {
  const ids = list.items.filter((n) => n.readAt === null).map((n) => n.id);
  if (ids.length > 0) await api.post("/api/me/notifications/read", { ids });
}

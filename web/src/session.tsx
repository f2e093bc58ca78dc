import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, setCsrfToken } from "./api/client";
import type { Principal, Session } from "./api/types";

type SessionState = {
  loading: boolean;
  principal: Principal | null;
  csrfToken: string | null;
  refresh: () => Promise<void>;
};

const Ctx = createContext<SessionState>({
  loading: true,
  principal: null,
  csrfToken: null,
  refresh: async () => {},
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{
    loading: boolean;
    principal: Principal | null;
    csrfToken: string | null;
  }>({ loading: true, principal: null, csrfToken: null });
  const refresh = useCallback(async () => {
    try {
      const s = await api.get<Session>("/api/session");
      setCsrfToken(s.csrfToken);
      setState({ loading: false, principal: s.principal, csrfToken: s.csrfToken });
    } catch {
      setState({ loading: false, principal: null, csrfToken: null });
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const value = useMemo(() => ({ ...state, refresh }), [state, refresh]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export const useSession = () => useContext(Ctx);

/** The sign-in address that brings the citizen back to `next` (a path of this site). */
export function loginHref(next: string): string {
  return `/auth/login?next=${encodeURIComponent(next)}`;
}

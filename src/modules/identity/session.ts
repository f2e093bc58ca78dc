/** What the web app's encrypted session cookie holds: the signed-in account and a login in progress. */
export type SessionPrincipal = { accountId: string };
export type LoginState = { state: string; verifier: string; next: string };

declare module "@fastify/secure-session" {
  interface SessionData {
    principal: SessionPrincipal;
    login: LoginState | undefined;
  }
}

/** Identity: OpenID Connect sign-in (demo provider built in), accounts, officers and their roles, web sessions. */
export { isOfficerUsername, registerApiClient, resolveAccount, resolveMachineClient } from "./accounts.js";
export { adminRoutes } from "./admin-routes.js";
export { principalOfSession, principalOfToken, type TokenChecks } from "./authenticate.js";
export {
  type DemoOfficer,
  type DemoUnit,
  demoOfficerDuty,
  ensureDemoOfficers,
  listDemoOfficers,
} from "./demo-officers.js";
export {
  API_RESOURCE,
  DEMO_MACHINE_CLIENT,
  type DemoProvider,
  type DemoProviderOptions,
  type ProviderSessionRef,
  registerDemoProvider,
} from "./demo-provider.js";
export { IdentityErrors } from "./errors.js";
export { findOfficer } from "./officers.js";
export { databaseAdapter } from "./oidc-adapter.js";
export { identityRoutes, type RelyingPartyOptions } from "./routes.js";
export {
  createWebSession,
  endWebSession,
  findWebSession,
  type LoginState,
  type SessionPrincipal,
  WEB_SESSION_TTL_S,
  type WebSession,
} from "./session.js";

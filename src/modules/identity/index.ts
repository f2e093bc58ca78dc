/** Identity: OpenID Connect sign-in (demo provider built in), accounts, officers and their roles. */
export { registerApiClient, resolveAccount, resolveMachineClient } from "./accounts.js";
export { adminRoutes } from "./admin-routes.js";
export {
  API_RESOURCE,
  DEMO_MACHINE_CLIENT,
  type DemoProviderOptions,
  registerDemoProvider,
  signingKeys,
} from "./demo-provider.js";
export { IdentityErrors } from "./errors.js";
export { type DemoOfficer, ensureDemoOfficers, findOfficer } from "./officers.js";
export { identityRoutes, type RelyingPartyOptions } from "./routes.js";
export type { LoginState, SessionPrincipal } from "./session.js";

import type { FastifyRequest } from "fastify";
import type { CitizenPrincipal, OfficerPrincipal, OfficerRole, Principal } from "../domain/principal.js";
import { AppError } from "./errors.js";

/** Set by the server's auth plugin on every request: who calls, and how they proved it. */
declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
    authVia: "session" | "bearer" | null;
  }
}

/** Guards for route handlers: the principal, or 401/403 in the one error shape. */
export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError("UNAUTHENTICATED");
  return req.principal;
}

export function requireCitizen(req: FastifyRequest): CitizenPrincipal {
  const p = requirePrincipal(req);
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  return p;
}

export function requireOfficer(req: FastifyRequest, roles?: readonly OfficerRole[]): OfficerPrincipal {
  const p = requirePrincipal(req);
  if (p.kind !== "officer" || (roles && !roles.includes(p.role))) throw new AppError("FORBIDDEN");
  return p;
}

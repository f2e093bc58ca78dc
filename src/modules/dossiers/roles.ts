import type { Principal } from "../identity/principal.js";
import type { ActorRole } from "./lifecycle.js";

/** Like lifecycleRole, but null for roles that only look (leaders, viewers, admins). */
export function lifecycleRoleOrNull(p: Principal): ActorRole | null {
  if (p.kind === "citizen") return "citizen";
  return ["agent", "receiver", "specialist", "approver", "agency_officer"].includes(p.role)
    ? (p.role as ActorRole)
    : null;
}

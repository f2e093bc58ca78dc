/** The audit module's public surface: who did what, and refused attempts. */
export {
  type AuditEntry,
  type AuditRow,
  audit,
  forAdministrator,
  listAudit,
  maskPersonalNumbers,
} from "./audit.js";

/**
 * The API's shapes as the browser receives them: inferred from the zod schemas the server uses in
 * its routes' `response` (src/domain/api, also the OpenAPI document at /openapi.json), serialised
 * as JSON (`Received`: instants arrive as ISO strings). Nothing here is written by hand; type-only
 * imports, so none of zod reaches the bundle.
 */

import type { AssistantReply as AssistantReplySchema } from "@domain/api/assistant.js";
import type { FormStats, ProcedureList, ProcedureVersion as Version } from "@domain/api/catalog.js";
import type {
  CorrectionCaseList as CorrectionCaseListSchema,
  RegistryAlerts as RegistryAlertsSchema,
} from "@domain/api/corrections.js";
import type { DossierNotifications, QueueList as QueueListSchema } from "@domain/api/delivery.js";
import type {
  CorrectionFiled as CorrectionFiledSchema,
  DossierList,
  DossierListItem,
  DossierView,
  Notifications,
  OtpSent as OtpSentSchema,
  Outbox,
  PrefillPreview,
  Provenance as ProvenanceSchema,
  QueuePage as QueuePageSchema,
  Value as ValueSchema,
} from "@domain/api/dossier.js";
import type { LeaderDossiers as FigureDossiers, LeaderOverview as Overview } from "@domain/api/leader.js";
import type {
  GroupContext as GroupContextSchema,
  GroupsAtRisk as GroupsAtRiskSchema,
} from "@domain/api/linked.js";
import type {
  Disbursement as DisbursementSchema,
  Payment as PaymentSchema,
  RefundQueue as RefundQueueSchema,
} from "@domain/api/payment.js";
import type { AccessLogPage, MyData as MyDataSchema } from "@domain/api/registry.js";
import type { Result as ResultSchema, Verification as VerificationSchema } from "@domain/api/result.js";
import type { Session as SessionSchema } from "@domain/api/session.js";
import type { Commune as CommuneSchema } from "@domain/api/units.js";
import type { Received } from "@domain/api/wire.js";
import type { Condition as ConditionRule } from "@domain/conditions.js";
import type { ProcedureDefinition as Definition } from "@domain/procedure.js";

export type { LeaderTodayKey } from "@domain/api/leader.js";
export type { DueState } from "@domain/due.js";
export type { Channel, Status } from "@domain/lifecycle.js";

export type Session = Received<typeof SessionSchema>;
export type Principal = NonNullable<Session["principal"]>;

export type ProcedureDefinition = Received<typeof Definition>;
export type ProcedureVersion = Received<typeof Version>;
export type ProcedureListPage = Received<typeof ProcedureList>;
export type ProcedureListItem = ProcedureListPage["items"][number];
export type Stats = Received<typeof FormStats>;
export type TimeLimit = ProcedureDefinition["timeLimit"];
export type Fee = ProcedureDefinition["fee"];
export type FormFieldDef = ProcedureDefinition["form"][number];
export type FieldType = FormFieldDef["type"];
export type Option = NonNullable<FormFieldDef["options"]>[number];
export type ComponentDef = ProcedureDefinition["components"][number];
export type Condition = ConditionRule;

export type Value = Received<typeof ValueSchema>;
export type FormValues = Record<string, Value>;
export type Provenance = Received<typeof ProvenanceSchema>;
export type Prefill = Received<typeof PrefillPreview>;

export type Dossier = Received<typeof DossierView>;
/** Officers and citizens receive the same view (what each may do is in `availableActions`). */
export type OfficerDossier = Dossier;
export type DossierField = Dossier["fields"][number];
export type DossierComponent = Dossier["components"][number];
export type StoredFile = DossierComponent["files"][number];
export type LogEntry = Dossier["log"][number];
export type Clock = NonNullable<Dossier["clock"]>;
export type CorrectionRequest = Dossier["correctionRequests"][number];

export type QueueItem = Received<typeof DossierListItem>;
export type QueuePage = Received<typeof QueuePageSchema>;
export type DossierListPage = Received<typeof DossierList>;

export type Payment = Received<typeof PaymentSchema>;
export type RefundQueue = Received<typeof RefundQueueSchema>;
export type RefundItem = RefundQueue["items"][number];
export type CorrectionCaseList = Received<typeof CorrectionCaseListSchema>;
export type CorrectionCase = CorrectionCaseList["items"][number];
export type RegistryAlerts = Received<typeof RegistryAlertsSchema>;
export type GroupContext = Received<typeof GroupContextSchema>;
export type Disbursement = Received<typeof DisbursementSchema>;
export type GroupsAtRisk = Received<typeof GroupsAtRiskSchema>;
export type Result = Received<typeof ResultSchema>;
export type Verification = Received<typeof VerificationSchema>;

export type MyData = Received<typeof MyDataSchema>;
export type Person = MyData["person"];
export type AccessLog = Received<typeof AccessLogPage>;
export type AccessEntry = AccessLog["items"][number];

export type NotificationList = Received<typeof Notifications>;
export type Notification = NotificationList["items"][number];
export type OtpSent = Received<typeof OtpSentSchema>;
export type CorrectionFiled = Received<typeof CorrectionFiledSchema>;
export type DemoOutbox = Received<typeof Outbox>;
export type DemoSms = DemoOutbox["items"][number];

export type LeaderOverview = Received<typeof Overview>;
export type LeaderDossiers = Received<typeof FigureDossiers>;

export type Commune = Received<typeof CommuneSchema>;

export type DossierNotificationList = Received<typeof DossierNotifications>;
export type QueueList = Received<typeof QueueListSchema>;
export type OutboxItem = QueueList["items"][number];

export type AssistantReply = Received<typeof AssistantReplySchema>;

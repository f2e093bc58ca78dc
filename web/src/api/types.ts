/** Shapes of the platform API as the portal uses them (see /openapi.json). */
import type { FormField } from "@domain/procedure.js";

export type Principal =
  | { kind: "citizen"; personalNumber: string; name: string }
  | {
      kind: "officer";
      username: string;
      name: string;
      role: string;
      roleName: { vi: string; en: string };
      jurisdiction: { level: string; code?: string };
    };

export type Session = { principal: Principal | null; csrfToken: string };

export type TimeLimit = { workingDays: number } | { workingHours: number };

export type Fee = {
  amount: number;
  onlineDiscountPercent: number;
  noteVi?: string;
  noteEn?: string;
};

export type FormStats = {
  paperFieldCount: number;
  onlineFieldCount: number;
  prefilledFieldCount: number;
  typedFieldCount: number;
  componentsReplacedByData: number;
  reductionPercent: number;
};

export type ProcedureListItem = {
  code: string;
  version: number;
  nameVi: string;
  nameEn: string;
  summaryVi: string;
  summaryEn: string;
  level: "commune" | "province";
  agency: { sector: string; nameVi: string; nameEn: string };
  timeLimit: TimeLimit;
  fee: Fee;
  fullyOnline: boolean;
  stats: FormStats;
};

export type Condition =
  | { field: string; equals: string | number | boolean }
  | { field: string; in: Array<string | number> }
  | { field: string; filled: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/** Field types and fields are the domain core's own (src/domain/procedure.ts), never re-declared. */
export type FieldType = FormField["type"];

export type Option = { value: string; labelVi: string; labelEn: string };

export type FormFieldDef = FormField;

export type ReplacedBy = { kind: string; ref: string; descriptionVi: string; descriptionEn: string };

export type ComponentDef = {
  key: string;
  nameVi: string;
  nameEn: string;
  kind: "upload" | "data";
  required: boolean | Condition;
  accept?: string[];
  maxBytes?: number;
  replacedBy?: ReplacedBy;
};

export type ProcedureDefinition = {
  code: string;
  nameVi: string;
  nameEn: string;
  summaryVi: string;
  summaryEn: string;
  level: "commune" | "province";
  agency: { sector: string; nameVi: string; nameEn: string };
  timeLimit: TimeLimit;
  paperFieldCount: number;
  form: FormFieldDef[];
  components: ComponentDef[];
  fee: Fee & { exemptWhen?: Condition };
  result: { kind: string; nameVi: string; nameEn: string; electronic: boolean };
  fullyOnline: boolean;
};

export type ProcedureVersion = {
  code: string;
  version: number;
  status: string;
  publishedAt: string | null;
  definition: ProcedureDefinition;
  stats: FormStats;
};

export type Provenance = {
  registry?: string;
  sourceVi: string;
  sourceEn: string;
  asOf: string;
  ref?: string;
};

export type Value = string | number | boolean | null;
export type FormValues = Record<string, Value>;

export type Prefill = {
  fields: Array<{
    key: string;
    labelVi: string;
    labelEn: string;
    value: Value;
    readOnly: boolean;
    provenance: Provenance | null;
  }>;
  components: Array<{ key: string; nameVi: string; nameEn: string; replaced: boolean }>;
};

export type DossierField = {
  key: string;
  labelVi: string;
  labelEn: string;
  type: FieldType;
  options: Option[] | null;
  required: boolean;
  visible: boolean;
  value: Value;
  readOnly: boolean;
  provenance: Provenance | null;
};

export type StoredFile = { sha256: string; filename: string; mime: string; sizeBytes: number };

export type DossierComponent = {
  key: string;
  nameVi: string;
  nameEn: string;
  kind: "upload" | "data";
  required: boolean;
  accept: string[] | null;
  maxBytes: number | null;
  state: "replaced" | "uploaded" | "missing";
  replacedBy: { fact: ReplacedBy | null; ref: string | null } | null;
  files: StoredFile[];
};

export type LogEntry = {
  seq: number;
  type: string;
  at: string;
  actorKind: string;
  actorId: string;
  role: string;
  reason: string | null;
  payload: Record<string, unknown>;
};

export type Clock = {
  dueAt: string;
  remainingWorkingMillis: number;
  state: "on_time" | "near_due" | "overdue";
  pausedNow: boolean;
  finishedOnTime?: boolean | null;
  /** Working time allowed by the limit and used so far (supplement waits excluded). */
  allowedWorkingMillis?: number;
  usedWorkingMillis?: number;
};

export type Dossier = {
  id: string;
  code: string | null;
  procedure: { code: string; version: number; nameVi: string; nameEn: string; fullyOnline?: boolean };
  status: string;
  channel: string;
  fields: DossierField[];
  components: DossierComponent[];
  reuse: { fieldsTotal: number; fieldsPrefilled: number; fieldsTyped: number; componentsReplaced: number };
  feeAmount: number | null;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  clock: Clock | null;
  log: LogEntry[];
  availableActions: string[];
  paymentStatus?: "not_required" | "unpaid" | "paid";
  resultNumber?: string | null;
  rating?: { score: number; comment: string | null } | null;
};

export type DossierListItem = {
  id: string;
  code: string | null;
  procedureCode: string;
  procedureNameVi?: string;
  procedureNameEn?: string;
  status: string;
  submittedAt: string | null;
  dueAt: string | null;
};

export type Payment = {
  amount: number;
  status: "not_required" | "unpaid" | "paid";
  vietqr: {
    payload: string;
    bankName: string;
    accountNumber: string;
    accountName: string;
    content: string;
  } | null;
  demoBankUrl: string | null;
  paidAt: string | null;
  receiptUrl: string | null;
};

export type Result = {
  number: string;
  kind: string;
  nameVi: string;
  nameEn: string;
  issuedAt: string;
  sha256?: string;
  downloadUrl: string;
  verifyUrl: string;
};

/** Public verification of a result, by number or by file. */
export type Verification =
  | {
      valid: true;
      number: string;
      nameVi: string;
      nameEn: string;
      issuedAt: string;
      issuer: string;
      holderName: string;
      sha256: string;
    }
  | { valid: false; reasonVi: string; reasonEn: string };

export type Person = {
  personalNumber: string;
  fullName: string;
  birthDate: string;
  sex: "M" | "F";
  ethnicity: string;
  nationality: string;
  religion: string | null;
  permanentAddress: string;
  temporaryAddress: string | null;
  relationshipToHead: string | null;
  phone: string | null;
  email: string | null;
  deceasedOn: string | null;
  provinceName: string;
  permanentCommuneName: string;
};

export type MyData = {
  person: Person;
  household: {
    id: string;
    address: string;
    communeName: string;
    headNumber: string;
    members: Person[];
  } | null;
  records: {
    civilStatus: Array<{
      id: number;
      kind: string;
      registrationNumber: string;
      registeredOn: string;
      subjectNumber: string;
    }>;
    healthInsurance: Array<{
      cardNumber: string;
      beneficiaryGroup: string;
      benefitLevel: number;
      primaryFacility: string;
      validFrom: string;
      validTo: string;
    }>;
    allowances: Array<{
      id: string;
      kind: string;
      monthlyAmount: number;
      since: string;
      until: string | null;
    }>;
  };
};

export type AccessEntry = {
  at: string;
  actorKind: string;
  actorId: string;
  actorRole: string | null;
  actorName: string | null;
  purpose: string;
  legalBasis: string;
  resource?: string;
  fields: string[];
};

export type Notification = {
  id: string | number;
  at: string;
  dossierId: string | null;
  dossierCode: string | null;
  textVi: string;
  textEn: string;
};

export type Page<T> = { items: T[]; total: number };

/* Officer workspace */

export type Channel = "online" | "online_on_behalf" | "counter";
export type DueState = "on_time" | "near_due" | "overdue";

/** Who holds a dossier: a username (or, should the API expand it, the officer). */
export type Assignee = string | { username: string; name?: string | null } | null;

export type QueueItem = {
  id: string;
  code: string | null;
  procedureCode: string;
  status: string;
  channel: Channel | string;
  applicantNumber: string;
  applicantName: string | null;
  communeCode: string | null;
  submittedAt: string | null;
  dueAt: string | null;
  assignee?: Assignee;
  procedureNameVi?: string;
  procedureNameEn?: string;
};

export type QueuePage = { items: QueueItem[]; total: number; byStatus: Record<string, number> };

export type CorrectionRequest = {
  fieldKey: string;
  registry?: string;
  registryValue: Value;
  claimedValue: string | null;
  note: string | null;
  createdAt: string;
};

/** The dossier as an officer sees it: the portal's view plus who holds it and the citizen's corrections. */
export type OfficerDossier = Dossier & {
  applicantNumber?: string;
  createdBy?: string;
  communeCode?: string | null;
  provinceCode?: string | null;
  supplementRequests?: number;
  assignee?: Assignee;
  correctionRequests?: CorrectionRequest[];
};

export type OtpSent = { sentTo: string };

export type DemoSms = {
  at: string;
  key: string;
  payload: { phone: string; textVi: string; code?: string; textEn?: string };
};

export type LeaderTodayKey = "received" | "submitted" | "inProcessing" | "supplementRequested" | "finished";

export type LeaderOverview = {
  scope: { level: string; code?: string | null; name?: string };
  today: Record<LeaderTodayKey, number>;
  overdue: Array<{
    id: string;
    code: string | null;
    procedureCode: string;
    dueAt: string;
    holder?: Assignee;
    status: string;
  }>;
  onTimeShareThisMonth: { finished: number; onTime: number; share: number | null };
  links?: Partial<Record<LeaderTodayKey | "overdue" | "onTime", string>>;
};

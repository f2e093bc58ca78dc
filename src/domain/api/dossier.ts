import { z } from "zod";
import { DUE_STATES } from "../due.js";
import { ELIGIBILITY_CODES } from "../eligibility.js";
import { ACTIONS, CHANNELS, STATUSES } from "../lifecycle.js";
import { DataFact, FieldType } from "../procedure.js";
import { FieldIssue } from "./errors.js";

/**
 * Responses of the dossier API, shared by the server (route `response` schemas, hence OpenAPI) and
 * the web app (types: `Received<typeof DossierView>`…). Instants are `z.date()`: JSON carries them
 * as ISO 8601 strings.
 */

/** A form value as stored: text, number, ticked box, or nothing. */
export const Value = z.union([z.string(), z.number(), z.boolean(), z.null()]).meta({ id: "FormValue" });

/** Where a prefilled value came from, shown beside it ("Từ Cơ sở dữ liệu quốc gia về dân cư"). */
export const Provenance = z
  .object({
    registry: z
      .string()
      .meta({ description: "population, civil_status, health_facility or health_insurance" }),
    sourceVi: z.string(),
    sourceEn: z.string(),
    asOf: z.string(),
    ref: z.string().optional(),
  })
  .meta({ id: "Provenance" });

export const Option = z.object({ value: z.string(), labelVi: z.string(), labelEn: z.string() });

export const DossierField = z.object({
  key: z.string(),
  labelVi: z.string(),
  labelEn: z.string(),
  type: FieldType,
  options: z.array(Option).nullable(),
  required: z.boolean(),
  visible: z.boolean(),
  value: Value,
  readOnly: z.boolean(),
  provenance: Provenance.nullable(),
  /**
   * A draft's value the form refused, kept as typed with its message (never an answer: `value` is
   * empty meanwhile); shown again on the form after a reload. Absent when none.
   */
  refused: z
    .object({ value: Value, code: z.string().optional(), messageVi: z.string(), messageEn: z.string() })
    .optional(),
});

export const StoredFile = z.object({
  sha256: z.string(),
  /** Made safe to show and serve (src/domain/files.ts safeFilename). */
  filename: z.string(),
  /** As stored: application/pdf, image/jpeg or image/png. */
  mime: z.string(),
  /** As it arrived, sniffed from the content: image/heic for a photo stored converted to JPEG. */
  originalMime: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.date(),
});

export const DossierComponent = z.object({
  key: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  kind: z.enum(["upload", "data"]),
  required: z.boolean(),
  accept: z.array(z.string()).nullable(),
  maxBytes: z.number().int().nullable(),
  state: z.enum(["replaced", "uploaded", "missing"]),
  replacedBy: z.object({ fact: DataFact.nullable(), ref: z.string().nullable() }).nullable(),
  files: z.array(StoredFile),
});

/** One recorded action. `type` is a string: the log keeps action types a later version dropped. */
export const LogEntry = z.object({
  seq: z.number().int(),
  type: z.string(),
  at: z.date(),
  actorKind: z.string(),
  actorId: z.string(),
  role: z.string(),
  channel: z.string(),
  reason: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});

/** The dossier's legal clock (`clockOf` in src/domain/due.ts). */
export const Clock = z
  .object({
    dueAt: z.date(),
    nearDueAt: z.date(),
    allowedWorkingMillis: z.number(),
    usedWorkingMillis: z.number(),
    remainingWorkingMillis: z.number(),
    pausedNow: z.boolean(),
    state: z.enum(DUE_STATES),
    finishedOnTime: z.boolean().nullable(),
    /**
     * Whether the law confirms the limit behind `dueAt`: false for a linked group's step whose
     * limit is not confirmed (`confirmed: false`), whose due date is only expected.
     */
    limitConfirmed: z.boolean(),
  })
  .meta({ id: "DossierClock" });

export const CorrectionRequest = z.object({
  fieldKey: z.string(),
  registry: z.string(),
  registryValue: z.string().nullable(),
  claimedValue: z.string().nullable(),
  note: z.string().nullable(),
  /** The owning agency's decision: open until it decides; a rejection's reason for the citizen. */
  status: z.enum(["open", "accepted", "rejected"]),
  decisionReason: z.string().nullable(),
  appliedValue: z.string().nullable(),
  decidedAt: z.date().nullable(),
  /** When the owner's office received the request (its case opened); null while on its way. */
  receivedAt: z.date().nullable(),
  createdAt: z.date(),
});

export const DossierView = z
  .object({
    id: z.string(),
    code: z.string().nullable(),
    procedure: z.object({
      code: z.string(),
      version: z.number().int(),
      nameVi: z.string(),
      nameEn: z.string(),
      fullyOnline: z.boolean(),
    }),
    status: z.enum(STATUSES),
    channel: z.enum(CHANNELS),
    applicantNumber: z.string(),
    /** As the population registry had it when the dossier was filed (or the history recorded it). */
    applicantName: z.string().nullable(),
    createdBy: z.string(),
    provinceCode: z.string(),
    communeCode: z.string().nullable(),
    agencyCode: z.string(),
    fields: z.array(DossierField),
    components: z.array(DossierComponent),
    reuse: z.object({
      fieldsTotal: z.number().int(),
      fieldsPrefilled: z.number().int(),
      fieldsTyped: z.number().int(),
      componentsReplaced: z.number().int(),
    }),
    feeAmount: z.number(),
    paymentStatus: z.enum(["not_required", "unpaid", "paid"]),
    resultNumber: z.string().nullable(),
    rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
    assignee: z.string().nullable(),
    /** The holder's name as their officer account has it (the username when it has none). */
    assigneeName: z.string().nullable(),
    correctionRequests: z.array(CorrectionRequest),
    createdAt: z.date(),
    submittedAt: z.date().nullable(),
    receivedAt: z.date().nullable(),
    /** The due instant (moved by closed supplement waits) and the near-due instant: `dueStateOf`. */
    dueAt: z.date().nullable(),
    nearDueAt: z.date().nullable(),
    finishedAt: z.date().nullable(),
    /** KPIS.md: the first result issued or refusal. */
    decidedAt: z.date().nullable(),
    supplementRequests: z.number().int(),
    /**
     * The supplement request still waiting for the citizen; `dueAt`: the last instant to supply
     * (a linked step: the group's `supplementWithin`, `supplementDeadline`), null when no limit the
     * law confirms applies.
     */
    supplementRequest: z
      .object({ at: z.date(), reason: z.string().nullable(), dueAt: z.date().nullable() })
      .nullable(),
    /**
     * The latest apology slip for lateness (Decree 61/2018/NĐ-CP; Circular 01/2018/TT-VPCP Mẫu số 05):
     * when it was sent, why, and the new date promised (the legal `dueAt` does not move); the
     * number of its signed PDF (`GET /api/dossiers/:id/apology.pdf`), null when none was issued
     * (imported history).
     */
    apology: z
      .object({
        at: z.date(),
        reason: z.string().nullable(),
        newDueAt: z.date().nullable(),
        slipNumber: z.string().nullable(),
      })
      .nullable(),
    /**
     * Joining a spouse's household (1.004222 `join_spouse_household`): the answer of the head the
     * form names (Law on Residence 2020, Art. 21): waiting since the submission, the consent, or
     * the refusal with the head's own reason; null for any other dossier.
     */
    headConsent: z
      .object({
        headNumber: z.string().nullable(),
        headName: z.string().nullable(),
        waitingSince: z.date().nullable(),
        consent: z.object({ by: z.string(), at: z.date() }).nullable(),
        refusal: z.object({ by: z.string(), at: z.date(), reason: z.string().nullable() }).nullable(),
      })
      .nullable(),
    /** Online on behalf: the citizen confirmed the agent may file it. */
    onBehalfConfirmed: z.boolean(),
    clock: Clock.nullable(),
    log: z.array(LogEntry),
    availableActions: z.array(z.enum(ACTIONS)),
  })
  .meta({ id: "Dossier", description: "Dossier with form, components, log and clock" });

/** A row of the officer queue or of a citizen's list of dossiers. */
export const DossierListItem = z
  .object({
    id: z.string(),
    code: z.string().nullable(),
    procedureCode: z.string(),
    procedureNameVi: z.string(),
    procedureNameEn: z.string(),
    status: z.enum(STATUSES),
    channel: z.enum(CHANNELS),
    applicantNumber: z.string(),
    applicantName: z.string().nullable(),
    communeCode: z.string().nullable(),
    submittedAt: z.date().nullable(),
    dueAt: z.date().nullable(),
    nearDueAt: z.date().nullable(),
    assignee: z.string().nullable(),
    /** The officer queue only: the earliest due instant of its complaints awaiting an answer; null: none. */
    complaintDueAt: z.date().nullable().optional(),
    /** The citizen's own list only: when the dossier was started and last saved. */
    createdAt: z.date().optional(),
    updatedAt: z.date().optional(),
    /** The citizen's own list only: how many of the fields shown for the answers so far hold one (formCounts). */
    filledCount: z.number().int().optional(),
    /** The citizen's own list only: how many fields are shown for the answers so far (formCounts). */
    fieldCount: z.number().int().optional(),
    /**
     * The citizen's own list only, a draft's: whom it is about (src/domain/draft-subject.ts), the
     * deceased's name and the day of death ("YYYY-MM-DD", null until typed); null when the form
     * names no one.
     */
    subject: z
      .object({ kind: z.enum(["deceased"]), name: z.string(), date: z.iso.date().nullable() })
      .nullable()
      .optional(),
  })
  .meta({ id: "DossierListItem" });

export const DossierList = z.object({ items: z.array(DossierListItem), total: z.number().int() });

export const QueuePage = DossierList.extend({
  byStatus: z.record(z.string(), z.number().int()),
  /** The dossiers with a complaint awaiting an answer, under the other filters (`complaint=open`'s badge). */
  openComplaints: z.number().int(),
});

/** One finding of a procedure's eligibility rules (src/domain/eligibility.ts). */
const EligibilityIssue = z.object({
  code: z.enum(ELIGIBILITY_CODES),
  severity: z.enum(["refusal", "warning"]),
  field: z.string(),
  messageVi: z.string(),
  messageEn: z.string(),
});

/** What the registries already know for a procedure's form, before a dossier is started. */
export const PrefillPreview = z
  .object({
    procedure: z.object({ code: z.string(), version: z.number().int() }),
    fields: z.array(
      z.object({
        key: z.string(),
        labelVi: z.string(),
        labelEn: z.string(),
        value: Value,
        readOnly: z.boolean(),
        provenance: Provenance.nullable(),
      }),
    ),
    components: z.array(
      z.object({ key: z.string(), nameVi: z.string(), nameEn: z.string(), replaced: z.boolean() }),
    ),
    /**
     * What the procedure's rules about the applicant say before anything is answered (a person
     * recorded as married and a marriage registration): a refusal means "start" makes no draft.
     */
    eligibility: z.array(EligibilityIssue),
    /**
     * The event the prefill names (the deceased chosen, the notice) is already registered or being
     * handled: the 409 DUPLICATE_LIFE_EVENT that "start" gets, told before anything is typed.
     */
    duplicate: z
      .object({
        code: z.string(),
        messageVi: z.string(),
        messageEn: z.string(),
        details: z.array(FieldIssue),
      })
      .nullable(),
  })
  .meta({ id: "PrefillPreview" });

export const Notification = z.object({
  id: z.string(),
  at: z.date(),
  /**
   * The dossier it is about (for a head of household asked to consent, the spouse's dossier: he
   * answers from `link`, not from the dossier's page); null: a linked group's news (the head asked,
   * the head refused).
   */
  dossierId: z.string().nullable(),
  dossierCode: z.string().nullable(),
  /** The linked group it is about, or whose step the dossier is. */
  groupId: z.string().nullable(),
  /** The portal's page it opens: the dossier, the group's page, or the home page (a head's requests, "/"). */
  link: z.string(),
  textVi: z.string(),
  textEn: z.string(),
  /** When the citizen read it, on any device; null: unread. */
  readAt: z.date().nullable(),
});
/** The citizen's notifications, newest first, and how many of them are unread (the badge). */
export const Notifications = z.object({ items: z.array(Notification), unread: z.number().int() });
/**
 * Notification id as listed: `<dossier id>:<seq>`, `<dossier id>:c<correction request id>`,
 * `<group id>:g<notification id>` (a linked group's news), or `<dossier id>:h<notification id>` (the
 * head of a spouse's household asked to consent to her dossier). Another form is 400.
 */
const NotificationId = z.string().regex(/^[0-9a-f-]{36}:[cgh]?[0-9]{1,15}$/);
/** POST /api/me/notifications/read: some notifications (by id), or every one listed. */
export const NotificationsRead = z.union([
  z.object({ ids: z.array(NotificationId).min(1).max(50) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export const UnreadCount = z.object({ unread: z.number().int() });

export const OtpSent = z.object({ sentTo: z.string() });

/** A correction request filed with the registry owner ("this is wrong"). */
export const CorrectionFiled = z.object({ id: z.number().int() });

/**
 * Demo only: an SMS on the demo phone. The citizen reads their own whole; the admin and the
 * commune's officers read it with the number and any code masked.
 */
export const OutboxMessage = z.object({
  at: z.date(),
  phone: z.string(),
  textVi: z.string(),
  textEn: z.string(),
});
export const Outbox = z.object({ items: z.array(OutboxMessage) });

/** The registry checks of a dossier's answers (src/domain/eligibility.ts): refusals and warnings. */
export const Eligibility = z.object({ issues: z.array(EligibilityIssue) }).meta({ id: "Eligibility" });

/** A citizen's feedback or complaint on a dossier and the officer's answer (src/domain/complaints.ts). */
export const DossierComplaint = z
  .object({
    id: z.uuid(),
    text: z.string(),
    createdAt: z.date(),
    dueAt: z.date(),
    status: z.enum(["waiting", "answered"]),
    answer: z.string().nullable(),
    answeredAt: z.date().nullable(),
    /**
     * Who answered: the officer's full name and the office they answered for, a proper name in
     * Vietnamese ("Ủy ban nhân dân phường Hải Vân"), as they were when answering (stored with the
     * answer, migration 366: a later rename or move changes nothing); null while waiting (or
     * answered by a machine client).
     */
    answeredBy: z.object({ name: z.string(), officeVi: z.string() }).nullable(),
    /** Answered by its due instant; null while waiting. */
    answeredOnTime: z.boolean().nullable(),
    /**
     * Working days left until its due instant while waiting (rounded up; 0 on its last hours;
     * negative: working days past it), null once answered.
     */
    workingDaysLeft: z.number().int().nullable(),
  })
  .meta({ id: "DossierComplaint" });
export const DossierComplaints = z
  .object({ items: z.array(DossierComplaint), mayComplain: z.boolean(), mayAnswer: z.boolean() })
  .meta({ id: "DossierComplaints", description: "Newest first" });

import { bool, bpchar, int4, jsonb, text, textArray, timestamptz, uuid } from "../columns.js";

/** Linked groups of procedures filed as one, and the offers made from a notice (src/modules/linked). */
export const LINKED_TABLES = {
  linked_groups: {
    province_code: text(),
    id: uuid(),
    group_code: text(),
    group_version: int4(),
    applicant_number: bpchar(),
    received_at: timestamptz(),
    due_at: timestamptz(),
    verification: bool().default(),
    facts: jsonb().default(),
    created_at: timestamptz().default(),
    /** The other parent's household the child joins (migration 357; `ChildHomeRecord`). */
    child_home: jsonb().null(),
  },
  linked_group_steps: {
    province_code: text(),
    group_id: uuid(),
    step_key: text(),
    procedure_code: text(),
    dossier_id: uuid().null(),
    state: text(),
    planned_due_at: timestamptz(),
    values: jsonb().default(),
    reason: jsonb().null(),
    changed_at: timestamptz().default(),
    reused: textArray().default(),
    /** The dossier of the step filed on its own after it ended (migration 363; src/modules/linked/alone.ts). */
    alone_dossier_id: uuid().null(),
  },
  linked_offers: {
    personal_number: bpchar(),
    id: uuid(),
    group_code: text(),
    notice_id: text(),
    province_code: text(),
    created_at: timestamptz(),
    expires_at: timestamptz(),
    state: text().default(),
    decided_at: timestamptz().null(),
    group_province_code: text().null(),
    group_id: uuid().null(),
    notice: jsonb().null(),
  },
  /** The combined form of a group as typed, before it is filed (migration 356; src/modules/linked/drafts.ts). */
  linked_drafts: {
    personal_number: bpchar(),
    id: uuid(),
    group_code: text(),
    form_key: text(),
    state: jsonb().default(),
    created_at: timestamptz(),
    updated_at: timestamptz(),
  },
  linked_notice_filings: {
    province_code: text(),
    group_code: text(),
    notice_id: text(),
    group_province_code: text(),
    group_id: uuid(),
    filed_by: bpchar(),
    filed_at: timestamptz(),
  },
} as const;

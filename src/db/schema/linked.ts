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
} as const;

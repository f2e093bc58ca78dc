import { int4, jsonb, text, timestamptz } from "../columns.js";

/** The platform itself: applied migrations, seed runs, rule fingerprints. */
export const PLATFORM_TABLES = {
  schema_migrations: {
    version: text(),
    applied_at: timestamptz().default(),
  },
  seed_runs: {
    id: text(),
    params: jsonb(),
    batches_total: int4(),
    batches_done: int4().default(),
    persons_done: int4().default(),
    started_at: timestamptz().default(),
    finished_at: timestamptz().null(),
  },
  rule_fingerprints: {
    rule: text(),
    fingerprint: text(),
    recorded_at: timestamptz().default(),
  },
} as const;

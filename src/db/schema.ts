import type { KyselyTables } from "./columns.js";
import { CATALOG_TABLES } from "./schema/catalog.js";
import { CORRECTION_TABLES } from "./schema/corrections.js";
import { DELIVERY_TABLES } from "./schema/delivery.js";
import { DOSSIER_TABLES } from "./schema/dossiers.js";
import { EVIDENCE_TABLES } from "./schema/evidence.js";
import { IDENTITY_TABLES } from "./schema/identity.js";
import { LINKED_TABLES } from "./schema/linked.js";
import { METRIC_TABLES } from "./schema/metrics.js";
import { PAYMENT_TABLES } from "./schema/payments.js";
import { PLACE_TABLES } from "./schema/places.js";
import { PLATFORM_TABLES } from "./schema/platform.js";
import { REGISTRY_TABLES } from "./schema/registries.js";

/**
 * Every table of the migrated schema (src/db/migrations), declared once, by domain in src/db/schema/
 * (one file a domain): the typed query builder (src/db/query.ts) takes its table and column types
 * from here. Hand-written, and kept true by `test/schema.test.ts`, which migrates a fresh database
 * and compares each table and column (type, null, default) with `information_schema.columns`: a
 * migration that adds, drops or changes a column fails it until the domain's file says the same
 * (the failure prints the line to write). A new table goes in its domain's file.
 * Placements (which column distributes each table) live in the tables' comments (docs/scaling.md).
 */
export const SCHEMA = {
  ...PLACE_TABLES,
  ...REGISTRY_TABLES,
  ...CATALOG_TABLES,
  ...DOSSIER_TABLES,
  ...LINKED_TABLES,
  ...CORRECTION_TABLES,
  ...PAYMENT_TABLES,
  ...DELIVERY_TABLES,
  ...METRIC_TABLES,
  ...IDENTITY_TABLES,
  ...EVIDENCE_TABLES,
  ...PLATFORM_TABLES,
} as const;

/** The database as Kysely sees it (src/db/query.ts). */
export type Database = KyselyTables<typeof SCHEMA>;

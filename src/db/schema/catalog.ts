import type { LinkedGroupDefinition } from "../../domain/linked-group.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { int4, jsonb, text, timestamptz } from "../columns.js";

/** The versioned catalogue: procedures and linked groups (src/modules/catalog). */
export const CATALOG_TABLES = {
  procedure_versions: {
    code: text(),
    version: int4(),
    definition: jsonb<ProcedureDefinition>(),
    definition_hash: text(),
    status: text(),
    name_vi: text(),
    search_text: text(),
    created_at: timestamptz().default(),
    created_by: text(),
    published_at: timestamptz().null(),
    published_by: text().null(),
  },
  linked_group_versions: {
    code: text(),
    version: int4(),
    definition: jsonb<LinkedGroupDefinition>(),
    status: text().default(),
    created_at: timestamptz().default(),
    created_by: text(),
    published_at: timestamptz().null(),
    published_by: text().null(),
  },
} as const;

/** The catalogue module's public surface: procedures as versioned data. */
export {
  type CatalogActor,
  createDraft,
  getPublished,
  getVersion,
  listPublished,
  listVersions,
  loadStarterCatalogue,
  type ProcedureListItem,
  type ProcedureStatus,
  type ProcedureVersion,
  type ProcedureVersionInfo,
  publish,
} from "./catalog.js";
export { definitionHash, type ParseResult, parseDefinition } from "./parse.js";
export { checkPrefillPaths, PREFILL_PATHS } from "./prefill-paths.js";
export { catalogRoutes } from "./routes.js";
export {
  type Component,
  Condition,
  checkDefinition,
  conditionFields,
  type DataFact,
  type DefinitionProblem,
  evaluate,
  type Fee,
  type FormField,
  type PrefillBinding,
  type PrefillSubject,
  ProcedureDefinition,
  type ProcedureDefinitionInput,
  type TimeLimit,
} from "./schema.js";
export { STARTER_CATALOGUE } from "./starter/index.js";
export { type FormStats, formStats } from "./stats.js";

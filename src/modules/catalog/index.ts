/** The catalogue module's public surface: procedures as versioned data. */
export {
  type CatalogActor,
  createDraft,
  getDefinition,
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
  publishedWithFinder,
} from "./catalog.js";
export { CatalogErrors } from "./errors.js";

export { buildFinder } from "./finder.js";
export {
  checkGroup,
  createGroupDraft,
  type GroupVersion,
  getGroupVersion,
  getPublishedGroup,
  listPublishedGroups,
  loadStarterGroups,
  publishGroup,
} from "./groups.js";

export { definitionHash, type ParseResult, parseDefinition } from "./parse.js";
export { catalogRoutes } from "./routes.js";
export { STARTER_CATALOGUE, STARTER_VERSIONS } from "./starter/index.js";
export {
  birthGroup,
  birthGroupV2,
  deathGroup,
  deathGroupV2,
  deathGroupV3,
  STARTER_GROUPS,
} from "./starter/linked-groups.js";
export { temporaryResidence } from "./starter/temporary-residence.js";
export { type FormStats, formStats } from "./stats.js";

/** Administrative units: the 34 provinces and 3,321 communes (from 2025-07-01). */
export { unitRoutes } from "./routes.js";
export { closeness, type SearchableCommune, searchCommunes } from "./search.js";
export {
  type Commune,
  findCommune,
  findProvince,
  listCommunes,
  listProvinces,
  loadUnits,
  type Province,
} from "./units.js";

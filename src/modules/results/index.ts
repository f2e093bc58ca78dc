/** Electronic results: signed PDF documents, their download, and public verification. */

export {
  APOLOGY_SLIP_NAME,
  apologySlipDocument,
  apologySlipEffect,
  findLatestApologySlip,
} from "./apology.js";
export {
  authorityOf,
  issuerName,
  type Place,
  placeOf,
  type ResultInput,
  resultDocument,
  signerTitles,
} from "./documents.js";
export { issueResultEffect } from "./results.js";
export { resultRoutes } from "./routes.js";

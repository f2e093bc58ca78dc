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
  recipients,
  resultDocument,
  signerName,
  signerTitles,
} from "./documents.js";
export { issueResultEffect, type ResultServices, storeAndSign, verifyUrl } from "./results.js";
export { resultRoutes } from "./routes.js";
export { canonicalNumber, RECEIPT_NAME } from "./verify.js";

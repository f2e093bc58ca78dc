/** Electronic results: signed PDF documents, their download, and public verification. */
export { issueResultEffect } from "./results.js";
export { resultRoutes } from "./routes.js";

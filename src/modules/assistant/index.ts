/** The virtual assistant (issue 14.1): rules in src/domain/assistant.ts, one HTTP route. */
export { converse } from "./assistant.js";
export { assistantRoutes } from "./routes.js";

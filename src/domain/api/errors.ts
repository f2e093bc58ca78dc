import { z } from "zod";

/**
 * The one error shape of the API, shared by the server (which builds OpenAPI from it) and the web
 * app (which reads it): a stable code, a Vietnamese and an English message, optional field details.
 */
export const FieldIssue = z.object({
  field: z.string(),
  messageVi: z.string(),
  messageEn: z.string(),
  /** A stable code of the rule refused, where it has one (e.g. DATE_TOO_LONG_AGO, NUMBER_SHARED). */
  code: z.string().optional(),
  /**
   * The other dossier a conflict names (DUPLICATE_LIFE_EVENT, ALREADY_MARRIED): its code; its id
   * only when the caller may open it; `open` when it is still being handled (else finished).
   */
  dossier: z.object({ code: z.string(), id: z.string().optional(), open: z.boolean() }).optional(),
  /** The linked group a conflict names (OFFER_ALREADY_FILED): only one the caller applied for. */
  group: z.object({ id: z.string() }).optional(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      status: z.number().int(),
      messageVi: z.string(),
      messageEn: z.string(),
      details: z.array(FieldIssue).optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: "ErrorResponse" });
export type ErrorBody = z.infer<typeof ErrorResponse>;

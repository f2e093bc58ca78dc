import { z } from "zod";
import { COMMUNE_CODE_PATTERN, PROVINCE_CODE_PATTERN } from "../domain/inputs.js";
import { checkPersonalNumber } from "../domain/personal-number.js";

/** Shared request/response schemas; the same objects validate requests and build OpenAPI. */
export { ErrorResponse } from "../domain/api/errors.js";

import { ErrorResponse } from "../domain/api/errors.js";

/** 12-digit personal number, structurally valid (province of registration, century digit). */
export const PersonalNumber = z
  .string()
  .refine((v) => checkPersonalNumber(v).ok, { message: "INVALID_PERSONAL_NUMBER" })
  .meta({ description: "Số định danh cá nhân (12 digits)", example: "048090000123" });

/** Administrative unit codes (`src/domain/inputs.ts`): 5 digits for a commune, 2 for a province. */
export const CommuneCode = z.string().regex(COMMUNE_CODE_PATTERN, { message: "UNKNOWN_COMMUNE" });
export const ProvinceCode = z.string().regex(PROVINCE_CODE_PATTERN, { message: "UNKNOWN_PROVINCE" });

/** One key per user intent, reused by the client across retries and double taps (header). */
export const IdempotencyKey = z
  .object({
    "idempotency-key": z
      .string()
      .min(8)
      .max(100)
      .regex(/^[\x21-\x7e]+$/, { message: "printable ASCII without spaces" })
      .optional(),
  })
  .passthrough();

export const Page = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
} as const;

import type { z } from "zod";

/**
 * What JSON makes of a value: a `Date` becomes its ISO 8601 string (`Date.prototype.toJSON`),
 * arrays and objects keep their shape. The API's response schemas describe what the server returns
 * (`z.date()` for instants, documented in OpenAPI as `string` / `date-time`); the serializer writes
 * it as JSON, so the browser receives `Wire<z.output<Schema>>`.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** The body a browser receives for a response schema. */
export type Received<S extends z.ZodType> = Wire<z.output<S>>;

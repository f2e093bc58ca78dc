import type { FastifyInstance, FastifySchemaCompiler } from "fastify";
import fp from "fastify-plugin";
import { validatorCompiler } from "fastify-type-provider-zod";
import {
  decodeUtf8,
  findBadCharacters,
  invalidCharacters,
  percentDecode,
  urlIsClean,
} from "../kernel/characters.js";
import { AppError } from "../kernel/errors.js";

/**
 * The edge check, first of all hooks: the request target before anything else runs (the
 * identity provider included), parsed bodies (JSON, forms) before validation.
 */
export const edgePlugin = fp(async (app: FastifyInstance) => {
  app.addHook("onRequest", async (req) => {
    if (urlIsClean(req.url)) return;
    const [path = ""] = req.url.split("?");
    const field = urlIsClean(path) ? "url.query" : "url.path";
    throw invalidCharacters(field, percentDecode(req.url) === undefined ? "utf8" : "character");
  });
  app.addHook("preValidation", async (req) => {
    if (req.routeOptions.config?.checksOwnBody) return;
    const at = findBadCharacters(req.body, "body");
    if (at) throw invalidCharacters(at);
  });
});

/**
 * The body parsers of every route (a scope may add its own, e.g. uploads, the bank callback):
 * - JSON and form bodies are read as bytes and must be UTF-8 (a form's percent-escapes too):
 *   otherwise 400 INVALID_CHARACTERS, never text stored with U+FFFD in place of what was sent;
 * - an empty JSON body is no body: a route without a body schema takes it, a route that needs
 *   one answers 400 BODY_REQUIRED (`bodyValidatorCompiler`);
 * - JSON keeps Fastify's own parser (prototype-poisoning checks; malformed → 400 INVALID_JSON; a
 *   reserved key such as "__proto__" in valid JSON → 400 RESERVED_JSON_KEY, saying why);
 *   a form body is parsed with the WHATWG URLSearchParams (repeated keys give an array);
 * - no other text type is taken (415 UNSUPPORTED_MEDIA_TYPE).
 */
export function registerBodyParsers(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser(["application/json", "text/plain"]);
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (req, body, done) => {
    const bytes = body as Buffer;
    if (bytes.length === 0) return done(null, undefined);
    const text = decodeUtf8(bytes);
    if (text === undefined) return done(invalidCharacters("body", "utf8"), undefined);
    json(req, text, (err: Error | null, parsed?: unknown) =>
      // Valid JSON that Fastify still refuses holds a reserved key ("__proto__", "constructor"
      // with "prototype"): said as such (400 RESERVED_JSON_KEY), not as unreadable JSON.
      err && isJson(text) ? done(new AppError("RESERVED_JSON_KEY"), undefined) : done(err, parsed),
    );
  });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "buffer" }, (_req, body, done) => {
    const text = decodeUtf8(body as Buffer);
    if (text === undefined || percentDecode(text) === undefined) {
      return done(invalidCharacters("body", "utf8"), undefined);
    }
    const fields: Record<string, string | string[]> = Object.create(null);
    for (const [k, v] of new URLSearchParams(text)) {
      const seen = fields[k];
      fields[k] = seen === undefined ? v : [...[seen].flat(), v];
    }
    done(null, fields);
  });
}

/**
 * The zod validator compiler, with one rule for a missing body: Fastify validates a request
 * without a body as `null`; a route whose body schema is optional takes it (as undefined), a
 * route that needs a body answers 400 BODY_REQUIRED instead of a type error.
 */
export const bodyValidatorCompiler: FastifySchemaCompiler<unknown> = (route) => {
  const validate = validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);
  if (route.httpPart !== "body") return validate;
  return (data: unknown) => {
    if (data !== null && data !== undefined) return validate(data);
    const r = validate(undefined) as { error?: Error; value?: unknown };
    return r.error ? { error: new AppError("BODY_REQUIRED") } : r;
  };
};

/** Whether `text` is JSON at all (the standard parser, no prototype checks: a key is only a key). */
function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

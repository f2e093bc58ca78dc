import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { actorOf } from "../../domain/principal.js";
import { MIME_TYPES } from "../../domain/procedure.js";
import { AppError } from "../../kernel/errors.js";
import { requirePrincipal } from "../../kernel/guards.js";
import { inFlightLimit } from "../../kernel/in-flight.js";
import { ErrorResponse, errorResponses } from "../../kernel/schemas.js";
import type { BlobStore } from "../../lib/blob-store.js";
import type { Ctx } from "./access.js";
import {
  checkDeclaredType,
  checkUploadStart,
  DECLARABLE_TYPES,
  readFile,
  uploadComponent,
} from "./uploads.js";

/** Larger than any component's maxBytes (the catalogue caps it at 20 MiB); the service applies the real limit. */
export const UPLOAD_BODY_LIMIT = 20 * 1024 * 1024;

const ComponentParams = z.object({
  id: z.uuid(),
  key: z
    .string()
    .regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/, { message: "NOT_FOUND" })
    .max(100),
});
const FileParams = z.object({ id: z.uuid(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const StoredFile = z
  .object({
    sha256: z.string(),
    mime: z.string(),
    sizeBytes: z.number().int(),
    originalMime: z.string(),
    filename: z.string(),
  })
  .meta({ id: "StoredFile" });

/** Buffers are sent as they are (Fastify never serializes them); the schema documents the body. */
const FileBytes = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: "string", format: "binary" });

/** x-filename is optional; percent-encoded UTF-8 lets Vietnamese names through a latin-1 header. */
function decodeFilename(header: string | undefined): string {
  if (!header) return "upload";
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}

/** inline; an ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 8187). */
export function contentDisposition(filename: string): string {
  const ascii = filename
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const exact = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

/**
 * Dossier files: raw-body upload into a component, and download. Raw bodies (PDF, JPEG, PNG,
 * HEIC/HEIF, octet-stream, or no Content-Type at all) are parsed as a Buffer, up to 20 MiB, in
 * this plugin's scope only; every other content type is refused before the body is read. So is
 * every upload the caller may not make:
 * who calls (and, in a web session, its CSRF token), whether they may add files to this dossier's component now, the declared size, and
 * how many uploads they already have in flight (at most `uploadsPerPrincipal`, else 429) are all
 * checked in onRequest, before a byte of the body is read.
 */
export async function uploadRoutes(
  parent: FastifyInstance,
  opts: { db: Db; store: BlobStore; uploadsPerPrincipal: number },
) {
  const inFlight = inFlightLimit(opts.uploadsPerPrincipal);
  await parent.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    // Every body is raw bytes ("*" also takes a body without Content-Type); onRequest has already
    // refused a declared type that names no file we take.
    scope.addContentTypeParser(
      "*",
      { parseAs: "buffer", bodyLimit: UPLOAD_BODY_LIMIT },
      (_req, body, done) => {
        done(null, body);
      },
    );
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const ctx = (req: FastifyRequest): Ctx => ({
      db: opts.db,
      principal: requirePrincipal(req),
      requestId: req.id,
    });
    const tags = ["dossiers"];

    /** Identity and authorisation before the body: a refused upload never costs us its bytes. */
    async function beforeBody(req: FastifyRequest, reply: FastifyReply) {
      try {
        const c = ctx(req);
        // A web session's CSRF token (the x-csrf-token header), checked here rather than in the
        // preHandler after the body: a forged upload never holds the connection open.
        if (req.authVia === "session")
          await new Promise<void>((resolve, reject) =>
            scope.csrfProtection(req, reply, (err?: unknown) => (err ? reject(err) : resolve())),
          );
        checkDeclaredType(req.headers["content-type"]);
        const params = ComponentParams.safeParse(req.params);
        if (!params.success) {
          const keyIssue = params.error.issues.find((i) => i.path[0] === "key");
          throw keyIssue ? new AppError("NOT_FOUND") : new AppError("VALIDATION_FAILED");
        }
        // The cap first: a flood of attempts costs no database work.
        const who = actorOf(c.principal);
        if (!inFlight.enter(`${who.kind}:${who.id}`, reply)) throw new AppError("TOO_MANY_UPLOADS");
        const length = Number(req.headers["content-length"]);
        await checkUploadStart(
          c,
          params.data.id,
          params.data.key,
          Number.isFinite(length) ? length : undefined,
        );
      } catch (err) {
        // The client may still be sending: answer now and close, rather than drain its body.
        reply.header("connection", "close");
        throw err;
      }
    }

    app.put(
      "/api/dossiers/:id/components/:key",
      {
        bodyLimit: UPLOAD_BODY_LIMIT,
        onRequest: beforeBody,
        schema: {
          tags,
          summary: "Upload a file into a dossier component (raw body; the type is read from the content)",
          description:
            "Send the file as the raw body with Content-Type application/pdf, image/jpeg, image/png or " +
            "image/heic (image/heif); the type sniffed from the content must agree with it and be accepted by the " +
            "component. Without a Content-Type, or with application/octet-stream, the content alone decides. A " +
            "HEIC/HEIF photo is stored converted to JPEG (same dimensions; originalMime records what was sent) " +
            "where the component accepts JPEG. Optional header x-filename (percent-encoded UTF-8); the name is " +
            "kept safe to show (no control or bidirectional characters, an extension that matches the content). " +
            "Allowed while the dossier is a draft or a supplement is requested. The same content is stored once.",
          params: ComponentParams,
          consumes: [...DECLARABLE_TYPES],
          body: FileBytes,
          headers: z.looseObject({ "x-filename": z.string().max(1000).optional() }),
          response: {
            201: StoredFile,
            ...errorResponses,
            409: ErrorResponse,
            413: ErrorResponse,
            415: ErrorResponse,
            422: ErrorResponse,
            429: ErrorResponse,
          },
        },
      },
      async (req, reply) => {
        const c = ctx(req);
        const stored = await uploadComponent(c, opts.store, req.params.id, req.params.key, {
          bytes: req.body,
          declaredType: req.headers["content-type"] ?? "",
          filename: decodeFilename(req.headers["x-filename"]),
        });
        return reply.status(201).send(stored);
      },
    );

    app.get(
      "/api/dossiers/:id/files/:sha256",
      {
        schema: {
          tags,
          summary: "Download a dossier file (the applicant, the filing agent, officers of its jurisdiction)",
          params: FileParams,
          response: {
            200: {
              description: "The file, with the type sniffed at upload",
              content: Object.fromEntries(MIME_TYPES.map((t) => [t, { schema: FileBytes }])),
            },
            ...errorResponses,
          },
        },
      },
      async (req, reply) => {
        const file = await readFile(ctx(req), opts.store, req.params.id, req.params.sha256);
        return (
          reply
            .header("content-type", file.mime)
            .header("content-disposition", contentDisposition(file.filename))
            .header("x-content-type-options", "nosniff")
            // The workspace shows files in an inline viewer (iframe) of its own origin.
            .header("content-security-policy", "frame-ancestors 'self'")
            .header("x-frame-options", "SAMEORIGIN")
            .header("cache-control", "private, no-store")
            .send(file.bytes)
        );
      },
    );
  });
}

import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { Result, Verification } from "../../domain/api/result.js";
import { AppError } from "../../kernel/errors.js";
import { inFlightLimit } from "../../kernel/in-flight.js";
import { ErrorResponse, errorResponses } from "../../kernel/schemas.js";
import type { BlobStore } from "../../lib/blob-store.js";
import type { ResultKey } from "../../lib/secrets.js";
import { getVisibleDossierPart, requestCtx } from "../dossiers/index.js";
import { findLatestApologySlip } from "./apology.js";
import { findOrIssueResult, verifyUrl } from "./results.js";
import { verifyFile, verifyNumber } from "./verify.js";

/** A public verification's file is a result PDF: a few hundred kilobytes; 5 MiB leaves room. */
export const VERIFY_BODY_LIMIT = 5 * 1024 * 1024;
/** Public verifications one IP may have in flight at once. */
const VERIFY_IN_FLIGHT_PER_IP = 2;

/** Electronic results: download for those who may see the dossier; verification for anyone. */
export async function resultRoutes(
  appBase: FastifyInstance,
  opts: { db: Db; store: BlobStore; publicUrl: string; publicRateLimit: number; resultKey: ResultKey },
) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const Id = z.object({ id: z.uuid() });
  const config = { rateLimit: { max: opts.publicRateLimit, timeWindow: "1 minute" } };

  /** The dossier's result, for those who may see the dossier; their read is in the applicant's access log. */
  const visibleResult = (req: FastifyRequest, id: string) =>
    getVisibleDossierPart(requestCtx(req, db), id, "result", (d) =>
      findOrIssueResult(db, { store: opts.store, publicUrl: opts.publicUrl, resultKey: opts.resultKey }, d),
    );

  app.get(
    "/api/dossiers/:id/result",
    {
      schema: {
        tags: ["results"],
        summary: "The dossier's electronic result: number, download and verification addresses",
        description:
          "404 NOT_FOUND while the dossier has no result (or it may not be seen); 409 RESULT_ON_PAPER when its result is a paper document (a dossier imported from an old system that issued it on paper), collected at the one-stop counter: there is no electronic result, and asking again changes nothing.",
        params: Id,
        response: {
          200: Result,
          ...errorResponses,
          409: ErrorResponse,
        },
      },
    },
    async (req) => {
      const { dossier: d, part: r } = await visibleResult(req, req.params.id);
      return {
        number: r.number,
        kind: r.kind,
        nameVi: r.nameVi,
        nameEn: r.nameEn,
        issuedAt: r.issuedAt,
        sha256: r.sha256,
        downloadUrl: `/api/dossiers/${d.id}/result.pdf`,
        verifyUrl: verifyUrl(opts.publicUrl, opts.resultKey, r.number),
      };
    },
  );

  app.get(
    "/api/dossiers/:id/result.pdf",
    {
      schema: {
        tags: ["results"],
        summary: "Download the signed result (PDF)",
        description:
          "404 NOT_FOUND without a result; 409 RESULT_ON_PAPER when the result is a paper document.",
        params: Id,
      },
    },
    async (req, reply) => {
      const { part: row } = await visibleResult(req, req.params.id);
      const bytes = await opts.store.get(row.sha256);
      if (!bytes) throw new AppError("NOT_FOUND");
      return reply
        .type("application/pdf")
        .header(
          "content-disposition",
          `attachment; filename="${row.number.replace(/[^A-Za-z0-9.-]/g, "_")}.pdf"`,
        )
        .header("cache-control", "private, no-store")
        .send(bytes);
    },
  );

  app.get(
    "/api/dossiers/:id/apology.pdf",
    {
      schema: {
        tags: ["results"],
        summary:
          "Download the dossier's latest apology slip (PDF, signed like a result; Circular 01/2018/TT-VPCP Mẫu số 05)",
        params: Id,
      },
    },
    async (req, reply) => {
      const { part: slip } = await getVisibleDossierPart(
        requestCtx(req, db),
        req.params.id,
        "apologySlip",
        (d) => findLatestApologySlip(db, d),
      );
      const bytes = await opts.store.get(slip.sha256);
      if (!bytes) throw new AppError("NOT_FOUND");
      return reply
        .type("application/pdf")
        .header(
          "content-disposition",
          `attachment; filename="${slip.number.replace(/[^A-Za-z0-9.-]/g, "_")}.pdf"`,
        )
        .header("cache-control", "private, no-store")
        .send(bytes);
    },
  );

  app.get(
    "/api/results/:number",
    {
      config,
      schema: {
        tags: ["results"],
        summary:
          "Public: is a result with this number genuine? (no sign-in). With the verification code `t` printed in its QR link: issuer, date, masked holder and fingerprint; without: genuine and document type only",
        params: z.object({ number: z.string().min(3).max(100) }),
        querystring: z.object({ t: z.string().min(1).max(64).optional() }),
        response: { 200: Verification, ...errorResponses },
      },
    },
    async (req) => verifyNumber(db, opts.resultKey, req.params.number, req.query.t),
  );

  // Public, so no identity to check before the body: instead the rate limit (onRequest), a
  // declared size above the limit refused before reading, and a cap on uploads in flight per IP.
  const inFlight = inFlightLimit(VERIFY_IN_FLIGHT_PER_IP);
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      "application/pdf",
      { parseAs: "buffer", bodyLimit: VERIFY_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      "/api/results/verify",
      {
        config,
        bodyLimit: VERIFY_BODY_LIMIT,
        onRequest: async (req, reply) => {
          if (!inFlight.enter(`ip:${req.ip}`, reply)) {
            reply.header("connection", "close");
            throw new AppError("TOO_MANY_UPLOADS");
          }
        },
        schema: {
          tags: ["results"],
          summary: "Public: check a downloaded result file (raw PDF body); one changed byte fails",
          consumes: ["application/pdf"],
          response: { 200: Verification, ...errorResponses },
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body)) {
          throw new AppError(req.body === undefined ? "BODY_REQUIRED" : "UNSUPPORTED_MEDIA_TYPE");
        }
        return verifyFile(db, opts.resultKey, req.body);
      },
    );
  });
}

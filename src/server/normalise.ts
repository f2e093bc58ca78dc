import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { cleanDeep } from "../domain/text.js";

/**
 * Typed text is cleaned once, at the edge, for every route: each string of the parsed body, the
 * query string and the path parameters (keys included) becomes Unicode NFC without invisible
 * characters (`cleanText`: zero-width, bidirectional controls, other control characters, lone
 * surrogates), before any schema or handler sees it. So a name typed in decomposed form (NFD,
 * some phone and Mac keyboards) is stored, searched and printed like any other, and lengths and
 * patterns judge what a person sees. Bodies a route keeps as its own bytes or text (a signed bank
 * callback, an upload stream) are not objects and are left as they are.
 */
export const normalisePlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook("preValidation", async (req) => {
      if (typeof req.body === "object" && req.body !== null && !Buffer.isBuffer(req.body)) {
        req.body = cleanDeep(req.body);
      }
      req.query = cleanDeep(req.query) as typeof req.query;
      req.params = cleanDeep(req.params) as typeof req.params;
    });
  },
  { name: "normalise-text" },
);

import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { findBadCharacters, invalidCharacters, urlIsClean } from "../kernel/characters.js";

/**
 * The edge check, first of all hooks: the request target before anything else runs (the
 * identity provider included), parsed bodies (JSON, forms, text) before validation.
 */
export const edgePlugin = fp(async (app: FastifyInstance) => {
  app.addHook("onRequest", async (req) => {
    if (!urlIsClean(req.url)) throw invalidCharacters(req.url.includes("?") ? "url.query" : "url.path");
  });
  app.addHook("preValidation", async (req) => {
    if (req.routeOptions.config?.checksOwnBody) return;
    const at = findBadCharacters(req.body, "body");
    if (at) throw invalidCharacters(at);
  });
});

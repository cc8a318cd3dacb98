import type { FastifyInstance, FastifyRequest } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { getSignOn, rotateClientSecret, saveCas, saveClient } from "./use-cases/clients.ts";

/** The platform's address as services see it (issuer and CAS URLs are built on it). */
export const platformBase = (req: FastifyRequest) => `${req.protocol}://${req.host}${req.basePath}`;

export function idpApiRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.getSignOn, ({ actor, params, req }) => getSignOn(k, actor, params.id, platformBase(req)));
  route(app, c.saveClient, ({ actor, params, body, req }) => saveClient(k, actor, params.id, body, platformBase(req)));
  route(app, c.rotateClientSecret, ({ actor, params, req }) => rotateClientSecret(k, actor, params.id, platformBase(req)));
  route(app, c.saveCas, ({ actor, params, body, req }) => saveCas(k, actor, params.id, body, platformBase(req)));
}

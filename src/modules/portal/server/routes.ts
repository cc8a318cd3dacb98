import type { FastifyInstance } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import { isUuid } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { createCatalogEntry, listCatalog, networkUsage, updateCatalogEntry } from "./use-cases/catalog.ts";
import { launchService, myPortal } from "./use-cases/my-portal.ts";
import { addNodeService, listNodeServices, setNodeService, updateNodeService } from "./use-cases/node-services.ts";
import { portalUsage } from "./use-cases/usage.ts";

export function portalRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.listCatalog, ({ actor }) => listCatalog(k, actor));
  route(app, c.createCatalogEntry, ({ actor, body }) => createCatalogEntry(k, actor, body));
  route(app, c.updateCatalogEntry, ({ actor, params, body }) => updateCatalogEntry(k, actor, params.id, body));
  route(app, c.networkUsage, ({ actor, query }) => networkUsage(k, actor, query.days));
  route(app, c.listNodeServices, ({ actor, params }) => listNodeServices(k, actor, params.orgId));
  route(app, c.addNodeService, ({ actor, params, body }) => addNodeService(k, actor, params.orgId, body));
  route(app, c.updateNodeService, ({ actor, params, body }) => updateNodeService(k, actor, params.id, body));
  route(app, c.setNodeService, ({ actor, params, body }) => setNodeService(k, actor, params.orgId, body));
  route(app, c.myPortal, ({ actor }) => myPortal(k, actor));
  route(app, c.portalUsage, ({ actor, query }) => portalUsage(k, actor, query.days));

  // a launch is a page navigation, not a JSON call: counted, then redirected to the service; signed
  // out, the person signs in and comes back here; a service no longer in their portal sends them there
  app.get<{ Params: { id: string } }>("/api/v1/portal/launch/:id", { schema: { hide: true } }, async (req, reply) => {
    const base = req.basePath;
    if (req.actor.kind !== "user") return reply.redirect(`${base}/sign-in?next=${encodeURIComponent(`/api/v1/portal/launch/${req.params.id}`)}`);
    const url = isUuid(req.params.id) ? await launchService(k, req.actor, req.params.id) : null;
    return reply.header("cache-control", "no-store").redirect(url ?? `${base}/portal?unavailable=1`);
  });
}

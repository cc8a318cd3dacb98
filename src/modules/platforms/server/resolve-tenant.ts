import type { FastifyInstance } from "fastify";
import type { Tenant } from "../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { tenantByHost, tenantBySlug } from "./repo.ts";

const TTL_MS = 30_000;

/**
 * Which platform a request addresses: its /p/<slug> prefix (set aside by rewriteUrl), else its
 * hostname. Answers are cached per node for 30 s and dropped on every node when platforms change.
 */
export function tenantResolution(app: FastifyInstance, k: Kernel) {
  const cache = new Map<string, { tenant: Tenant | null; at: number }>();
  k.bus.subscribe("platforms.changed", () => cache.clear());
  app.decorateRequest("tenant", null);
  app.decorateRequest("basePath", "");
  app.addHook("onRequest", async (req) => {
    const slug = (req.raw as { archipelSlug?: string }).archipelSlug;
    req.basePath = slug ? `/p/${slug}` : "";
    const key = slug ? `slug:${slug}` : `host:${req.hostname.replace(/:\d+$/, "").toLowerCase()}`;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) {
      req.tenant = hit.tenant;
      return;
    }
    const tenant = slug ? await tenantBySlug(k.db, slug) : await tenantByHost(k.db, key.slice(5));
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { tenant, at: Date.now() });
    req.tenant = tenant;
  });
}

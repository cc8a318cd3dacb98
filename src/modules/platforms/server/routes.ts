import type { FastifyInstance } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { ensureCsrf } from "../../accounts/server/index.ts";
import { brandingOf, getOrg } from "../../orgs/server/index.ts";
import * as c from "../shared/contract.ts";
import { countTenants } from "./repo.ts";
import { createPlatform } from "./use-cases/create-platform.ts";
import { listPlatforms } from "./use-cases/list-platforms.ts";
import { readOutbox } from "./use-cases/read-outbox.ts";
import { setupDeployment } from "./use-cases/setup-deployment.ts";
import { updatePlatform } from "./use-cases/update-platform.ts";

export function platformRoutes(app: FastifyInstance, k: Kernel, setupCode: () => string | null) {
  let setupDone = false;
  route(app, c.getPlatformInfo, async ({ req, reply, locale }) => {
    const csrfToken = ensureCsrf(req, reply);
    const t = req.tenant;
    if (!setupDone) setupDone = (await countTenants(k.db)) > 0;
    const root = t ? await getOrg(k.db, t.id, t.rootOrgId) : undefined;
    return {
      setupRequired: !setupDone,
      basePath: req.basePath,
      csrfToken,
      locale,
      platform: t && root ? { id: t.id, slug: t.slug, rootOrgId: t.rootOrgId, defaultLocale: t.defaultLocale, branding: await brandingOf(k.db, t.id, root.path) } : null,
    };
  });
  // guessing the setup code: 10 tries a minute per address (route config: an onRoute hook would come too late)
  route(
    app,
    c.setup,
    async ({ req, body }) => {
      const host = req.hostname.replace(/:\d+$/, "").toLowerCase();
      const hostnames = [...new Set([host, "localhost", "127.0.0.1"])].filter((h) => !h.includes("[") && !h.includes(":"));
      const { platformName, ...rest } = body;
      return setupDeployment(k, setupCode(), { ...rest, name: platformName }, hostnames);
    },
    { rateLimit: { max: 10, timeWindow: "1 minute" } },
  );
  route(app, c.listPlatforms, async ({ actor }) => listPlatforms(k, actor));
  route(app, c.createPlatform, async ({ actor, body }) => createPlatform(k, actor, body));
  route(app, c.updatePlatform, async ({ actor, params, body }) => updatePlatform(k, actor, params.id, body));
  route(app, c.listOutbox, async ({ actor, query }) => readOutbox(k, actor, query.page, query.to));
}

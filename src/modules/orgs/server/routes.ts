import type { FastifyInstance } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { brandingOf } from "./branding.ts";
import { visibleOrg } from "./visible.ts";
import { createOrg } from "./use-cases/create-org.ts";
import { getOrg } from "./use-cases/get-org.ts";
import { listOrgs } from "./use-cases/list-orgs.ts";
import { moveOrg } from "./use-cases/move-org.ts";
import { updateOrg } from "./use-cases/update-org.ts";

export function orgRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.listOrgs, async ({ actor, query }) => ({ items: await listOrgs(k.db, actor, query.archived === "true") }));
  route(app, c.getOrg, async ({ actor, params }) => getOrg(k.db, actor, params.id));
  route(app, c.createOrg, async ({ actor, body }) => createOrg(k.db, actor, body));
  route(app, c.updateOrg, async ({ actor, params, body }) => updateOrg(k, actor, params.id, body));
  route(app, c.moveOrg, async ({ actor, params, body }) => moveOrg(k, actor, params.id, body.parentId));
  route(app, c.getBranding, async ({ actor, params }) => {
    const org = await visibleOrg(k.db, actor, params.id);
    return brandingOf(k.db, actor.tenant.id, org.path);
  });
}

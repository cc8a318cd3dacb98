import type { FastifyInstance } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { clearBounce, markBounced } from "./use-cases/bounces.ts";
import { createMailing } from "./use-cases/create-mailing.ts";
import { listAudiences } from "./use-cases/list-audiences.ts";
import { getMailing, listMailings } from "./use-cases/mailing-report.ts";
import { previewAudience } from "./use-cases/preview-audience.ts";

export function mailingRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.listAudiences, ({ actor }) => listAudiences(k, actor));
  route(app, c.previewAudience, ({ actor, body }) => previewAudience(k, actor, body.audience));
  route(app, c.createMailing, ({ actor, body }) => createMailing(k, actor, body), { rateLimit: { max: 10, timeWindow: "1 minute" } });
  route(app, c.listMailings, ({ actor }) => listMailings(k, actor));
  route(app, c.getMailing, ({ actor, params }) => getMailing(k, actor, params.id));
  route(app, c.markBounced, ({ actor, body }) => markBounced(k, actor, body.address, body.reason));
  route(app, c.clearBounce, ({ actor, params }) => clearBounce(k, actor, params.address));
}

import type { FastifyInstance } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { countUnread, listNotifications } from "./use-cases/list-notifications.ts";
import { markAllRead, markRead } from "./use-cases/mark-read.ts";
import { oneClickUnsubscribe } from "./use-cases/one-click-unsubscribe.ts";
import { getPreferences, updatePreferences } from "./use-cases/preferences.ts";
import { getSubscription, listSubscriptions, subscribe, unsubscribe } from "./use-cases/subscriptions.ts";

export function notificationRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.listNotifications, ({ actor, query }) => listNotifications(k, actor, query));
  route(app, c.unreadCount, async ({ actor }) => ({ unread: await countUnread(k, actor.tenant.id, actor.userId) }));
  route(app, c.markAllRead, ({ actor }) => markAllRead(k, actor));
  route(app, c.markRead, ({ actor, params }) => markRead(k, actor, params.id));
  route(app, c.getPreferences, ({ actor }) => getPreferences(k, actor));
  route(app, c.updatePreferences, ({ actor, body }) => updatePreferences(k, actor, body));
  route(app, c.listSubscriptions, ({ actor }) => listSubscriptions(k, actor));
  route(app, c.getSubscription, ({ actor, params }) => getSubscription(k, actor, params.targetType, params.targetId));
  route(app, c.subscribe, ({ actor, params }) => subscribe(k, actor, params.targetType, params.targetId));
  route(app, c.unsubscribe, ({ actor, params }) => unsubscribe(k, actor, params.targetType, params.targetId));
  route(app, c.oneClickUnsubscribe, ({ actor, params }) => oneClickUnsubscribe(k, actor, params.token));

  // RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` (form-encoded) without
  // cookies, so outside /api (no CSRF check); the token's signature is the authorisation
  app.register(async (scope) => {
    scope.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => done(null, body));
    scope.post("/unsubscribe/:token", { schema: { hide: true } }, async (req) => {
      const token = String((req.params as { token?: string }).token ?? "");
      return oneClickUnsubscribe(k, req.actor, token);
    });
  });
}

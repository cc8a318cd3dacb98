import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";

/**
 * The notification centre, delivery preferences, subscriptions to forums and threads, and the
 * signed-out one-click unsubscribe. Live delivery: a WebSocket at /api/v1/notifications/live
 * (session cookie) sends `{type: "notification" | "message", ...}`; pages refetch what it names.
 */
export const DELIVERIES = ["immediate", "daily", "weekly", "none"] as const;
export const SUBSCRIPTION_TARGETS = ["forum", "thread"] as const;
export const LIVE_PATH = "/api/v1/notifications/live";

export const Notification = z.object({
  id: z.uuid(),
  kind: z.string(),
  params: z.record(z.string(), z.unknown()),
  url: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof Notification>;

export const Preferences = z.object({
  delivery: z.enum(DELIVERIES),
  byEmail: z.boolean(),
  inApp: z.boolean(),
  mailingOptOut: z.boolean(),
});
export type Preferences = z.infer<typeof Preferences>;

export const listNotifications = defineContract({
  method: "GET",
  path: "/api/v1/notifications",
  summary: "My notifications, newest first, paged by `before` (an id), with the unread count",
  tags: ["notifications"],
  query: z.object({ before: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(100).default(20), unread: z.enum(["true", "false"]).optional() }),
  response: z.object({ items: z.array(Notification), unread: z.number().int(), nextBefore: z.uuid().nullable() }),
});

export const unreadCount = defineContract({
  method: "GET",
  path: "/api/v1/notifications/unread",
  summary: "How many of my notifications are unread (the bell's counter)",
  tags: ["notifications"],
  response: z.object({ unread: z.number().int() }),
});

export const markRead = defineContract({
  method: "POST",
  path: "/api/v1/notifications/:id/read",
  summary: "Mark one of my notifications read",
  tags: ["notifications"],
  params: z.object({ id: z.uuid() }),
  response: z.object({ unread: z.number().int() }),
});

export const markAllRead = defineContract({
  method: "POST",
  path: "/api/v1/notifications/read-all",
  summary: "Mark all my notifications read",
  tags: ["notifications"],
  response: z.object({ unread: z.number().int() }),
});

export const getPreferences = defineContract({
  method: "GET",
  path: "/api/v1/notifications/preferences",
  summary: "My delivery preferences for forum activity (immediate, daily or weekly digest, none; by mail and/or in the app) and announcements",
  tags: ["notifications"],
  response: Preferences,
});

export const updatePreferences = defineContract({
  method: "PUT",
  path: "/api/v1/notifications/preferences",
  summary: "Change my delivery preferences",
  tags: ["notifications"],
  body: Preferences.partial(),
  response: Preferences,
});

export const Subscription = z.object({ targetType: z.enum(SUBSCRIPTION_TARGETS), targetId: z.uuid(), createdAt: z.string() });

export const listSubscriptions = defineContract({
  method: "GET",
  path: "/api/v1/subscriptions",
  summary: "Forums and threads I follow",
  tags: ["notifications"],
  response: z.object({ items: z.array(Subscription) }),
});

const targetParams = z.object({ targetType: z.enum(SUBSCRIPTION_TARGETS), targetId: z.uuid() });

export const getSubscription = defineContract({
  method: "GET",
  path: "/api/v1/subscriptions/:targetType/:targetId",
  summary: "Whether I follow a forum or thread",
  tags: ["notifications"],
  params: targetParams,
  response: z.object({ subscribed: z.boolean() }),
});

export const subscribe = defineContract({
  method: "PUT",
  path: "/api/v1/subscriptions/:targetType/:targetId",
  summary: "Follow a forum or thread I can see (idempotent)",
  tags: ["notifications"],
  params: targetParams,
  response: z.object({ subscribed: z.boolean() }),
});

export const unsubscribe = defineContract({
  method: "DELETE",
  path: "/api/v1/subscriptions/:targetType/:targetId",
  summary: "Stop following a forum or thread (idempotent)",
  tags: ["notifications"],
  params: targetParams,
  response: z.object({ subscribed: z.boolean() }),
});

export const oneClickUnsubscribe = defineContract({
  method: "POST",
  path: "/api/v1/unsubscribe/:token",
  summary: "Stop mails from an unsubscribe link (signed token, works signed out). Mail clients POST to /unsubscribe/:token (RFC 8058) instead",
  tags: ["notifications"],
  auth: false,
  params: z.object({ token: z.string().max(200) }),
  response: z.object({ scope: z.enum(["notifications", "mailing"]) }),
});

import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

export { NotificationBell } from "./live.tsx";

/** The notification centre and preferences (signed in). */
export const notificationRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/notifications", component: lazyRouteComponent(() => import("./centre.tsx"), "NotificationsPage") }),
  createRoute({
    getParentRoute: () => parent,
    path: "/notifications/preferences",
    component: lazyRouteComponent(() => import("./preferences.tsx"), "PreferencesPage"),
  }),
];

/** The unsubscribe page of mails' links (signed out too). */
export const publicNotificationRoutes = (parent: AnyRoute) => [
  createRoute({
    getParentRoute: () => parent,
    path: "/unsubscribe/$token",
    component: lazyRouteComponent(() => import("./unsubscribe.tsx"), "UnsubscribePage"),
  }),
];

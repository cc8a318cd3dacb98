import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

export const setupRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/setup", component: lazyRouteComponent(() => import("./setup.tsx"), "SetupPage") }),
];

export const operatorRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/operator/platforms", component: lazyRouteComponent(() => import("./platforms.tsx"), "PlatformsPage") }),
  createRoute({ getParentRoute: () => parent, path: "/operator/outbox", component: lazyRouteComponent(() => import("./outbox.tsx"), "OutboxPage") }),
];

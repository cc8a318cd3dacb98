import { type AnyRoute, createRoute } from "@tanstack/react-router";
import { OutboxPage } from "./outbox.tsx";
import { PlatformsPage } from "./platforms.tsx";
import { SetupPage } from "./setup.tsx";

export const setupRoutes = (parent: AnyRoute) => [createRoute({ getParentRoute: () => parent, path: "/setup", component: SetupPage })];

export const operatorRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/operator/platforms", component: PlatformsPage }),
  createRoute({ getParentRoute: () => parent, path: "/operator/outbox", component: OutboxPage }),
];

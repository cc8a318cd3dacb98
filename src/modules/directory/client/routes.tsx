import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

export const importRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/admin/import", component: lazyRouteComponent(() => import("./import.tsx"), "ImportPage") }),
];

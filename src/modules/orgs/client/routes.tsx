import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

export const orgRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/admin/orgs", component: lazyRouteComponent(() => import("./org-tree.tsx"), "OrgTreePage") }),
];

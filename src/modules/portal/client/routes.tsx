import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** Services portal: a person's services, the services an admin offers at a node, the operator's network catalogue. */
export const portalRoutes = (parent: AnyRoute) => [
  createRoute({
    getParentRoute: () => parent,
    path: "/portal",
    validateSearch: (s: Record<string, unknown>) => ({ unavailable: s.unavailable ? String(s.unavailable) : undefined }),
    component: lazyRouteComponent(() => import("./portal.tsx"), "PortalPage"),
  }),
  createRoute({ getParentRoute: () => parent, path: "/admin/services", component: lazyRouteComponent(() => import("./services.tsx"), "ServicesAdminPage") }),
  createRoute({ getParentRoute: () => parent, path: "/operator/catalog", component: lazyRouteComponent(() => import("./catalog.tsx"), "CatalogPage") }),
];

import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** How a portal service signs people in with Archipel (its OpenID Connect client, the CAS addresses). */
export const idpRoutes = (parent: AnyRoute) => [
  createRoute({
    getParentRoute: () => parent,
    path: "/admin/services/$id/sign-on",
    component: lazyRouteComponent(() => import("./sign-on.tsx"), "SignOnPage"),
  }),
];

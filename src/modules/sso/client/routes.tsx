import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** The platform admins' page of external identity providers. */
export const ssoRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/admin/sso", component: lazyRouteComponent(() => import("./providers.tsx"), "SsoProvidersPage") }),
];

/** Where a failed single sign-on lands, signed in or not. */
export const publicSsoRoutes = (parent: AnyRoute) => [
  createRoute({
    getParentRoute: () => parent,
    path: "/sign-in/error",
    validateSearch: (s: Record<string, unknown>) => ({ code: typeof s.code === "string" ? s.code : "" }),
    component: lazyRouteComponent(() => import("./error.tsx"), "SsoErrorPage"),
  }),
];

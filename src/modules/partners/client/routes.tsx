import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** Host admins: partners list and one partnership; a partner's people: their partnership. */
export const partnerRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/admin/partners", component: lazyRouteComponent(() => import("./host.tsx"), "PartnersPage") }),
  createRoute({ getParentRoute: () => parent, path: "/admin/partners/$id", component: lazyRouteComponent(() => import("./host.tsx"), "PartnerPage") }),
  createRoute({ getParentRoute: () => parent, path: "/partner", component: lazyRouteComponent(() => import("./mine.tsx"), "MyPartnerPage") }),
];

/** The page a partner contact's invitation link opens. */
export const publicPartnerRoutes = (parent: AnyRoute) => [
  createRoute({
    getParentRoute: () => parent,
    path: "/partner/invitation",
    validateSearch: (s: Record<string, unknown>) => ({ token: typeof s.token === "string" ? s.token : "" }),
    component: lazyRouteComponent(() => import("./invitation.tsx"), "PartnerInvitationPage"),
  }),
];

import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** Sessions of a course: list (with registration), one session (managers' view), attendance taking. */
export const sessionRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/courses/$id/sessions", component: lazyRouteComponent(() => import("./sessions.tsx"), "SessionsPage") }),
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/sessions/$sessionId",
    component: lazyRouteComponent(() => import("./session.tsx"), "SessionPage"),
  }),
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/sessions/$sessionId/attendance",
    component: lazyRouteComponent(() => import("./attendance.tsx"), "AttendancePage"),
  }),
];

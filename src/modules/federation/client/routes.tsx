import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

export const federationRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/admin/federation", component: lazyRouteComponent(() => import("./admin.tsx"), "FederationAdminPage") }),
  createRoute({
    getParentRoute: () => parent,
    path: "/partner-courses",
    component: lazyRouteComponent(() => import("./partner-courses.tsx"), "PartnerCoursesPage"),
  }),
  createRoute({
    getParentRoute: () => parent,
    path: "/partner-courses/$agreementId/$courseId",
    component: lazyRouteComponent(() => import("./partner-course.tsx"), "PartnerCoursePage"),
  }),
  createRoute({
    getParentRoute: () => parent,
    path: "/partner-courses/$agreementId/$courseId/assignments/$itemId",
    component: lazyRouteComponent(() => import("./coteach.tsx"), "PartnerMarkingPage"),
  }),
];

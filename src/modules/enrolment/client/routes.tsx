import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

export const enrolmentRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/courses/$id/enrolment", component: lazyRouteComponent(() => import("./manage.tsx"), "EnrolmentPage") }),
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/progress",
    component: lazyRouteComponent(() => import("./progress.tsx"), "ProgressTablePage"),
  }),
  createRoute({ getParentRoute: () => parent, path: "/programmes", component: lazyRouteComponent(() => import("./programmes.tsx"), "ProgrammesPage") }),
  createRoute({ getParentRoute: () => parent, path: "/programmes/$id", component: lazyRouteComponent(() => import("./programmes.tsx"), "ProgrammePage") }),
];

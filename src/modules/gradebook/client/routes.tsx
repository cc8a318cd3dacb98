import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** Gradebook: the teachers' grid, per-learner and per-item pages, set-up; a learner's own grades. */
export const gradebookRoutes = (parent: AnyRoute) => [
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/gradebook",
    component: lazyRouteComponent(() => import("./gradebook.tsx"), "GradebookPage"),
  }),
  createRoute({ getParentRoute: () => parent, path: "/courses/$id/gradebook/setup", component: lazyRouteComponent(() => import("./setup.tsx"), "SetupPage") }),
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/gradebook/learners/$userId",
    component: lazyRouteComponent(() => import("./learner.tsx"), "LearnerGradesPage"),
  }),
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/gradebook/items/$itemId",
    component: lazyRouteComponent(() => import("./item.tsx"), "ItemGradesPage"),
  }),
  createRoute({ getParentRoute: () => parent, path: "/courses/$id/grades", component: lazyRouteComponent(() => import("./my-grades.tsx"), "MyGradesPage") }),
];

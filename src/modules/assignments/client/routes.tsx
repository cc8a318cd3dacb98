import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** An assignment: the learner's page (and teachers' overview), its settings, its marking. */
export const assignmentRoutes = (parent: AnyRoute) => [
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/assignments/$itemId",
    component: lazyRouteComponent(() => import("./assignment.tsx"), "AssignmentPage"),
  }),
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/assignments/$itemId/edit",
    component: lazyRouteComponent(() => import("./edit.tsx"), "AssignmentEditPage"),
  }),
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/assignments/$itemId/marking",
    component: lazyRouteComponent(() => import("./marking.tsx"), "MarkingPage"),
  }),
];

import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** Groups of a course: teachers manage them, learners see theirs and choose one where allowed. */
export const groupRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/courses/$id/groups", component: lazyRouteComponent(() => import("./groups.tsx"), "GroupsPage") }),
];

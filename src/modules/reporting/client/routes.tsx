import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** Funder reporting for a course: the table, its CSV and the learners' attestations. */
export const reportingRoutes = (parent: AnyRoute) => [
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/funder-report",
    component: lazyRouteComponent(() => import("./report.tsx"), "FunderReportPage"),
  }),
];

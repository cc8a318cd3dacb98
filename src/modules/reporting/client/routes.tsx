import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** Funder reporting: a course's and a programme's table, CSV and attestations; the funders overview. */
export const reportingRoutes = (parent: AnyRoute) => [
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/funder-report",
    component: lazyRouteComponent(() => import("./report.tsx"), "FunderReportPage"),
  }),
  createRoute({
    getParentRoute: () => parent,
    path: "/programmes/$id/funder-report",
    component: lazyRouteComponent(() => import("./programme-report.tsx"), "ProgrammeReportPage"),
  }),
  createRoute({
    getParentRoute: () => parent,
    path: "/funder-reports",
    component: lazyRouteComponent(() => import("./funders.tsx"), "FundersOverviewPage"),
  }),
];

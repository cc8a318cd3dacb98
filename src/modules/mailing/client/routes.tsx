import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** Announcements and their delivery reports. */
export const mailingRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/mailings", component: lazyRouteComponent(() => import("./mailings.tsx"), "MailingsPage") }),
  createRoute({ getParentRoute: () => parent, path: "/mailings/$id", component: lazyRouteComponent(() => import("./report.tsx"), "MailingReportPage") }),
];

import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** The shared library: browse, one entry, the platform's imported courses, a linked copy's updates, and publishing a course. */
export const libraryRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/library", component: lazyRouteComponent(() => import("./browse.tsx"), "LibraryPage") }),
  createRoute({ getParentRoute: () => parent, path: "/library/entries/$entryId", component: lazyRouteComponent(() => import("./entry.tsx"), "EntryPage") }),
  createRoute({ getParentRoute: () => parent, path: "/library/imports", component: lazyRouteComponent(() => import("./imports.tsx"), "ImportsPage") }),
  createRoute({ getParentRoute: () => parent, path: "/library/imports/$id", component: lazyRouteComponent(() => import("./link.tsx"), "LinkPage") }),
  createRoute({ getParentRoute: () => parent, path: "/courses/$id/library", component: lazyRouteComponent(() => import("./publish.tsx"), "PublishPage") }),
];

import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** QTI import and export of a course's question bank. */
export const qtiRoutes = (parent: AnyRoute) => [
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/questions/qti",
    component: lazyRouteComponent(() => import("./qti.tsx"), "QtiPage"),
    validateSearch: (s: Record<string, unknown>) => ({ category: str(s.category) }),
  }),
];

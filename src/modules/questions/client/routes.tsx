import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** Question bank of a course: list and filters, the question editor, GIFT / Moodle XML import. */
export const questionRoutes = (parent: AnyRoute) => [
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/questions",
    component: lazyRouteComponent(() => import("./bank.tsx"), "BankPage"),
    validateSearch: (s: Record<string, unknown>) => ({ category: str(s.category) }),
  }),
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/questions/new",
    component: lazyRouteComponent(() => import("./editor.tsx"), "NewQuestionPage"),
    validateSearch: (s: Record<string, unknown>) => ({ category: str(s.category), type: str(s.type), n: str(s.n) }),
  }),
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/questions/import",
    component: lazyRouteComponent(() => import("./import.tsx"), "ImportPage"),
    validateSearch: (s: Record<string, unknown>) => ({ category: str(s.category) }),
  }),
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/questions/$questionId",
    component: lazyRouteComponent(() => import("./editor.tsx"), "EditQuestionPage"),
  }),
];

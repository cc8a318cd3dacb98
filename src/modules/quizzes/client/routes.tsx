import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** Quizzes: a learner's quiz page and attempt, the teacher's editor and results with grading. */
export const quizRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/courses/$id/quizzes/$itemId", component: lazyRouteComponent(() => import("./quiz.tsx"), "QuizPage") }),
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/quizzes/$itemId/edit",
    component: lazyRouteComponent(() => import("./editor.tsx"), "QuizEditorPage"),
  }),
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/quizzes/$itemId/results",
    component: lazyRouteComponent(() => import("./results.tsx"), "QuizResultsPage"),
  }),
  createRoute({
    getParentRoute: () => parent,
    path: "/courses/$id/quizzes/$itemId/attempts/$attemptId",
    component: lazyRouteComponent(() => import("./attempt.tsx"), "AttemptPage"),
  }),
];

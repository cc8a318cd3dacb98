import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { COURSE_FORMATS, COURSE_LANGUAGES } from "../shared/contract.ts";

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

export type CatalogueSearch = { q?: string; orgId?: string; language?: string; format?: string; tags?: string; page?: number };

export function validateCatalogueSearch(s: Record<string, unknown>): CatalogueSearch {
  return {
    q: str(s.q),
    orgId: str(s.orgId),
    language: COURSE_LANGUAGES.includes(s.language as "fr") ? (s.language as string) : undefined,
    format: COURSE_FORMATS.includes(s.format as "online") ? (s.format as string) : undefined,
    tags: str(s.tags),
    page: Number(s.page) > 1 ? Number(s.page) : undefined,
  };
}

export const courseRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/courses", component: lazyRouteComponent(() => import("./my-courses.tsx"), "MyCoursesPage") }),
  createRoute({
    getParentRoute: () => parent,
    path: "/catalogue",
    component: lazyRouteComponent(() => import("./catalogue.tsx"), "CataloguePage"),
    validateSearch: validateCatalogueSearch,
  }),
  createRoute({ getParentRoute: () => parent, path: "/courses/$id", component: lazyRouteComponent(() => import("./course.tsx"), "CoursePage") }),
  createRoute({ getParentRoute: () => parent, path: "/courses/$id/about", component: lazyRouteComponent(() => import("./about.tsx"), "CourseAboutPage") }),
  createRoute({ getParentRoute: () => parent, path: "/courses/$id/edit", component: lazyRouteComponent(() => import("./editor.tsx"), "CourseEditorPage") }),
  createRoute({ getParentRoute: () => parent, path: "/courses/$id/items/$itemId", component: lazyRouteComponent(() => import("./item.tsx"), "ItemPage") }),
  createRoute({ getParentRoute: () => parent, path: "/courses/$id/items/$itemId/edit", component: lazyRouteComponent(() => import("./item-editor.tsx"), "ItemEditorPage") }),
];

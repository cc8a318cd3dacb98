import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** School workspace: classes, one class, subjects, CSV imports, a parent's children. */
export const schoolRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/school/classes", component: lazyRouteComponent(() => import("./classes.tsx"), "ClassesPage") }),
  createRoute({ getParentRoute: () => parent, path: "/school/classes/$id", component: lazyRouteComponent(() => import("./class.tsx"), "ClassPage") }),
  createRoute({ getParentRoute: () => parent, path: "/school/subjects", component: lazyRouteComponent(() => import("./subjects.tsx"), "SubjectsPage") }),
  createRoute({ getParentRoute: () => parent, path: "/school/import", component: lazyRouteComponent(() => import("./import.tsx"), "SchoolImportPage") }),
  createRoute({
    getParentRoute: () => parent,
    path: "/school/diary",
    validateSearch: (s: Record<string, unknown>) => ({
      classId: typeof s.classId === "string" ? s.classId : undefined,
      start: typeof s.start === "string" ? s.start : undefined,
    }),
    component: lazyRouteComponent(() => import("./diary.tsx"), "DiaryPage"),
  }),
  createRoute({ getParentRoute: () => parent, path: "/school/children", component: lazyRouteComponent(() => import("./children.tsx"), "ChildrenPage") }),
];

/** The page a parent's invitation link opens, signed in or not. */
export const publicSchoolRoutes = (parent: AnyRoute) => [
  createRoute({
    getParentRoute: () => parent,
    path: "/school/invitation",
    validateSearch: (s: Record<string, unknown>) => ({ token: typeof s.token === "string" ? s.token : "" }),
    component: lazyRouteComponent(() => import("./invitation.tsx"), "InvitationPage"),
  }),
];

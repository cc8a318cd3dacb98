import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** Forums: a course's forums, a forum, a thread; moderators' review queue and log; platform moderation. */
export const forumRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/courses/$id/forums", component: lazyRouteComponent(() => import("./forums.tsx"), "CourseForumsPage") }),
  createRoute({ getParentRoute: () => parent, path: "/forums/$forumId", component: lazyRouteComponent(() => import("./forum.tsx"), "ForumPage") }),
  createRoute({ getParentRoute: () => parent, path: "/forums/$forumId/review", component: lazyRouteComponent(() => import("./moderation.tsx"), "ForumReviewPage") }),
  createRoute({ getParentRoute: () => parent, path: "/forums/$forumId/log", component: lazyRouteComponent(() => import("./moderation.tsx"), "ForumLogPage") }),
  createRoute({ getParentRoute: () => parent, path: "/threads/$threadId", component: lazyRouteComponent(() => import("./thread.tsx"), "ThreadPage") }),
  createRoute({ getParentRoute: () => parent, path: "/moderation", component: lazyRouteComponent(() => import("./moderation.tsx"), "PlatformModerationPage") }),
];

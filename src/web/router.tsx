import type { QueryClient } from "@tanstack/react-query";
import { createRootRouteWithContext, createRoute, createRouter, redirect } from "@tanstack/react-router";
import { accountRoutes, publicAccountRoutes } from "../modules/accounts/client/routes.tsx";
import { courseRoutes } from "../modules/courses/client/routes.tsx";
import { importRoutes } from "../modules/directory/client/routes.tsx";
import { enrolmentRoutes } from "../modules/enrolment/client/routes.tsx";
import { orgRoutes } from "../modules/orgs/client/routes.tsx";
import { operatorRoutes, setupRoutes } from "../modules/platforms/client/routes.tsx";
import { quizRoutes } from "../modules/quizzes/client/routes.tsx";
import { sessionRoutes } from "../modules/sessions/client/routes.tsx";
import { questionRoutes } from "../modules/questions/client/routes.tsx";
import { qtiRoutes } from "../modules/qti/client/routes.tsx";
import { groupRoutes } from "../modules/groups/client/routes.tsx";
import { assignmentRoutes } from "../modules/assignments/client/routes.tsx";
import { gradebookRoutes } from "../modules/gradebook/client/routes.tsx";
import { richTextRoutes } from "../modules/richtext/client/routes.tsx";
import { forumRoutes } from "../modules/forums/client/routes.tsx";
import { notificationRoutes, publicNotificationRoutes } from "../modules/notifications/client/routes.tsx";
import { messageRoutes } from "../modules/messages/client/routes.tsx";
import { mailingRoutes } from "../modules/mailing/client/routes.tsx";
import { publicSchoolRoutes, schoolRoutes } from "../modules/school/client/routes.tsx";
import { publicSsoRoutes, ssoRoutes } from "../modules/sso/client/routes.tsx";
import { federationRoutes } from "../modules/federation/client/routes.tsx";
import { attendanceRoutes } from "../modules/attendance/client/routes.tsx";
import { portalRoutes } from "../modules/portal/client/routes.tsx";
import { idpRoutes } from "../modules/idp/client/routes.tsx";
import { partnerRoutes, publicPartnerRoutes } from "../modules/partners/client/routes.tsx";
import { recordPageView } from "../modules/activity/shared/contract.ts";
import { libraryRoutes } from "../modules/library/client/routes.tsx";
import { reportingRoutes } from "../modules/reporting/client/routes.tsx";
import { adminHubRoutes } from "./admin-hub.tsx";
import { api, BASE } from "./api.ts";
import { NotFound, RouteError } from "./not-found.tsx";
import { meQuery, platformQuery } from "./session.ts";
import { PublicLayout, Root, Shell } from "./shell.tsx";

export type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Root,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
  beforeLoad: async ({ context, location }) => {
    const p = await context.queryClient.ensureQueryData(platformQuery);
    if (p.setupRequired && location.pathname !== "/setup") throw redirect({ to: "/setup" });
    if (!p.setupRequired && location.pathname === "/setup") throw redirect({ to: "/sign-in" });
  },
});

/** Pages anyone can open: setup, sign-in, password reset. */
const publicLayout = createRoute({ getParentRoute: () => rootRoute, id: "public", component: PublicLayout });

/** Pages behind sign-in. */
const appLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  component: Shell,
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: "/sign-in", search: location.pathname === "/" ? {} : { next: location.href } });
  },
});

const routeTree = rootRoute.addChildren([
  publicLayout.addChildren([...setupRoutes(publicLayout), ...publicAccountRoutes(publicLayout), ...publicNotificationRoutes(publicLayout), ...publicSchoolRoutes(publicLayout), ...publicSsoRoutes(publicLayout), ...publicPartnerRoutes(publicLayout)]),
  appLayout.addChildren([...accountRoutes(appLayout), ...orgRoutes(appLayout), ...importRoutes(appLayout), ...operatorRoutes(appLayout), ...courseRoutes(appLayout), ...richTextRoutes(appLayout), ...sessionRoutes(appLayout), ...quizRoutes(appLayout), ...qtiRoutes(appLayout), ...questionRoutes(appLayout), ...groupRoutes(appLayout), ...assignmentRoutes(appLayout), ...enrolmentRoutes(appLayout), ...gradebookRoutes(appLayout), ...forumRoutes(appLayout), ...notificationRoutes(appLayout), ...messageRoutes(appLayout), ...mailingRoutes(appLayout), ...schoolRoutes(appLayout), ...ssoRoutes(appLayout), ...federationRoutes(appLayout), ...attendanceRoutes(appLayout), ...portalRoutes(appLayout), ...idpRoutes(appLayout), ...libraryRoutes(appLayout), ...reportingRoutes(appLayout), ...partnerRoutes(appLayout), ...adminHubRoutes(appLayout)]),
]);

export function makeRouter(queryClient: QueryClient) {
  const router = createRouter({ routeTree, basepath: BASE || "/", context: { queryClient }, defaultPreload: false, scrollRestoration: true });
  let first = true;
  router.subscribe("onResolved", ({ pathChanged }) => {
    if (!pathChanged && !first) return;
    const path = window.location.pathname.slice(BASE.length) || "/";
    api(recordPageView, { body: { path: path.slice(0, 500) } }).catch(() => undefined);
    const wasFirst = first;
    first = false;
    // after a navigation, focus moves to the new page's title (screen readers announce it)
    requestAnimationFrame(() => {
      const h1 = document.querySelector<HTMLElement>("main h1");
      const site = document.querySelector(".brand-name")?.textContent;
      if (h1) document.title = site && site !== h1.textContent ? `${h1.textContent} · ${site}` : (h1.textContent ?? "");
      if (!wasFirst) h1?.focus();
    });
  });
  return router;
}

import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

/** Private messages: inbox, a new message, one conversation; the communication rules (admins). */
export const messageRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/messages", component: lazyRouteComponent(() => import("./inbox.tsx"), "InboxPage") }),
  createRoute({ getParentRoute: () => parent, path: "/messages/rules", component: lazyRouteComponent(() => import("./rules.tsx"), "RulesPage") }),
  createRoute({ getParentRoute: () => parent, path: "/messages/new", component: lazyRouteComponent(() => import("./new-message.tsx"), "NewMessagePage") }),
  createRoute({ getParentRoute: () => parent, path: "/messages/$id", component: lazyRouteComponent(() => import("./conversation.tsx"), "ConversationPage") }),
];

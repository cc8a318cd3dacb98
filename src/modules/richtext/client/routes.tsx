import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";

export const richTextRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/rich-text", component: lazyRouteComponent(() => import("./try-editor.tsx"), "TryEditorPage") }),
];

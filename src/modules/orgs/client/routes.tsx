import { type AnyRoute, createRoute } from "@tanstack/react-router";
import { OrgTreePage } from "./org-tree.tsx";

export const orgRoutes = (parent: AnyRoute) => [createRoute({ getParentRoute: () => parent, path: "/admin/orgs", component: OrgTreePage })];

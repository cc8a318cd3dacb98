import { type AnyRoute, createRoute } from "@tanstack/react-router";
import { ImportPage } from "./import.tsx";

export const importRoutes = (parent: AnyRoute) => [createRoute({ getParentRoute: () => parent, path: "/admin/import", component: ImportPage })];

import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261122-02-orgs.ts";
import { orgRoutes } from "./routes.ts";

export { brandingFrom, brandingOf } from "./branding.ts";
export { findByCode, getOrg, getOrgs, insertOrg, type OrgRow, pathIds } from "./repo.ts";
export { createOrg } from "./use-cases/create-org.ts";
export { visibleOrg } from "./visible.ts";

export const orgsModule: Module = {
  name: "orgs",
  migrations: { "20261122-02-orgs": m1 },
  register: (app, k) => orgRoutes(app, k),
};

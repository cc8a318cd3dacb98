import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261125-20-portal.ts";
import { portalRoutes } from "./routes.ts";

export { loadPortalDemo } from "./demo.ts";
export { getServiceRow, type ServiceRow, servicesBySignOn } from "./repo.ts";
export { serviceVisibleTo } from "./use-cases/my-portal.ts";

/**
 * Services portal: the network catalogue, what each platform and organisation node offers to
 * which profiles, the portal page and counted launches. Sign-on to the services is the idp module's.
 */
export const portalModule: Module = {
  name: "portal",
  migrations: { "20261125-20-portal": m1 },
  register: (app, k) => portalRoutes(app, k),
};

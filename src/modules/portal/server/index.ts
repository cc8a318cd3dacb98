import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261125-20-portal.ts";
import { purgeLaunchers } from "./repo.ts";
import { portalRoutes } from "./routes.ts";

/** Usage periods reach 366 days back; a little more is kept, then purged every 6 hours. */
export const LAUNCHERS_KEPT_DAYS = 400;
const PURGE_EVERY_MS = 6 * 3600_000;

export { loadPortalDemo } from "./demo.ts";
export { getServiceRow, purgeLaunchers, type ServiceRow, servicesBySignOn } from "./repo.ts";
export { serviceVisibleTo } from "./use-cases/my-portal.ts";

/**
 * Services portal: the network catalogue, what each platform and organisation node offers to
 * which profiles, the portal page and counted launches. Sign-on to the services is the idp module's.
 */
export const portalModule: Module = {
  name: "portal",
  migrations: { "20261125-20-portal": m1 },
  register(app, k) {
    portalRoutes(app, k);
    const timer = setInterval(() => void purgeLaunchers(k.db, LAUNCHERS_KEPT_DAYS).catch((e) => app.log.error({ err: e }, "portal: purging old launchers failed")), PURGE_EVERY_MS);
    timer.unref();
    app.addHook("onClose", async () => clearInterval(timer));
  },
};

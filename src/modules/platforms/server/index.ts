import { randomBytes } from "node:crypto";
import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261122-01-platforms.ts";
import * as m2 from "./migrations/20261126-50-platform-networks.ts";
import { countTenants } from "./repo.ts";
import { tenantResolution } from "./resolve-tenant.ts";
import { platformRoutes } from "./routes.ts";

export { createPlatformRecords } from "./use-cases/create-platform.ts";
export { addOperator, countTenants } from "./repo.ts";

/** A one-time code printed at start while no platform exists: only who can read the server's log can set it up. */
export const makeSetupCode = () => {
  const s = randomBytes(5).toString("hex").toUpperCase();
  return `${s.slice(0, 5)}-${s.slice(5)}`;
};

export function platformsModule(opts: { setupCode?: string } = {}): Module & { setupCode(): Promise<string | null> } {
  let code: string | null | undefined = opts.setupCode;
  let kernel: import("../../../kernel/module.ts").Kernel | undefined;
  const setupCode = async () => {
    if (code === undefined && kernel) code = (await countTenants(kernel.db)) === 0 ? makeSetupCode() : null;
    return code ?? null;
  };
  return {
    name: "platforms",
    migrations: { "20261122-01-platforms": m1, "20261126-50-platform-networks": m2 },
    setupCode,
    register(app, k) {
      kernel = k;
      tenantResolution(app, k);
      platformRoutes(app, k, () => code ?? null);
    },
  };
}

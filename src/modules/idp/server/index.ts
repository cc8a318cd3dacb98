import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261125-21-idp.ts";
import * as m2 from "./migrations/20261126-60-idp-logout.ts";
import { protocolRoutes } from "./protocol-routes.ts";
import { idpApiRoutes } from "./routes.ts";

/**
 * Archipel as an identity provider for the services of its portal: OpenID Connect (oidc-provider,
 * one issuer per platform address, models in the database) and a CAS 3.0 server.
 */
export const idpModule: Module = {
  name: "idp",
  migrations: { "20261125-21-idp": m1, "20261126-60-idp-logout": m2 },
  async register(app, k) {
    idpApiRoutes(app, k);
    await protocolRoutes(app, k);
  },
};

import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261125-30-sso.ts";
import { ssoRoutes } from "./routes.ts";

/**
 * Single sign-on in: people sign in through their institution's OpenID Connect, SAML 2.0 or CAS 3.0
 * identity provider, configured per platform, with attribute mapping to profile and classes,
 * linking or account creation, and a localized error page (and an admin log) for every failure.
 */
export const ssoModule: Module = {
  name: "sso",
  migrations: { "20261125-30-sso": m1 },
  register(app, k) {
    ssoRoutes(app, k);
  },
};

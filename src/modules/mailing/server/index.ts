import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261123-81-mailing.ts";
import { mailingRoutes } from "./routes.ts";
import { installBounceGuard } from "./send.ts";

export { installBounceGuard };

/**
 * Mailing lists and announcements with a delivery report, and bounce handling for every mail of
 * the platform: an address that bounced (a permanent 5xx refusal from the SMTP server at send time,
 * or recorded through POST /api/v1/mail-bounces by an admin or a bounce processor) is not mailed
 * again until cleared.
 */
export const mailingModule: Module = {
  name: "mailing",
  migrations: { "20261123-81-mailing": m1 },
  register(app, k) {
    installBounceGuard(k);
    mailingRoutes(app, k);
  },
};

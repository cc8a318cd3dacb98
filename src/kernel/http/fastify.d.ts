import "fastify";
import type { Actor, Tenant } from "../auth/actor.ts";
import type { Locale } from "../i18n.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** the platform this request addresses, from its hostname or its /p/<slug> prefix */
    tenant: Tenant | null;
    actor: Actor;
    locale: Locale;
    /** '' when the platform is reached by hostname, '/p/<slug>' in path mode */
    basePath: string;
  }
}

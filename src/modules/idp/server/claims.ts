import type { Tenant } from "../../../kernel/auth/actor.ts";
import type { Person } from "./repo.ts";

/**
 * What the scopes release. `archipel` carries what school services need: the person's profile,
 * their platform, their places in the organisation tree and their classes. (`profile` is a
 * standard claim holding a URL, hence `user_profile`.)
 */
export const SCOPE_CLAIMS = {
  openid: ["sub"],
  profile: ["name", "given_name", "family_name", "preferred_username", "locale"],
  email: ["email"],
  archipel: ["user_profile", "platform", "organisations", "classes"],
};

export function claimsOf(p: Person, tenant: Tenant) {
  return {
    sub: p.id,
    name: `${p.given_name} ${p.family_name}`,
    given_name: p.given_name,
    family_name: p.family_name,
    preferred_username: p.username,
    locale: p.locale ?? tenant.defaultLocale,
    ...(p.email && { email: p.email }),
    user_profile: p.profile,
    platform: { id: tenant.id, slug: tenant.slug, name: p.platform_name },
    organisations: p.places.filter((o) => o.kind !== "class").map((o) => ({ id: o.id, name: o.name, kind: o.kind, role: o.role })),
    classes: p.places.filter((o) => o.kind === "class").map((o) => ({ id: o.id, name: o.name, role: o.role })),
  };
}

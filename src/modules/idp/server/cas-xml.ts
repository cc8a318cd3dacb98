import type { Tenant } from "../../../kernel/auth/actor.ts";
import { claimsOf } from "./claims.ts";
import { esc } from "./pages.ts";
import type { Validation } from "./use-cases/cas.ts";

/** A CAS 3.0 serviceResponse: the user is the username; attributes as in the OpenID Connect claims. */
export function serviceResponse(v: Validation, tenant: Tenant) {
  const body = v.ok ? success(v.person, tenant) : `<cas:authenticationFailure code="${v.code}">${esc(v.message)}</cas:authenticationFailure>`;
  return `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">\n${body}\n</cas:serviceResponse>\n`;
}

function success(p: Extract<Validation, { ok: true }>["person"], tenant: Tenant) {
  const c = claimsOf(p, tenant);
  const attrs: [string, string][] = [
    ["uid", p.username],
    ["displayName", c.name],
    ["givenName", c.given_name],
    ["familyName", c.family_name],
    ...(c.email ? [["email", c.email] as [string, string]] : []),
    ["locale", c.locale],
    ["profile", c.user_profile],
    ["platform", tenant.slug],
    ...c.organisations.map((o) => ["organisation", o.name] as [string, string]),
    ...c.classes.map((o) => ["class", o.name] as [string, string]),
  ];
  return `<cas:authenticationSuccess>
<cas:user>${esc(p.username)}</cas:user>
<cas:attributes>
${attrs.map(([k, v]) => `<cas:${k}>${esc(v)}</cas:${k}>`).join("\n")}
</cas:attributes>
</cas:authenticationSuccess>`;
}

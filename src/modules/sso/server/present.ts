import type { Mapping, ProviderAdmin } from "../shared/contract.ts";
import type { CasSettings, OidcSettings, ProviderRow, SamlSettings } from "./repo.ts";
import { flowUrls } from "./use-cases/sign-in-flow.ts";

/** A provider as its admins see it: settings of its kind, never the client secret. */
export function presentProvider(p: ProviderRow, base: string): ProviderAdmin {
  const s = p.settings as Partial<OidcSettings & SamlSettings & CasSettings>;
  const urls = flowUrls(base, p.id);
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    enabled: p.enabled,
    issuer: s.issuer ?? "",
    clientId: s.clientId ?? "",
    hasSecret: !!p.secret,
    scopes: s.scopes ?? "",
    entityId: s.entityId ?? "",
    ssoUrl: s.ssoUrl ?? "",
    certificates: s.certificates?.length ?? 0,
    casUrl: s.casUrl ?? "",
    mapping: p.mapping as Mapping,
    defaultProfile: p.default_profile as ProviderAdmin["defaultProfile"],
    linkByEmail: p.link_by_email,
    createAccounts: p.create_accounts,
    redirectUrl: p.kind === "saml" ? urls.sp.acs : urls.callback,
    metadataUrl: p.kind === "saml" ? urls.sp.entityId : null,
  };
}

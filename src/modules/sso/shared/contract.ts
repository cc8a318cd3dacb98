import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";

/**
 * Single sign-on in: a platform's admins configure external identity providers (OpenID Connect,
 * SAML 2.0, CAS 3.0); the sign-in page lists the enabled ones. The flows themselves are browser
 * redirects outside /api (GET /sso/:id/start, GET /sso/:id/callback, POST /sso/:id/acs) and the
 * SAML service provider metadata is GET /sso/:id/metadata.
 */
const id = z.object({ id: z.uuid() });
const ok = z.object({ ok: z.literal(true) });

export const SSO_KINDS = ["oidc", "saml", "cas"] as const;
export const SsoKind = z.enum(SSO_KINDS);
export type SsoKind = z.infer<typeof SsoKind>;
/** SSO never makes admins: only these profiles can come from an identity provider. */
export const SSO_PROFILES = ["learner", "teacher", "parent", "staff"] as const;
const SsoProfile = z.enum(SSO_PROFILES);

const attr = z.string().trim().max(200);
/** Which claim (OIDC), attribute (SAML, CAS) gives what; empty means "not provided". */
export const Mapping = z.object({
  externalId: attr.min(1),
  email: attr,
  givenName: attr,
  familyName: attr,
  profile: attr,
  /** attribute value → Archipel profile, e.g. { "eleve": "learner", "enseignant": "teacher" } */
  profileValues: z.record(z.string().trim().min(1).max(100), SsoProfile),
  /** the attribute listing the person's classes, matched to class nodes by code or name */
  classes: attr,
});
export type Mapping = z.infer<typeof Mapping>;

const text = (max: number) => z.string().trim().max(max);
/**
 * One form for the three kinds: the fields of the chosen kind are checked by the use case (field
 * errors on the missing ones). A blank client secret on update keeps the stored one.
 */
export const ProviderInput = z.object({
  kind: SsoKind,
  name: z.string().trim().min(1).max(80),
  enabled: z.boolean(),
  issuer: text(500),
  clientId: text(300),
  clientSecret: text(500),
  scopes: text(300),
  metadataXml: text(200_000),
  entityId: text(500),
  ssoUrl: text(500),
  certificate: text(20_000),
  casUrl: text(500),
  mapping: Mapping,
  defaultProfile: SsoProfile,
  linkByEmail: z.boolean(),
  createAccounts: z.boolean(),
});
export type ProviderInput = z.infer<typeof ProviderInput>;

/** What admins see of a provider: never its client secret, only whether one is stored. */
export const ProviderAdmin = z.object({
  id: z.uuid(),
  kind: SsoKind,
  name: z.string(),
  enabled: z.boolean(),
  issuer: z.string(),
  clientId: z.string(),
  hasSecret: z.boolean(),
  scopes: z.string(),
  entityId: z.string(),
  ssoUrl: z.string(),
  certificates: z.number().int(),
  casUrl: z.string(),
  mapping: Mapping,
  defaultProfile: SsoProfile,
  linkByEmail: z.boolean(),
  createAccounts: z.boolean(),
  /** addresses to give the provider's administrator */
  redirectUrl: z.string(),
  metadataUrl: z.string().nullable(),
});
export type ProviderAdmin = z.infer<typeof ProviderAdmin>;

export const SsoFailureEntry = z.object({ id: z.uuid(), providerName: z.string().nullable(), code: z.string(), detail: z.string(), at: z.string() });
export type SsoFailureEntry = z.infer<typeof SsoFailureEntry>;

export const listSsoProviders = defineContract({
  method: "GET",
  path: "/api/v1/sso/providers",
  summary: "The platform's external identity providers and the latest sign-in failures (platform admins)",
  tags: ["sso"],
  response: z.object({ items: z.array(ProviderAdmin), failures: z.array(SsoFailureEntry) }),
});

export const createSsoProvider = defineContract({
  method: "POST",
  path: "/api/v1/sso/providers",
  summary: "Add an external identity provider",
  tags: ["sso"],
  body: ProviderInput,
  response: ProviderAdmin,
});

export const updateSsoProvider = defineContract({
  method: "PUT",
  path: "/api/v1/sso/providers/:id",
  summary: "Change an external identity provider (a blank client secret keeps the stored one)",
  tags: ["sso"],
  params: id,
  body: ProviderInput,
  response: ProviderAdmin,
});

export const deleteSsoProvider = defineContract({
  method: "DELETE",
  path: "/api/v1/sso/providers/:id",
  summary: "Remove an external identity provider and the identities linked through it",
  tags: ["sso"],
  params: id,
  response: ok,
});

export const SignInProvider = z.object({ id: z.uuid(), name: z.string(), kind: SsoKind });
export const listSignInProviders = defineContract({
  method: "GET",
  path: "/api/v1/sso/sign-in-providers",
  summary: "The enabled identity providers the sign-in page offers",
  tags: ["sso"],
  auth: false,
  response: z.object({ items: z.array(SignInProvider) }),
});

/** Why a single sign-on failed: errors.sso.failure.<code> explains it on the sign-in error page. */
export const FAILURE_CODES = [
  "provider_unavailable",
  "unreachable",
  "state_mismatch",
  "denied",
  "signature_invalid",
  "expired",
  "response_invalid",
  "ticket_invalid",
  "mapping_missing",
  "unknown_account",
  "account_disabled",
  "email_taken",
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

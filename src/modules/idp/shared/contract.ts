import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";

/**
 * Archipel as an identity provider: the OpenID Connect client of a portal service (registered by
 * the admins of the node that owns the service; the secret is shown once) and what a service's
 * administrator needs to configure it. The protocol endpoints themselves live under /oidc and /cas.
 */
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;
/** https, or http on this machine (a service under development); exact, without fragment */
export const RedirectUri = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine((u) => {
    if (!URL.canParse(u)) return false; // already reported by url()
    const url = new URL(u);
    return !url.hash && (url.protocol === "https:" || LOOPBACK.test(url.hostname));
  });

export const ClientInput = z.object({
  redirectUris: z.array(RedirectUri).min(1).max(10),
  postLogoutRedirectUris: z.array(RedirectUri).max(10).default([]),
  backchannelLogoutUri: z.union([RedirectUri, z.null()]).default(null),
  frontchannelLogoutUri: z.union([RedirectUri, z.null()]).default(null),
  authMethod: z.enum(["client_secret_basic", "client_secret_post"]).default("client_secret_basic"),
});
export type ClientInput = z.infer<typeof ClientInput>;

export const SignOnSettings = z.object({
  service: z.object({ id: z.uuid(), name: z.string(), signOn: z.enum(["oidc", "cas", "none"]), url: z.string() }),
  /** what the service's administrator types into it */
  issuer: z.string(),
  casUrl: z.string(),
  /** CAS Single Logout: the service is sent a LogoutRequest when the session that signed it in ends */
  cas: z.object({ singleLogout: z.boolean() }),
  client: z
    .object({
      clientId: z.string(),
      redirectUris: z.array(z.string()),
      postLogoutRedirectUris: z.array(z.string()),
      backchannelLogoutUri: z.string().nullable(),
      frontchannelLogoutUri: z.string().nullable(),
      authMethod: z.enum(["client_secret_basic", "client_secret_post"]),
      updatedAt: z.string(),
    })
    .nullable(),
});
export type SignOnSettings = z.infer<typeof SignOnSettings>;

export const getSignOn = defineContract({
  method: "GET",
  path: "/api/v1/idp/services/:id",
  summary: "How a portal service signs people in with Archipel, and its OpenID Connect client if registered",
  tags: ["idp"],
  params: z.object({ id: z.uuid() }),
  response: SignOnSettings,
});

export const saveClient = defineContract({
  method: "PUT",
  path: "/api/v1/idp/services/:id/client",
  summary: "Registers or changes the service's OpenID Connect client; a new client's secret is in the answer, once",
  tags: ["idp"],
  params: z.object({ id: z.uuid() }),
  body: ClientInput,
  response: SignOnSettings.extend({ clientSecret: z.string().nullable() }),
});

export const rotateClientSecret = defineContract({
  method: "POST",
  path: "/api/v1/idp/services/:id/client/secret",
  summary: "Replaces the client's secret (the old one stops working); the new one is in the answer, once",
  tags: ["idp"],
  params: z.object({ id: z.uuid() }),
  response: SignOnSettings.extend({ clientSecret: z.string() }),
});

export const saveCas = defineContract({
  method: "PUT",
  path: "/api/v1/idp/services/:id/cas",
  summary: "Turns CAS Single Logout on or off for a service that signs in with CAS",
  tags: ["idp"],
  params: z.object({ id: z.uuid() }),
  body: z.object({ singleLogout: z.boolean() }),
  response: SignOnSettings,
});

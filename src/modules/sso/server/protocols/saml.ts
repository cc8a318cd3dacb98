import { X509Certificate } from "node:crypto";
import { type CacheProvider, SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import { XMLParser } from "fast-xml-parser";
import { SsoFailure } from "../failure.ts";
import type { ProviderRow, SamlSettings } from "../repo.ts";
import type { Attributes } from "./attributes.ts";

/** Archipel's addresses as a service provider for one identity provider. */
export type SpUrls = { entityId: string; acs: string };

/** The request id of the flow: node-saml checks the answer's InResponseTo against it. */
export type RequestIdStore = { save(id: string): Promise<void>; expected(): string | null };

const FLOW_MS = 10 * 60_000;

function saml(p: ProviderRow, sp: SpUrls, store?: RequestIdStore) {
  const s = p.settings as SamlSettings;
  const cacheProvider: CacheProvider = {
    async saveAsync(key, value) {
      await store?.save(key);
      return { value, createdAt: Date.now() };
    },
    // only the request this browser's flow sent is accepted (RelayState names the flow)
    getAsync: async (key) => (store && key === store.expected() ? new Date().toISOString() : null),
    // the flow row is consumed by the caller once the answer is accepted
    removeAsync: async (key) => key,
  };
  return new SAML({
    callbackUrl: sp.acs,
    entryPoint: s.ssoUrl,
    issuer: sp.entityId,
    audience: sp.entityId,
    idpIssuer: s.entityId,
    idpCert: s.certificates,
    // both signatures required: the response and the assertion inside it
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: FLOW_MS,
    acceptedClockSkewMs: 30_000,
    identifierFormat: null,
    cacheProvider,
  });
}

export async function samlStart(p: ProviderRow, sp: SpUrls, relayState: string, store: RequestIdStore) {
  return saml(p, sp, store).getAuthorizeUrlAsync(relayState, undefined, {});
}

export function spMetadata(p: ProviderRow, sp: SpUrls) {
  return saml(p, sp).generateServiceProviderMetadata(null);
}

/** Checks both signatures, issuer, audience, time window and InResponseTo; returns the attributes. */
export async function samlFinish(p: ProviderRow, sp: SpUrls, body: Record<string, string>, store: RequestIdStore): Promise<Attributes> {
  try {
    const { profile } = await saml(p, sp, store).validatePostResponseAsync(body);
    if (!profile) throw new SsoFailure("response_invalid", "no profile in the response");
    const attrs: Attributes = { nameID: profile.nameID };
    for (const [k, v] of Object.entries(profile)) if (typeof v === "string" || Array.isArray(v)) attrs[k] = v;
    return attrs;
  } catch (e) {
    if (e instanceof SsoFailure) throw e;
    const msg = (e as Error).message ?? String(e);
    if (/signature|not signed|cert/i.test(msg)) throw new SsoFailure("signature_invalid", msg);
    if (/expired|NotBefore|NotOnOrAfter|too old|clock/i.test(msg)) throw new SsoFailure("expired", msg);
    if (/InResponseTo/i.test(msg)) throw new SsoFailure("state_mismatch", msg);
    throw new SsoFailure("response_invalid", msg);
  }
}

/** A certificate as PEM or bare base64; returns the base64 body, or null if it is not an X.509 certificate. */
export function normaliseCertificate(text: string): string | null {
  const body = text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
  if (!body) return null;
  try {
    new X509Certificate(`-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`);
    return body;
  } catch {
    return null;
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  isArray: (name) => ["EntityDescriptor", "SingleSignOnService", "KeyDescriptor", "X509Certificate"].includes(name),
});
const REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

type Node = Record<string, any>;
/** Entity id, HTTP-Redirect sign-on address and signing certificates from an IdP's metadata, or null. */
export function parseIdpMetadata(xml: string): SamlSettings | null {
  let doc: Node;
  try {
    doc = parser.parse(xml);
  } catch {
    return null;
  }
  const entities: Node[] = doc.EntityDescriptor ?? doc.EntitiesDescriptor?.EntityDescriptor ?? [];
  const entity = entities.find((e) => e.IDPSSODescriptor);
  const idp: Node | undefined = Array.isArray(entity?.IDPSSODescriptor) ? entity.IDPSSODescriptor[0] : entity?.IDPSSODescriptor;
  const sso = (idp?.SingleSignOnService as Node[] | undefined)?.find((s) => s["@Binding"] === REDIRECT);
  const certificates = ((idp?.KeyDescriptor as Node[] | undefined) ?? [])
    .filter((k) => k["@use"] !== "encryption")
    .flatMap((k) => (k.KeyInfo?.X509Data?.X509Certificate ?? []) as unknown[])
    .map((c) => normaliseCertificate(String(typeof c === "object" && c ? (c as Node)["#text"] : c)))
    .filter((c): c is string => !!c);
  if (!entity?.["@entityID"] || !sso?.["@Location"] || certificates.length === 0) return null;
  return { entityId: String(entity["@entityID"]), ssoUrl: String(sso["@Location"]), certificates };
}

import { authorize, type UserActor } from "../../../../kernel/auth/actor.ts";
import { type FieldErrors, invalid, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { ProviderInput } from "../../shared/contract.ts";
import { presentProvider } from "../present.ts";
import { normaliseCertificate, parseIdpMetadata } from "../protocols/saml.ts";
import {
  getProvider,
  insertProvider,
  latestFailures,
  listProviders,
  type ProviderRow,
  deleteProvider as removeProvider,
  updateProvider as saveProvider,
} from "../repo.ts";

/** Identity providers belong to the platform: the admins of its root node manage them. */
const manage = (actor: UserActor) => authorize(actor, "org.manage", { orgPath: `/${actor.tenant.rootOrgId}/` });

const isUrl = (s: string) => {
  try {
    const u = new URL(s);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
};

/** The stored settings and secret of the kind chosen, or field errors naming what is missing. */
function settingsOf(input: ProviderInput, current: ProviderRow | undefined): { settings: Record<string, unknown>; secret: string | null } {
  const fields: FieldErrors = {};
  const need = (name: keyof ProviderInput, ok: boolean, code = "field.required") => {
    if (!ok) fields[name] = { code };
  };
  let out: { settings: Record<string, unknown>; secret: string | null } = { settings: {}, secret: null };
  if (input.kind === "oidc") {
    need("issuer", !!input.issuer);
    if (input.issuer) need("issuer", isUrl(input.issuer), "field.format_url");
    need("clientId", !!input.clientId);
    const secret = input.clientSecret || (current?.kind === "oidc" ? current.secret : null);
    need("clientSecret", !!secret);
    out = { settings: { issuer: input.issuer, clientId: input.clientId, scopes: input.scopes || "openid email profile" }, secret };
  } else if (input.kind === "saml") {
    if (input.metadataXml) {
      const parsed = parseIdpMetadata(input.metadataXml);
      if (!parsed) fields.metadataXml = { code: "sso.metadata_invalid" };
      else out.settings = parsed;
    } else {
      need("entityId", !!input.entityId);
      need("ssoUrl", !!input.ssoUrl);
      if (input.ssoUrl) need("ssoUrl", isUrl(input.ssoUrl), "field.format_url");
      const kept = current?.kind === "saml" ? ((current.settings as { certificates?: string[] }).certificates ?? []) : [];
      const cert = input.certificate ? normaliseCertificate(input.certificate) : null;
      if (input.certificate && !cert) fields.certificate = { code: "sso.certificate_invalid" };
      else need("certificate", !!cert || kept.length > 0);
      out.settings = { entityId: input.entityId, ssoUrl: input.ssoUrl, certificates: cert ? [cert] : kept };
    }
  } else {
    need("casUrl", !!input.casUrl);
    if (input.casUrl) need("casUrl", isUrl(input.casUrl), "field.format_url");
    out.settings = { casUrl: input.casUrl.replace(/\/+$/, "") };
  }
  if (Object.keys(fields).length) throw invalid(fields);
  return out;
}

function values(input: ProviderInput, current?: ProviderRow) {
  const { settings, secret } = settingsOf(input, current);
  return {
    kind: input.kind,
    name: input.name,
    enabled: input.enabled,
    settings: JSON.stringify(settings),
    secret,
    mapping: JSON.stringify(input.mapping),
    default_profile: input.defaultProfile,
    link_by_email: input.linkByEmail,
    create_accounts: input.createAccounts,
  };
}

export async function listSsoProviders(k: Kernel, actor: UserActor, base: string) {
  manage(actor);
  const [rows, failures] = await Promise.all([listProviders(k.db, actor.tenant.id), latestFailures(k.db, actor.tenant.id, 30)]);
  return {
    items: rows.map((p) => presentProvider(p, base)),
    failures: failures.map((f) => ({ id: f.id, providerName: f.name, code: f.code, detail: f.detail, at: new Date(f.at).toISOString() })),
  };
}

export async function createSsoProvider(k: Kernel, actor: UserActor, input: ProviderInput, base: string) {
  manage(actor);
  const id = newId();
  await insertProvider(k.db, actor.tenant.id, id, values(input));
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "created", objectType: "sso-provider", objectId: id, context: { kind: input.kind } });
  return presentProvider((await getProvider(k.db, actor.tenant.id, id))!, base);
}

export async function updateSsoProvider(k: Kernel, actor: UserActor, id: string, input: ProviderInput, base: string) {
  manage(actor);
  const current = await getProvider(k.db, actor.tenant.id, id);
  if (!current) throw notFound();
  // the kind decides what the stored identities mean: a different protocol is a new provider
  if (input.kind !== current.kind) throw invalid({ kind: { code: "sso.kind_fixed" } });
  await saveProvider(k.db, actor.tenant.id, id, values(input, current));
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "updated", objectType: "sso-provider", objectId: id });
  return presentProvider((await getProvider(k.db, actor.tenant.id, id))!, base);
}

export async function deleteSsoProvider(k: Kernel, actor: UserActor, id: string) {
  manage(actor);
  if (!(await removeProvider(k.db, actor.tenant.id, id)).numDeletedRows) throw notFound();
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "deleted", objectType: "sso-provider", objectId: id });
  return { ok: true as const };
}

import { randomBytes } from "node:crypto";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { hashToken, newToken } from "../../../../kernel/auth/tokens.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { getServiceRow } from "../../../portal/server/index.ts";
import type { ClientInput, SignOnSettings } from "../../shared/contract.ts";
import { casSingleLogout, getClientRow, setCasSingleLogout } from "../repo.ts";

const newSecret = newToken;

/** A service's sign-on is managed by the admins of the node that owns it (the platform's for catalogue services). */
async function managedService(k: Kernel, actor: Actor, serviceId: string) {
  if (actor.kind !== "user") authorize(actor, "account.self");
  const svc = await getServiceRow(k.db, actor.tenant.id, serviceId);
  if (!svc) throw notFound();
  authorize(actor, "org.manage", { orgPath: svc.owner_path });
  return svc;
}

async function present(
  k: Kernel,
  tenantId: string,
  svc: { id: string; name: string; sign_on: "oidc" | "cas" | "none"; url: string },
  base: string,
): Promise<SignOnSettings> {
  const c = await getClientRow(k.db, tenantId, svc.id);
  return {
    service: { id: svc.id, name: svc.name, signOn: svc.sign_on, url: svc.url },
    issuer: `${base}/oidc`,
    casUrl: `${base}/cas`,
    cas: { singleLogout: await casSingleLogout(k.db, tenantId, svc.id) },
    client: c
      ? {
          clientId: c.client_id,
          redirectUris: c.redirect_uris,
          postLogoutRedirectUris: c.post_logout_redirect_uris,
          backchannelLogoutUri: c.backchannel_logout_uri,
          frontchannelLogoutUri: c.frontchannel_logout_uri,
          authMethod: c.auth_method,
          updatedAt: new Date(c.updated_at).toISOString(),
        }
      : null,
  };
}

export async function getSignOn(k: Kernel, actor: Actor, serviceId: string, base: string) {
  const svc = await managedService(k, actor, serviceId);
  return present(k, actor.tenant!.id, svc, base);
}

/** Registers the client on first save (its secret answered once), later changes only its addresses. */
export async function saveClient(k: Kernel, actor: Actor, serviceId: string, input: ClientInput, base: string) {
  const svc = await managedService(k, actor, serviceId);
  const tenantId = actor.tenant!.id;
  if (svc.sign_on !== "oidc") throw new AppError("idp.not_oidc", {}, undefined, 409);
  const existing = await getClientRow(k.db, tenantId, serviceId);
  const fields = {
    redirect_uris: [...new Set(input.redirectUris)],
    post_logout_redirect_uris: [...new Set(input.postLogoutRedirectUris)],
    backchannel_logout_uri: input.backchannelLogoutUri,
    frontchannel_logout_uri: input.frontchannelLogoutUri,
    auth_method: input.authMethod,
    updated_at: new Date(),
  };
  let secret: string | null = null;
  if (existing) {
    await k.db.updateTable("idp_clients").set(fields).where("tenant_id", "=", tenantId).where("service_id", "=", serviceId).execute();
  } else {
    secret = newSecret();
    await k.db
      .insertInto("idp_clients")
      .values({ tenant_id: tenantId, service_id: serviceId, client_id: randomBytes(12).toString("base64url"), secret_hash: hashToken(secret), ...fields })
      .execute();
  }
  if (actor.kind === "user")
    k.record({ tenantId, actorId: actor.userId, verb: existing ? "updated" : "created", objectType: "oidc-client", objectId: serviceId });
  return { ...(await present(k, tenantId, svc, base)), clientSecret: secret };
}

export async function rotateClientSecret(k: Kernel, actor: Actor, serviceId: string, base: string) {
  const svc = await managedService(k, actor, serviceId);
  const tenantId = actor.tenant!.id;
  const secret = newSecret();
  const r = await k.db
    .updateTable("idp_clients")
    .set({ secret_hash: hashToken(secret), updated_at: new Date() })
    .where("tenant_id", "=", tenantId)
    .where("service_id", "=", serviceId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw notFound();
  return { ...(await present(k, tenantId, svc, base)), clientSecret: secret };
}

/** CAS Single Logout for one service (on unless turned off: a CAS client that does not do it ignores the request). */
export async function saveCas(k: Kernel, actor: Actor, serviceId: string, input: { singleLogout: boolean }, base: string) {
  const svc = await managedService(k, actor, serviceId);
  const tenantId = actor.tenant!.id;
  if (svc.sign_on !== "cas") throw new AppError("idp.not_cas", {}, undefined, 409);
  await setCasSingleLogout(k.db, tenantId, serviceId, input.singleLogout);
  if (actor.kind === "user") k.record({ tenantId, actorId: actor.userId, verb: "updated", objectType: "cas-service", objectId: serviceId });
  return present(k, tenantId, svc, base);
}

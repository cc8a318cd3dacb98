import type { Tenant } from "../../../../kernel/auth/actor.ts";
import { hashToken, newToken } from "../../../../kernel/auth/tokens.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadActorFacts, startSession } from "../../../accounts/server/index.ts";
import { SsoFailure } from "../failure.ts";
import type { Attributes } from "../protocols/attributes.ts";
import { casFinish, casStart } from "../protocols/cas.ts";
import { oidcFinish, oidcStart } from "../protocols/oidc.ts";
import { type SpUrls, samlFinish, samlStart } from "../protocols/saml.ts";
import { consumeFlow, findFlow, getProvider, insertFlow, setFlowRequestId } from "../repo.ts";
import { resolveAccount } from "./resolve-account.ts";

const FLOW_MS = 10 * 60_000;

/** Archipel's addresses for one provider, under the platform's public base URL. */
export const flowUrls = (base: string, providerId: string) => ({
  callback: `${base}/sso/${providerId}/callback`,
  sp: { entityId: `${base}/sso/${providerId}/metadata`, acs: `${base}/sso/${providerId}/acs` } satisfies SpUrls,
});

async function enabledProvider(k: Kernel, tenant: Tenant, id: string) {
  const p = await getProvider(k.db, tenant.id, id);
  if (!p?.enabled) throw new SsoFailure("provider_unavailable", `provider ${id} is unknown here or disabled`);
  return p;
}

/**
 * Starts a sign-in at an external provider: a flow row (single use, ten minutes) bound to this
 * browser by a random value whose hash it keeps; returns where to send the browser and that value.
 */
export async function startSignIn(k: Kernel, tenant: Tenant, providerId: string, base: string) {
  const p = await enabledProvider(k, tenant, providerId);
  const urls = flowUrls(base, p.id);
  const binding = newToken();
  const flow = { id: newId(), provider_id: p.id, binding_hash: hashToken(binding), expires_at: new Date(Date.now() + FLOW_MS) };
  let redirect: string;
  if (p.kind === "oidc") {
    const r = await oidcStart(p, flow.id, urls.callback);
    await insertFlow(k.db, tenant.id, { ...flow, code_verifier: r.codeVerifier, nonce: r.nonce });
    redirect = r.url;
  } else if (p.kind === "saml") {
    await insertFlow(k.db, tenant.id, flow);
    redirect = await samlStart(p, urls.sp, flow.id, {
      save: (requestId) => setFlowRequestId(k.db, tenant.id, flow.id, requestId).then(() => undefined),
      expected: () => null,
    });
  } else {
    await insertFlow(k.db, tenant.id, flow);
    redirect = casStart(p, `${urls.callback}?flow=${flow.id}`);
  }
  return { redirect, binding };
}

/** What came back to Archipel: the callback's query (OIDC, CAS) or the posted form (SAML). */
export type Answer = { query: Record<string, string>; form: Record<string, string> };

/**
 * Completes a sign-in: the flow named by the answer must be this browser's and unused; the
 * provider's answer is checked by its protocol; then the account is found, linked or created and
 * a normal Archipel session is opened.
 */
export async function finishSignIn(
  k: Kernel,
  tenant: Tenant,
  providerId: string,
  answer: Answer,
  ctx: { base: string; binding: string | undefined; ip: string; userAgent: string | null },
) {
  const p = await enabledProvider(k, tenant, providerId);
  const urls = flowUrls(ctx.base, p.id);
  const flowId = p.kind === "oidc" ? answer.query.state : p.kind === "cas" ? answer.query.flow : answer.form.RelayState;
  const flow = flowId && /^[0-9a-f-]{36}$/.test(flowId) ? await findFlow(k.db, tenant.id, p.id, flowId) : undefined;
  if (!flow) throw new SsoFailure("state_mismatch", "no sign-in in progress matches this answer (unknown, already used, or another platform's)");
  if (!ctx.binding || hashToken(ctx.binding) !== flow.binding_hash)
    throw new SsoFailure("state_mismatch", "the answer reached a browser that did not start this sign-in");
  if (!(await consumeFlow(k.db, tenant.id, flow.id))) throw new SsoFailure("state_mismatch", "this sign-in was already completed");
  if (new Date(flow.expires_at).getTime() < Date.now()) throw new SsoFailure("expired", "the sign-in took more than ten minutes");
  let attrs: Attributes;
  if (p.kind === "oidc") {
    attrs = await oidcFinish(p, flow, new URL(`${urls.callback}?${new URLSearchParams(answer.query)}`));
  } else if (p.kind === "cas") {
    if (!answer.query.ticket) throw new SsoFailure("ticket_invalid", "no ticket in the callback");
    attrs = await casFinish(p, `${urls.callback}?flow=${flow.id}`, answer.query.ticket);
  } else {
    if (!answer.form.SAMLResponse) throw new SsoFailure("response_invalid", "no SAMLResponse posted");
    attrs = await samlFinish(p, urls.sp, answer.form, { save: async () => {}, expected: () => flow.request_id });
  }
  const account = await resolveAccount(k, tenant, p, attrs);
  // whoever the session lookup would treat as signed out (a partner's person whose partnership is
  // not running) gets no session: the same rule as every request's
  if (!(await loadActorFacts(k.db, tenant.id, account.userId))) throw new SsoFailure("account_disabled", `account ${account.userId} may not sign in now`);
  const session = await startSession(k, tenant.id, account.userId, { ip: ctx.ip, userAgent: ctx.userAgent }, `sso-${p.kind}`);
  k.record({
    tenantId: tenant.id,
    actorId: account.userId,
    verb: "sso-signed-in",
    objectType: "sso-provider",
    objectId: p.id,
    context: { created: account.created, linked: account.linked },
  });
  return session;
}

import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { newToken } from "../../../../kernel/auth/tokens.ts";
import { enqueueJob, registerJob } from "../../../../kernel/jobs.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { type EndedSessions, onSessionsEnded } from "../../../accounts/server/index.ts";
import { esc } from "../pages.ts";
import { providerAt } from "../provider.ts";
import { carryLogins, findTenant, logoutAddresses, revokeGrants, takeCasLogins, takeProviderSessions } from "../repo.ts";

const BACKCHANNEL = "idp-backchannel-logout";
const CAS_LOGOUT = "idp-cas-logout";

/** Front-channel frames named in the signed-out page's address: a bound on its length. */
export const MAX_FRAMES = 20;

/**
 * Single sign-out from Archipel's side. When Archipel sessions end, however they end (sign-out
 * on Archipel's page, "sign out my other sessions", a revoked session, a new password, a disabled
 * account, RP-initiated OpenID Connect logout, /cas/logout), the services signed into through
 * those sessions, and only those, are told:
 * - OpenID Connect: the provider's sessions that follow them end (grants revoked, as the
 *   provider's own end_session does); each service with a back-channel logout address gets a
 *   logout token for the sid it was given (a job each, retried); the browser that signed out
 *   passes through a page that loads the services' front-channel logout addresses.
 * - CAS: each service that validated a ticket of those sessions, with Single Logout on, is sent
 *   the SAML LogoutRequest naming that ticket (a job each, retried); their unvalidated tickets die.
 * The request that ended the sessions only reads and deletes rows and queues jobs.
 */
export async function servicesSignOut(k: Kernel, { tenantId, sessionIds, carriedTo }: EndedSessions) {
  // signed in again as the same person in the same browser: the services' sessions go on
  if (carriedTo) return void (await carryLogins(k.db, tenantId, sessionIds, carriedTo));
  const sessions = await takeProviderSessions(k.db, tenantId, sessionIds);
  const told = sessions.flatMap((s) =>
    Object.entries(s.authorizations).flatMap(([clientId, a]) => (a.sid && s.accountId ? [{ issuer: s.issuer, clientId, sid: a.sid, sub: s.accountId }] : [])),
  );
  await revokeGrants(
    k.db,
    tenantId,
    sessions.flatMap((s) => Object.values(s.authorizations).flatMap((a) => (a.grantId && !a.persistsLogout ? [a.grantId] : []))),
  );
  const addresses = await logoutAddresses(k.db, tenantId, [...new Set(told.map((t) => t.clientId))]);
  const frames: { clientId: string; sid: string }[] = [];
  for (const t of told) {
    const a = addresses.find((x) => x.client_id === t.clientId);
    if (a?.backchannel_logout_uri) await enqueueJob(k, tenantId, BACKCHANNEL, t);
    if (a?.frontchannel_logout_uri) frames.push({ clientId: t.clientId, sid: t.sid });
  }
  for (const l of await takeCasLogins(k.db, tenantId, sessionIds)) await enqueueJob(k, tenantId, CAS_LOGOUT, { service: l.service, ticket: l.ticket });
  if (frames.length === 0) return undefined;
  const q = new URLSearchParams();
  for (const f of frames.slice(0, MAX_FRAMES)) q.append("s", `${f.clientId} ${f.sid}`);
  return { continueAt: `/idp/signed-out?${q}` };
}

onSessionsEnded(servicesSignOut);

registerJob(BACKCHANNEL, async (k, tenantId, p) => {
  const tenant = await findTenant(k.db, tenantId);
  if (!tenant) return;
  const provider = await providerAt(k, tenant, String(p.issuer));
  const client = await provider.Client.find(String(p.clientId));
  // a client removed or changed since: nobody to tell
  if (!client?.backchannelLogoutUri) return;
  // throws on a refusal or no answer: the job is tried again later
  await client.backchannelLogout(String(p.sub), String(p.sid));
});

registerJob(CAS_LOGOUT, async (k, _tenantId, p) => {
  const service = new URL(String(p.service));
  if (!k.config.IDP_PRIVATE_NETWORK_SERVICES) await refuseSpecialUse(service.hostname);
  const r = await fetch(service, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ logoutRequest: logoutRequest(String(p.ticket)) }),
    redirect: "manual",
    signal: AbortSignal.timeout(5000),
  });
  await r.body?.cancel();
  if (r.status < 200 || r.status >= 300) throw new Error(`CAS logout request: ${service.origin} answered ${r.status}`);
});

/** The CAS 3.0 back-channel Single Logout message (Appendix C): the service's session is named by the ticket it validated. */
export function logoutRequest(ticket: string, now = new Date()) {
  return `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="LR-${newToken()}" Version="2.0" IssueInstant="${now.toISOString()}"><saml:NameID>@NOT_USED@</saml:NameID><samlp:SessionIndex>${esc(ticket)}</samlp:SessionIndex></samlp:LogoutRequest>`;
}

/** Addresses a service on the internet never has (loopback, private, link-local…): refused as the provider refuses them for back-channel logout. */
const SPECIAL_USE = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const)
  SPECIAL_USE.addSubnet(net, bits, "ipv4");
// (IPv4-mapped IPv6 addresses are checked against the IPv4 rules by BlockList itself)
for (const [net, bits] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  SPECIAL_USE.addSubnet(net, bits, "ipv6");

export async function refuseSpecialUse(hostname: string) {
  const host = hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true });
  for (const a of addresses)
    if (SPECIAL_USE.check(a.address, a.family === 6 ? "ipv6" : "ipv4"))
      throw new Error(`CAS logout request: ${hostname} is on a private or special-use address`);
}

/** The page the browser that signed out passes through: the services' front-channel logout addresses, then sign-in. */
export function frontchannelFrames(issuer: string, pairs: string[], clients: { client_id: string; frontchannel_logout_uri: string | null }[]) {
  return pairs.slice(0, MAX_FRAMES).flatMap((pair) => {
    const [clientId, sid] = pair.split(" ");
    const uri = clients.find((c) => c.client_id === clientId)?.frontchannel_logout_uri;
    if (!uri || !sid) return [];
    const url = new URL(uri);
    url.searchParams.set("iss", issuer);
    url.searchParams.set("sid", sid);
    return [url.href];
  });
}

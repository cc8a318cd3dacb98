import type { Tenant, UserActor } from "../../../../kernel/auth/actor.ts";
import { hashToken, newToken } from "../../../../kernel/auth/tokens.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { servicesBySignOn, serviceVisibleTo } from "../../../portal/server/index.ts";
import { findPerson, insertCasLogin, insertTicket, type Person, takeTicket } from "../repo.ts";

/** Within the CAS 3.0 protocol's "10 seconds to 1 minute" for service tickets. */
const TICKET_TTL_MS = 30_000;

/**
 * The registered CAS service a `service` URL belongs to: same origin, and the registered path or
 * one below it (https://app.example/moodle matches /moodle/login/index.php, never /moodle2 nor
 * another host that merely starts the same).
 */
export async function casServiceFor(k: Kernel, tenantId: string, serviceUrl: string | undefined) {
  if (!serviceUrl) return undefined;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  const services = await servicesBySignOn(k.db, tenantId, "cas");
  return services.find((s) => {
    const reg = new URL(s.url);
    const path = reg.pathname.replace(/\/$/, "");
    return reg.origin === url.origin && (url.pathname === path || url.pathname.startsWith(`${path}/`) || path === "");
  });
}

export type LoginOutcome = { kind: "redirect"; url: string } | { kind: "unknown_service" } | { kind: "not_offered"; name: string };

/**
 * /cas/login for a signed-in person: a single-use ticket for a registered service in their portal.
 * `renewed`: the person has just typed their password for it (renew=true), not come through an
 * existing session (single sign-on).
 */
export async function issueTicket(k: Kernel, actor: UserActor, serviceUrl: string | undefined, renewed = false): Promise<LoginOutcome> {
  const svc = await casServiceFor(k, actor.tenant.id, serviceUrl);
  if (!svc || !serviceUrl) return { kind: "unknown_service" };
  if (!(await serviceVisibleTo(k, actor, svc.id))) return { kind: "not_offered", name: svc.name };
  const ticket = `ST-${newToken()}`;
  await insertTicket(k.db, actor.tenant.id, {
    ticket_hash: hashToken(ticket),
    service: serviceUrl,
    service_id: svc.id,
    user_id: actor.userId,
    expires_at: new Date(Date.now() + TICKET_TTL_MS),
    session_id: actor.sessionId,
    renewed,
  });
  k.record({
    tenantId: actor.tenant.id,
    actorId: actor.userId,
    verb: "signed-on",
    objectType: "portal-service",
    objectId: svc.id,
    context: { protocol: "cas" },
  });
  const url = new URL(serviceUrl);
  url.searchParams.set("ticket", ticket);
  return { kind: "redirect", url: url.href };
}

export type Validation =
  | { ok: true; person: Person }
  | { ok: false; code: "INVALID_REQUEST" | "INVALID_TICKET_SPEC" | "INVALID_TICKET" | "INVALID_SERVICE"; message: string };

/**
 * /cas/p3/serviceValidate: the ticket is spent whatever the outcome (CAS 3.0 §2.5). With renew,
 * only a ticket issued on a password just typed validates (§2.5.1). A validated ticket is kept
 * with its Archipel session: when that session ends, the service is sent a LogoutRequest naming it.
 */
export async function validateTicket(k: Kernel, tenant: Tenant, service: string | undefined, ticket: string | undefined, renew = false): Promise<Validation> {
  if (!service || !ticket) return { ok: false, code: "INVALID_REQUEST", message: "service and ticket are required" };
  if (!ticket.startsWith("ST-")) return { ok: false, code: "INVALID_TICKET_SPEC", message: `${ticket.slice(0, 40)} is not a service ticket` };
  const row = await takeTicket(k.db, tenant.id, hashToken(ticket));
  if (!row || new Date(row.expires_at).getTime() < Date.now())
    return { ok: false, code: "INVALID_TICKET", message: `ticket ${ticket.slice(0, 12)}… not recognised` };
  if (row.service !== service) return { ok: false, code: "INVALID_SERVICE", message: "the ticket was issued for another service" };
  if (renew && !row.renewed)
    return { ok: false, code: "INVALID_TICKET", message: "renew was asked: the ticket came from single sign-on, not from a password just typed" };
  const person = await findPerson(k.db, tenant.id, row.user_id);
  if (!person) return { ok: false, code: "INVALID_TICKET", message: "the account is no longer active" };
  if (row.session_id) await insertCasLogin(k.db, tenant.id, { session_id: row.session_id, ticket, service, service_id: row.service_id }, k.config.SESSION_DAYS);
  return { ok: true, person };
}

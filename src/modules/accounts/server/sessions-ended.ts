import type { Kernel } from "../../../kernel/module.ts";

/**
 * Archipel sessions that just ended (signed out, revoked, password changed, account disabled): all
 * of one person's. `carriedTo`: the person signed in again in the same browser (the old session's
 * cookie replaced), so what hung on the old session moves to the new one instead of ending.
 */
export type EndedSessions = { tenantId: string; userId: string; sessionIds: string[]; carriedTo?: string };
/**
 * What another module does when sessions end (the identity provider tells the services signed
 * into through them). It may answer a page the browser that signed out should visit on its way
 * out (front-channel logout); only the sign-out of the current session uses it.
 */
export type SessionsEndedListener = (k: Kernel, ended: EndedSessions) => Promise<{ continueAt?: string } | undefined>;

const listeners: SessionsEndedListener[] = [];

/** Declared once, at module load, by the module that listens. */
export function onSessionsEnded(listener: SessionsEndedListener) {
  listeners.push(listener);
}

/** Called after the sessions' rows are gone (after the transaction that deleted them, if any). */
export async function sessionsEnded(k: Kernel, ended: EndedSessions): Promise<{ continueAt?: string }> {
  if (ended.sessionIds.length === 0) return {};
  // first, no node may still let them in from its session cache
  await k.sessions.ended({ tenantId: ended.tenantId, userId: ended.userId });
  let continueAt: string | undefined;
  for (const listener of listeners) continueAt ??= (await listener(k, ended))?.continueAt;
  return { continueAt };
}

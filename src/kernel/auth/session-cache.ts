import type { Bus } from "../bus.ts";

/** What a request needs of the session behind its cookie. */
export type SessionFacts = { sessionId: string; userId: string; csrfToken: string; lastSeenAt: Date; expiresAt: Date };

const CHANNEL = "sessions.ended";
const TTL_MS = 30_000;
const MAX_ENTRIES = 100_000;

type Ended = { tenantId: string; userId: string };

/**
 * Per-node cache of sessions by cookie (token hash), so that a signed-in request runs no statement
 * to find its session. Whatever ends sessions (sign-out, revocation, password change or reset, an
 * account disabled) calls `ended(...)` (accounts' sessionsEnded), which drops the person's cached
 * sessions on every node at once through the bus
 * (Redis when several nodes run); an expired session is refused from its cached expiry, and the
 * TTL is only a safety net.
 */
export class SessionCache {
  private readonly entries = new Map<string, { s: SessionFacts; at: number }>();
  /** each person's cached keys, so that ending their sessions does not walk the whole cache */
  private readonly byPerson = new Map<string, Set<string>>();

  constructor(private readonly bus: Bus) {
    bus.subscribe(CHANNEL, (m) => this.drop(m as Ended));
  }

  get(tenantId: string, tokenHash: string): SessionFacts | undefined {
    const key = `${tenantId}:${tokenHash}`;
    const e = this.entries.get(key);
    if (!e) return undefined;
    const now = Date.now();
    if (now - e.at > TTL_MS || e.s.expiresAt.getTime() <= now) {
      this.forget(tenantId, e.s.userId, key);
      return undefined;
    }
    return e.s;
  }

  set(tenantId: string, tokenHash: string, s: SessionFacts) {
    if (this.entries.size >= MAX_ENTRIES) {
      this.entries.clear();
      this.byPerson.clear();
    }
    const key = `${tenantId}:${tokenHash}`;
    this.entries.set(key, { s, at: Date.now() });
    const person = `${tenantId}:${s.userId}`;
    const keys = this.byPerson.get(person);
    if (keys) keys.add(key);
    else this.byPerson.set(person, new Set([key]));
  }

  /** Some of a person's sessions ended: every node forgets all of theirs (the others reload). */
  ended(m: Ended): Promise<void> {
    this.drop(m);
    return this.bus.publish(CHANNEL, m);
  }

  private drop({ tenantId, userId }: Ended) {
    const person = `${tenantId}:${userId}`;
    for (const key of this.byPerson.get(person) ?? []) this.entries.delete(key);
    this.byPerson.delete(person);
  }

  private forget(tenantId: string, userId: string, key: string) {
    this.entries.delete(key);
    const person = `${tenantId}:${userId}`;
    const keys = this.byPerson.get(person);
    keys?.delete(key);
    if (keys?.size === 0) this.byPerson.delete(person);
  }
}

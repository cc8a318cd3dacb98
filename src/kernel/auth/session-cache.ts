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

  constructor(private readonly bus: Bus) {
    bus.subscribe(CHANNEL, (m) => this.drop(m as Ended));
  }

  get(tenantId: string, tokenHash: string): SessionFacts | undefined {
    const key = `${tenantId}:${tokenHash}`;
    const e = this.entries.get(key);
    if (!e) return undefined;
    const now = Date.now();
    if (now - e.at > TTL_MS || e.s.expiresAt.getTime() <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return e.s;
  }

  set(tenantId: string, tokenHash: string, s: SessionFacts) {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(`${tenantId}:${tokenHash}`, { s, at: Date.now() });
  }

  /** Some of a person's sessions ended: every node forgets all of theirs (the others reload). */
  ended(m: Ended): Promise<void> {
    this.drop(m);
    return this.bus.publish(CHANNEL, m);
  }

  private drop({ tenantId, userId }: Ended) {
    const prefix = `${tenantId}:`;
    for (const [key, e] of this.entries) if (e.s.userId === userId && key.startsWith(prefix)) this.entries.delete(key);
  }
}

import type { Bus } from "../bus.ts";
import type { Profile } from "../db/schema.ts";
import type { Grant, PartnerReach } from "./actor.ts";

/** Who a person is for authorisation: what the session lookup needs besides the session itself. */
export type ActorFacts = { profile: Profile; locale: string | null; grants: Grant[]; isOperator: boolean; partner?: PartnerReach; givenName: string; lastLoginAt: string | null };

const CHANNEL = "actors.changed";
const TTL_MS = 30_000;

/**
 * Per-node cache of each signed-in person's profile, roles and operator flag, so that an
 * authenticated request costs one single-table session lookup. Any change to roles, profiles,
 * languages or to the organisation tree (paths) publishes `actors.changed` on the bus, which
 * drops the entries on every node at once (Redis when several nodes run); the TTL is only a
 * safety net.
 */
export class ActorCache {
  private readonly entries = new Map<string, { facts: ActorFacts; at: number }>();

  constructor(private readonly bus: Bus) {
    bus.subscribe(CHANNEL, (m) => this.drop(m as { tenantId: string; userId?: string }));
  }

  get(tenantId: string, userId: string): ActorFacts | undefined {
    const e = this.entries.get(`${tenantId}:${userId}`);
    if (!e || Date.now() - e.at > TTL_MS) return undefined;
    return e.facts;
  }

  set(tenantId: string, userId: string, facts: ActorFacts) {
    if (this.entries.size > 100_000) this.entries.clear();
    this.entries.set(`${tenantId}:${userId}`, { facts, at: Date.now() });
  }

  private drop({ tenantId, userId }: { tenantId: string; userId?: string }) {
    if (userId) this.entries.delete(`${tenantId}:${userId}`);
    else for (const key of this.entries.keys()) if (key.startsWith(`${tenantId}:`)) this.entries.delete(key);
  }

  /** Tells every node that a person's (or, without userId, a whole platform's) facts changed. */
  changed(tenantId: string, userId?: string): Promise<void> {
    this.drop({ tenantId, userId });
    return this.bus.publish(CHANNEL, { tenantId, userId });
  }
}

import { sql } from "kysely";
import type { Kernel } from "../../../kernel/module.ts";

const FLUSH_MS = 1000;

/**
 * When each person last signed in (users.last_login_at, shown to admins and on the home page),
 * written once a second for all the sign-ins of that second, in one statement, rather than by an
 * UPDATE of the person's row inside every sign-in: sign-in's own path then writes only its session.
 * A crash can lose the last second's times, as with usage events; a clean stop writes them.
 */
class LastSignIns {
  private pending = new Map<string, { tenantId: string; userId: string; at: Date }>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly k: Kernel) {}

  note(tenantId: string, userId: string) {
    this.pending.set(`${tenantId}:${userId}`, { tenantId, userId, at: new Date() });
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending.clear();
    if (batch.length === 0) return this.writing;
    const rows = sql.join(batch.map((b) => sql`(${b.tenantId}::uuid, ${b.userId}::uuid, ${b.at}::timestamptz)`));
    this.writing = this.writing.then(() =>
      sql`update users u set last_login_at = v.at from (values ${rows}) as v(tenant_id, id, at)
          where u.tenant_id = v.tenant_id and u.id = v.id and (u.last_login_at is null or u.last_login_at < v.at)`
        .execute(this.k.db)
        .then(
          () => undefined,
          (e) => console.error("accounts: could not record the last sign-in times", e),
        ),
    );
    return this.writing;
  }
}

const byKernel = new WeakMap<Kernel, LastSignIns>();

/** The kernel's batch of sign-in times (one per server process and database). */
export function lastSignIns(k: Kernel): LastSignIns {
  let b = byKernel.get(k);
  if (!b) byKernel.set(k, (b = new LastSignIns(k)));
  return b;
}

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kernel } from "../../../kernel/module.ts";

/** What a one-click unsubscribe link stops: notification and digest mails, or mailing-list mails. */
export type UnsubscribeScope = "notifications" | "mailing";

const keys = new Map<string, Promise<Buffer>>();

/**
 * The platform's signing key, made on first use and kept in the database (every node signs alike).
 * The promise is cached, so a batch of mails built at once loads it once.
 */
function keyOf(k: Kernel, tenantId: string): Promise<Buffer> {
  let key = keys.get(tenantId);
  if (!key) {
    key = loadKey(k, tenantId);
    keys.set(tenantId, key);
    key.catch(() => keys.delete(tenantId));
  }
  return key;
}

async function loadKey(k: Kernel, tenantId: string): Promise<Buffer> {
  let row = await k.db.selectFrom("notification_keys").select("secret").where("tenant_id", "=", tenantId).executeTakeFirst();
  if (!row) {
    await k.db
      .insertInto("notification_keys")
      .values({ tenant_id: tenantId, secret: randomBytes(32).toString("base64url") })
      .onConflict((oc) => oc.column("tenant_id").doNothing())
      .execute();
    row = await k.db.selectFrom("notification_keys").select("secret").where("tenant_id", "=", tenantId).executeTakeFirstOrThrow();
  }
  return Buffer.from(row.secret, "base64url");
}

const sign = (key: Buffer, tenantId: string, userId: string, scope: string) =>
  createHmac("sha256", key).update(`${tenantId}:${userId}:${scope}`).digest("base64url").slice(0, 32);

/** `<userId>.<n|m>.<signature>`: works signed out, for one person, one platform and one scope. */
export async function unsubscribeToken(k: Kernel, tenantId: string, userId: string, scope: UnsubscribeScope) {
  const s = scope === "notifications" ? "n" : "m";
  return `${userId}.${s}.${sign(await keyOf(k, tenantId), tenantId, userId, s)}`;
}

export async function verifyUnsubscribeToken(k: Kernel, tenantId: string, token: string): Promise<{ userId: string; scope: UnsubscribeScope } | null> {
  const m = /^([0-9a-f-]{36})\.([nm])\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return null;
  const expected = Buffer.from(sign(await keyOf(k, tenantId), tenantId, m[1]!, m[2]!));
  const given = Buffer.from(m[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { userId: m[1]!, scope: m[2] === "n" ? "notifications" : "mailing" };
}

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kernel } from "../module.ts";

const keys = new Map<string, Buffer>();

/** The platform's key for signing invitation links, made on first use and kept in the database (every node signs alike). */
async function keyOf(k: Kernel, tenantId: string): Promise<Buffer> {
  const cached = keys.get(tenantId);
  if (cached) return cached;
  await k.db
    .insertInto("signing_keys")
    .values({ tenant_id: tenantId, secret: randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("tenant_id").doNothing())
    .execute();
  const row = await k.db.selectFrom("signing_keys").select("secret").where("tenant_id", "=", tenantId).executeTakeFirstOrThrow();
  const key = Buffer.from(row.secret, "base64url");
  keys.set(tenantId, key);
  return key;
}

/** What a link is for ("invite": a parent's, "partner": a partner contact's) is signed too, so one kind never opens another. */
export type TokenPurpose = "invite" | "partner";

const sign = (key: Buffer, purpose: TokenPurpose, tenantId: string, id: string, exp: number) =>
  createHmac("sha256", key).update(`${purpose}:${tenantId}:${id}:${exp}`).digest("base64url");

/** `<invitationId>.<expiry, unix seconds>.<HMAC-SHA256>`: bound to one invitation, one platform and its expiry. */
export async function invitationToken(k: Kernel, purpose: TokenPurpose, tenantId: string, id: string, expiresAt: Date) {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${id}.${exp}.${sign(await keyOf(k, tenantId), purpose, tenantId, id, exp)}`;
}

/** The invitation a link names when its signature holds (expiry is checked by the caller against the row), else null. */
export async function verifyInvitationToken(k: Kernel, purpose: TokenPurpose, tenantId: string, token: string): Promise<string | null> {
  const m = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const expected = Buffer.from(sign(await keyOf(k, tenantId), purpose, tenantId, m[1]!, Number(m[2])));
  const given = Buffer.from(m[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return m[1]!;
}

import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { Kernel } from "../../../kernel/module.ts";

export type PlatformKeys = { jwks: { keys: Record<string, unknown>[] }; cookieKeys: string[] };

/**
 * A platform's signing key (RS256) and cookie keys: made by the first node that needs them and
 * kept in the database so every node signs alike. Only the public half ever leaves (the JWKS).
 */
export async function platformKeys(k: Kernel, tenantId: string): Promise<PlatformKeys> {
  const found = await k.db.selectFrom("idp_keys").select(["jwks", "cookie_keys"]).where("tenant_id", "=", tenantId).executeTakeFirst();
  if (found) return { jwks: found.jwks as PlatformKeys["jwks"], cookieKeys: found.cookie_keys };
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: randomBytes(8).toString("hex"), alg: "RS256", use: "sig" };
  // two nodes racing: the first insert wins and both read it back
  await k.db
    .insertInto("idp_keys")
    .values({ tenant_id: tenantId, jwks: JSON.stringify({ keys: [jwk] }), cookie_keys: [randomBytes(32).toString("base64url")] })
    .onConflict((oc) => oc.column("tenant_id").doNothing())
    .execute();
  const row = await k.db.selectFrom("idp_keys").select(["jwks", "cookie_keys"]).where("tenant_id", "=", tenantId).executeTakeFirstOrThrow();
  return { jwks: row.jwks as PlatformKeys["jwks"], cookieKeys: row.cookie_keys };
}

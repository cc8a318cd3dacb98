import { type Kysely, sql } from "kysely";
import type { Adapter, AdapterPayload } from "oidc-provider";
import { hashToken } from "../../../kernel/auth/tokens.ts";
import type { DB } from "../../../kernel/db/schema.ts";
import { findClientMetadata } from "./repo.ts";

/**
 * Models whose id is the bearer value itself (a code, a token): only its hash is stored and the
 * value is put back from the caller's argument, so the table gives nothing to replay. Sessions,
 * interactions and grants keep their id in the payload (the library reads sessions back by uid).
 */
const BEARER = new Set([
  "AccessToken",
  "AuthorizationCode",
  "RefreshToken",
  "ClientCredentials",
  "DeviceCode",
  "BackchannelAuthenticationRequest",
  "RegistrationAccessToken",
  "InitialAccessToken",
  "PushedAuthorizationRequest",
]);

/**
 * oidc-provider's storage in the platform's database (PGlite or PostgreSQL), so that every
 * application node shares sessions, codes and tokens. One adapter class per platform: every
 * statement is scoped by its tenant. Clients come from the idp_clients table (registered by admins).
 */
export function databaseAdapter(db: Kysely<DB>, tenantId: string, archipelSession: () => { sessionId: string; userId: string; issuer: string } | undefined) {
  return class DatabaseAdapter implements Adapter {
    constructor(readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
      const stored = BEARER.has(this.model) ? { ...payload, jti: undefined } : payload;
      // a provider session signed in as the Archipel session's person follows that session
      const link = this.model === "Session" && payload.accountId ? archipelSession() : undefined;
      const follows = link && link.userId === payload.accountId ? link : undefined;
      const row = {
        tenant_id: tenantId,
        model: this.model,
        id_hash: hashToken(id),
        payload: JSON.stringify(stored),
        grant_id: payload.grantId ?? null,
        uid: payload.uid ?? null,
        expires_at: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
        archipel_session_id: follows?.sessionId ?? null,
        issuer: follows?.issuer ?? null,
      };
      await db
        .insertInto("idp_models")
        .values(row)
        .onConflict((oc) =>
          oc.columns(["tenant_id", "model", "id_hash"]).doUpdateSet((eb) => ({
            payload: row.payload,
            grant_id: row.grant_id,
            uid: row.uid,
            expires_at: row.expires_at,
            archipel_session_id: eb.fn.coalesce("excluded.archipel_session_id", "idp_models.archipel_session_id"),
            issuer: eb.fn.coalesce("excluded.issuer", "idp_models.issuer"),
          })),
        )
        .execute();
      // expired rows go now and then, a little at a time
      if (Math.random() < 0.02)
        await db.deleteFrom("idp_models").where("tenant_id", "=", tenantId).where("expires_at", "<", sql<Date>`now() - interval '1 hour'`).execute();
    }

    async find(id: string) {
      if (this.model === "Client") return (await findClientMetadata(db, tenantId, id)) as AdapterPayload | undefined;
      const row = await this.live().where("id_hash", "=", hashToken(id)).executeTakeFirst();
      return row ? this.payload(row, id) : undefined;
    }

    async findByUid(uid: string) {
      const row = await this.live().where("uid", "=", uid).executeTakeFirst();
      return row ? this.payload(row) : undefined;
    }

    async findByUserCode() {
      return undefined; // the device flow is off
    }

    async consume(id: string) {
      await db
        .updateTable("idp_models")
        .set({ consumed_at: new Date(), payload: sql`payload || jsonb_build_object('consumed', extract(epoch from now())::int)` })
        .where("tenant_id", "=", tenantId)
        .where("model", "=", this.model)
        .where("id_hash", "=", hashToken(id))
        .execute();
    }

    async destroy(id: string) {
      await db.deleteFrom("idp_models").where("tenant_id", "=", tenantId).where("model", "=", this.model).where("id_hash", "=", hashToken(id)).execute();
    }

    async revokeByGrantId(grantId: string) {
      await db.deleteFrom("idp_models").where("tenant_id", "=", tenantId).where("grant_id", "=", grantId).execute();
    }

    private live() {
      return db
        .selectFrom("idp_models")
        .select(["payload"])
        .where("tenant_id", "=", tenantId)
        .where("model", "=", this.model)
        .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", new Date())]));
    }

    private payload(row: { payload: unknown }, id?: string): AdapterPayload {
      const p = (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload) as AdapterPayload;
      return BEARER.has(this.model) && id ? { ...p, jti: id } : p;
    }
  };
}

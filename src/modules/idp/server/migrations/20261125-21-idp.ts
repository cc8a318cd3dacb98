import { type Kysely, sql } from "kysely";

/**
 * Archipel as an identity provider. Per platform: its signing keys and cookie keys (made once,
 * never served but the public half in the JWKS), the OpenID Connect clients registered for its
 * portal services (the secret only as a SHA-256 hash), the provider's models (sessions, codes,
 * tokens, grants: keyed by the SHA-256 of their id, so a database read gives no usable token),
 * and CAS service tickets (hashed, single use).
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table idp_keys (
      tenant_id uuid not null primary key references tenants(id),
      jwks jsonb not null,
      cookie_keys text[] not null,
      created_at timestamptz not null default now()
    );
    create table idp_clients (
      tenant_id uuid not null,
      service_id uuid not null,
      client_id text not null,
      secret_hash text not null,
      auth_method text not null default 'client_secret_basic' check (auth_method in ('client_secret_basic', 'client_secret_post')),
      redirect_uris text[] not null,
      post_logout_redirect_uris text[] not null default '{}',
      backchannel_logout_uri text,
      frontchannel_logout_uri text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, service_id),
      unique (tenant_id, client_id),
      foreign key (tenant_id, service_id) references portal_services (tenant_id, id) on delete cascade
    );
    create table idp_models (
      tenant_id uuid not null,
      model text not null,
      id_hash text not null,
      payload jsonb not null,
      grant_id text,
      uid text,
      expires_at timestamptz,
      consumed_at timestamptz,
      primary key (tenant_id, model, id_hash)
    );
    create index idp_models_grant on idp_models (tenant_id, grant_id) where grant_id is not null;
    create index idp_models_uid on idp_models (tenant_id, uid) where uid is not null;
    create index idp_models_expiry on idp_models (expires_at);
    create table cas_tickets (
      tenant_id uuid not null,
      ticket_hash text not null,
      service text not null,
      service_id uuid not null,
      user_id uuid not null,
      expires_at timestamptz not null,
      primary key (tenant_id, ticket_hash),
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
  `.execute(db);
}

import { type Kysely, sql } from "kysely";

/**
 * Single sign-on in: the platform's external identity providers (OpenID Connect, SAML 2.0, CAS 3.0)
 * with their attribute mapping, the external identities linked to accounts, the sign-in flows in
 * progress (state, PKCE verifier, nonce, SAML request id, bound to the browser by a cookie hash)
 * and the failures an admin reads.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table sso_providers (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      kind text not null check (kind in ('oidc', 'saml', 'cas')),
      name text not null check (length(name) between 1 and 80),
      enabled boolean not null default true,
      settings jsonb not null,
      secret text,
      mapping jsonb not null,
      default_profile text not null check (default_profile in ('learner', 'teacher', 'parent', 'staff')),
      link_by_email boolean not null default false,
      create_accounts boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id)
    );
    create table sso_identities (
      tenant_id uuid not null,
      id uuid not null,
      provider_id uuid not null,
      subject text not null,
      user_id uuid not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, provider_id, subject),
      foreign key (tenant_id, provider_id) references sso_providers (tenant_id, id) on delete cascade,
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create index sso_identities_user on sso_identities (tenant_id, user_id);
    create table sso_flows (
      tenant_id uuid not null,
      id uuid not null,
      provider_id uuid not null,
      binding_hash text not null,
      code_verifier text,
      nonce text,
      request_id text,
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, provider_id) references sso_providers (tenant_id, id) on delete cascade
    );
    create index sso_flows_expiry on sso_flows (tenant_id, expires_at);
    create table sso_failures (
      tenant_id uuid not null,
      id uuid not null,
      provider_id uuid,
      code text not null,
      detail text not null,
      at timestamptz not null default now(),
      primary key (tenant_id, id)
    );
    create index sso_failures_at on sso_failures (tenant_id, at desc);
  `.execute(db);
}

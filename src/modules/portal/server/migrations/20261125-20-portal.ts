import { type Kysely, sql } from "kysely";

/**
 * Services portal. The network catalogue is deployment-wide (the operator's, no tenant_id);
 * a platform's services are its own additions and the catalogue entries it adopted (copied so
 * that reads stay on one tenant table; the operator's edits are copied over). Settings say, per
 * organisation node, whether a service is enabled or hidden below it and for which profiles.
 * Usage counts launches and distinct people per service and day.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table portal_catalog (
      id uuid primary key,
      name text not null check (length(name) between 1 and 120),
      description text not null default '' check (length(description) <= 500),
      icon_url text,
      url text not null,
      sign_on text not null check (sign_on in ('oidc', 'cas', 'none')),
      archived_at timestamptz,
      created_at timestamptz not null default now()
    );
    create table portal_services (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      catalog_id uuid,
      org_id uuid not null,
      name text not null check (length(name) between 1 and 120),
      description text not null default '' check (length(description) <= 500),
      icon_url text,
      url text not null,
      sign_on text not null check (sign_on in ('oidc', 'cas', 'none')),
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, org_id) references orgs (tenant_id, id)
    );
    create unique index portal_services_catalog on portal_services (tenant_id, catalog_id) where catalog_id is not null;
    create index portal_services_by_catalog on portal_services (catalog_id) where catalog_id is not null;
    create table portal_settings (
      tenant_id uuid not null,
      org_id uuid not null,
      service_id uuid not null,
      enabled boolean not null,
      profiles text[] not null default '{}',
      updated_at timestamptz not null default now(),
      primary key (tenant_id, service_id, org_id),
      foreign key (tenant_id, org_id) references orgs (tenant_id, id),
      foreign key (tenant_id, service_id) references portal_services (tenant_id, id) on delete cascade
    );
    create table portal_usage (
      tenant_id uuid not null,
      service_id uuid not null,
      day date not null,
      launches int not null default 0,
      people int not null default 0,
      primary key (tenant_id, service_id, day),
      foreign key (tenant_id, service_id) references portal_services (tenant_id, id) on delete cascade
    );
    create table portal_launchers (
      tenant_id uuid not null,
      service_id uuid not null,
      day date not null,
      user_id uuid not null,
      primary key (tenant_id, service_id, day, user_id)
    );
  `.execute(db);
}

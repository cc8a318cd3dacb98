import { type Kysely, sql } from "kysely";

/**
 * Single sign-out. The provider's sessions remember the Archipel session they follow (and the
 * issuer they were made at), so that ending an Archipel session, however it ends, ends them and
 * tells their services. CAS tickets remember their Archipel session and whether they were issued
 * on a password just typed (renew); a validated ticket is kept (it is spent: it cannot be
 * replayed) as the SessionIndex of the service's session, to be named in the service's
 * LogoutRequest. A CAS service may turn Single Logout off.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    alter table idp_models add column archipel_session_id uuid, add column issuer text;
    create index idp_models_archipel_session on idp_models (tenant_id, archipel_session_id) where archipel_session_id is not null;
    alter table cas_tickets add column session_id uuid, add column renewed boolean not null default false;
    create table cas_logins (
      tenant_id uuid not null,
      session_id uuid not null,
      ticket text not null,
      service text not null,
      service_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, session_id, ticket),
      foreign key (tenant_id, service_id) references portal_services (tenant_id, id) on delete cascade
    );
    create index cas_logins_created on cas_logins (created_at);
    create table cas_services (
      tenant_id uuid not null,
      service_id uuid not null,
      single_logout boolean not null default true,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, service_id),
      foreign key (tenant_id, service_id) references portal_services (tenant_id, id) on delete cascade
    );
  `.execute(db);
}

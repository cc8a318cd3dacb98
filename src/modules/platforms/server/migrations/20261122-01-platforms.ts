import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>) {
  await sql`
    create table tenants (
      id uuid primary key,
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
      status text not null default 'active' check (status in ('active', 'suspended')),
      default_locale text not null default 'fr',
      root_org_id uuid not null,
      created_at timestamptz not null default now()
    );
    create table hostnames (
      hostname text primary key,
      tenant_id uuid not null references tenants(id)
    );
    create index hostnames_tenant on hostnames (tenant_id);
    create table deployment_operators (
      tenant_id uuid not null references tenants(id),
      user_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, user_id)
    );
    create table mail_outbox (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      to_address text not null,
      subject text not null,
      text_body text not null,
      html_body text not null,
      status text not null check (status in ('kept', 'sent', 'failed')),
      error text,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id)
    );
    create index mail_outbox_created on mail_outbox (created_at desc);
  `.execute(db);
}

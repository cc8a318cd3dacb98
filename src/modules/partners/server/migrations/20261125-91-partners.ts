import { type Kysely, sql } from "kysely";

/**
 * Partners: outside organisations working inside this platform. A partnership hangs on the host
 * node whose admins run it; its scopes name the courses its trainers teach ('teach') and the part
 * of the catalogue its learners may enrol in ('enrol': a course or a whole organisation branch).
 * Its people hold no organisation role: everything they may reach comes from the partnership.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table partners (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      org_id uuid not null,
      name text not null check (length(name) between 1 and 200),
      contact_email text not null,
      status text not null default 'invited' check (status in ('invited', 'active', 'suspended', 'ended')),
      starts_at timestamptz,
      ends_at timestamptz,
      invite_expires_at timestamptz not null,
      invited_by uuid not null,
      accepted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, org_id) references orgs (tenant_id, id)
    );
    create index partners_org on partners (tenant_id, org_id);
    create table partner_scopes (
      tenant_id uuid not null,
      partner_id uuid not null,
      kind text not null check (kind in ('teach', 'enrol')),
      course_id uuid,
      org_id uuid,
      check ((course_id is null) <> (org_id is null)),
      check (kind = 'enrol' or org_id is null),
      foreign key (tenant_id, partner_id) references partners (tenant_id, id) on delete cascade,
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade,
      foreign key (tenant_id, org_id) references orgs (tenant_id, id)
    );
    create unique index partner_scopes_one on partner_scopes (tenant_id, partner_id, kind, coalesce(course_id, org_id));
    create table partner_people (
      tenant_id uuid not null,
      user_id uuid not null,
      partner_id uuid not null,
      role text not null check (role in ('manager', 'trainer', 'learner')),
      created_at timestamptz not null default now(),
      primary key (tenant_id, user_id),
      foreign key (tenant_id, partner_id) references partners (tenant_id, id) on delete cascade,
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create index partner_people_partner on partner_people (tenant_id, partner_id);
  `.execute(db);
}

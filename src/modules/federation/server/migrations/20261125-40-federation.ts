import { type Kysely, sql } from "kysely";

/**
 * Federation between platforms. Each platform keeps its own copy of an agreement and its own audit
 * log (same agreement id on both sides, written together), so every read stays within one tenant.
 * The host platform knows a guest learner or co-teacher as a "federated person" (a user row without
 * password, roles or email); the home platform keeps each person's own record of what they did.
 * Support grants let a platform's admin open its data to one deployment operator for a while.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table federation_agreements (
      tenant_id uuid not null,
      id uuid not null,
      side text not null check (side in ('grantor', 'grantee')),
      grantor_tenant_id uuid not null,
      grantee_tenant_id uuid not null,
      browse boolean not null default false,
      enrol_course_ids uuid[] not null default '{}',
      copy_course_ids uuid[] not null default '{}',
      coteach_course_ids uuid[] not null default '{}',
      course_titles jsonb not null default '{}',
      starts_on date not null,
      ends_on date not null check (ends_on >= starts_on),
      status text not null default 'proposed' check (status in ('proposed', 'accepted', 'declined', 'revoked')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id)
    );
    create table federation_audit (
      tenant_id uuid not null,
      id uuid not null,
      agreement_id uuid,
      action text not null,
      actor_platform text not null,
      actor_name text not null,
      detail jsonb not null default '{}',
      created_at timestamptz not null default now(),
      primary key (tenant_id, id)
    );
    create index federation_audit_recent on federation_audit (tenant_id, id desc);
    create table federation_people (
      tenant_id uuid not null,
      user_id uuid not null,
      home_tenant_id uuid not null,
      home_user_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, user_id),
      unique (tenant_id, home_tenant_id, home_user_id),
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create table federation_enrolments (
      tenant_id uuid not null,
      user_id uuid not null,
      course_id uuid not null,
      role text not null check (role in ('learner', 'teacher')),
      agreement_id uuid not null,
      host_tenant_id uuid not null,
      host_name text not null,
      course_title text not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, user_id, course_id, role),
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create table federation_records (
      tenant_id uuid not null,
      user_id uuid not null,
      course_id uuid not null,
      item_id uuid not null,
      item_title text not null,
      done_at timestamptz,
      primary key (tenant_id, user_id, course_id, item_id),
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create table support_grants (
      tenant_id uuid not null,
      id uuid not null,
      operator_tenant_id uuid not null,
      operator_user_id uuid not null,
      operator_name text not null,
      expires_at timestamptz not null,
      revoked_at timestamptz,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id)
    );
    create index support_grants_operator on support_grants (operator_tenant_id, operator_user_id, expires_at);
    alter table course_members drop constraint course_members_source_check;
    alter table course_members add constraint course_members_source_check
      check (source in ('self', 'teacher', 'org', 'csv', 'creator', 'copy', 'programme', 'federation'));
  `.execute(db);
}

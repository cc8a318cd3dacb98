import { type Kysely, sql } from "kysely";

/**
 * School workspace foundation. Classes are organisation nodes of kind 'class' (orgs module);
 * this adds the platform's subjects, who teaches what in which class, the links between parents
 * and their children, and invitations mailed to parents to link (or create) their account.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table school_subjects (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      code text not null check (code ~ '^[A-Za-z0-9._-]{1,20}$'),
      name text not null check (length(name) between 1 and 120),
      color text not null check (color ~ '^#[0-9a-f]{6}$'),
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id)
    );
    create unique index school_subjects_code on school_subjects (tenant_id, lower(code));
    create table school_teachings (
      tenant_id uuid not null,
      id uuid not null,
      class_id uuid not null,
      subject_id uuid not null,
      teacher_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, class_id, subject_id, teacher_id),
      foreign key (tenant_id, class_id) references orgs (tenant_id, id),
      foreign key (tenant_id, subject_id) references school_subjects (tenant_id, id),
      foreign key (tenant_id, teacher_id) references users (tenant_id, id) on delete cascade
    );
    create index school_teachings_teacher on school_teachings (tenant_id, teacher_id);
    create table school_guardians (
      tenant_id uuid not null,
      id uuid not null,
      parent_id uuid not null,
      child_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, parent_id, child_id),
      foreign key (tenant_id, parent_id) references users (tenant_id, id) on delete cascade,
      foreign key (tenant_id, child_id) references users (tenant_id, id) on delete cascade
    );
    create index school_guardians_child on school_guardians (tenant_id, child_id);
    create table school_invitations (
      tenant_id uuid not null,
      id uuid not null,
      child_id uuid not null,
      email text not null,
      given_name text not null,
      family_name text not null,
      invited_by uuid not null,
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_by uuid,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, child_id) references users (tenant_id, id) on delete cascade
    );
    create index school_invitations_child on school_invitations (tenant_id, child_id);
    create table school_keys (
      tenant_id uuid not null primary key references tenants(id),
      secret text not null,
      created_at timestamptz not null default now()
    );
  `.execute(db);
}

import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>) {
  await sql`
    create table users (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      username text not null check (username ~ '^[a-z0-9._@-]{2,120}$'),
      email text,
      given_name text not null,
      family_name text not null,
      profile text not null check (profile in ('learner', 'teacher', 'parent', 'staff', 'admin')),
      locale text,
      password_hash text,
      status text not null default 'active' check (status in ('active', 'disabled', 'importing')),
      import_id uuid,
      failed_logins int not null default 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, username)
    );
    create unique index users_email on users (tenant_id, lower(email)) where email is not null;
    create index users_import on users (tenant_id, import_id) where import_id is not null;
    create table role_assignments (
      tenant_id uuid not null,
      id uuid not null,
      user_id uuid not null,
      org_id uuid not null,
      role text not null check (role in ('learner', 'teacher', 'parent', 'staff', 'admin')),
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, user_id, org_id, role),
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
      foreign key (tenant_id, org_id) references orgs (tenant_id, id)
    );
    create index role_assignments_org on role_assignments (tenant_id, org_id);
    create table sessions (
      tenant_id uuid not null,
      id uuid not null,
      user_id uuid not null,
      token_hash text not null,
      csrf_token text not null,
      user_agent text,
      ip text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      primary key (tenant_id, id),
      unique (tenant_id, token_hash),
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create index sessions_user on sessions (tenant_id, user_id);
    create table password_resets (
      tenant_id uuid not null,
      id uuid not null,
      user_id uuid not null,
      token_hash text not null,
      expires_at timestamptz not null,
      used_at timestamptz,
      primary key (tenant_id, id),
      unique (tenant_id, token_hash),
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
  `.execute(db);
}

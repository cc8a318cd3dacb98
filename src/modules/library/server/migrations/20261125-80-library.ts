import { type Kysely, sql } from "kysely";

/**
 * The network's shared library ("formathèque").
 * Deployment-wide (no tenant_id; like tenants): `library_entries` and `library_versions`, what a
 * platform chose to publish; a version's `content` is an immutable snapshot of the course.
 * Tenant-owned (tenant_id, guarded): `library_settings` (may teachers publish?), `library_imports`
 * (which course of the platform came from which version, copy or linked) and `library_origins`
 * (for a linked copy: which local section or item came from which snapshot key, and a hash of
 * its content as last brought in, to tell local edits from untouched rows).
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table library_entries (
      id uuid primary key,
      publisher_tenant_id uuid not null references tenants (id) on delete cascade,
      source_course_id uuid not null,
      title text not null check (length(title) between 1 and 300),
      description text not null default '' check (length(description) <= 5000),
      language text not null,
      level text not null check (level in ('beginner', 'intermediate', 'advanced')),
      licence text not null,
      subjects text[] not null default '{}',
      latest_version int not null default 1,
      withdrawn_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (publisher_tenant_id, source_course_id)
    );
    create index library_entries_browse on library_entries (language, level) where withdrawn_at is null;
    create table library_versions (
      entry_id uuid not null references library_entries (id) on delete cascade,
      number int not null check (number >= 1),
      change_notes text not null default '' check (length(change_notes) <= 5000),
      content jsonb not null,
      sections int not null,
      items int not null,
      published_by_name text not null,
      published_at timestamptz not null default now(),
      primary key (entry_id, number)
    );
    create table library_settings (
      tenant_id uuid not null primary key,
      teachers_may_publish boolean not null default false
    );
    create table library_imports (
      tenant_id uuid not null,
      course_id uuid not null,
      entry_id uuid not null references library_entries (id),
      version int not null,
      linked boolean not null,
      imported_by uuid,
      imported_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, course_id),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade
    );
    create index library_imports_entry on library_imports (entry_id);
    create table library_origins (
      tenant_id uuid not null,
      course_id uuid not null,
      key uuid not null,
      kind text not null check (kind in ('section', 'item')),
      local_id uuid not null,
      hash text not null,
      primary key (tenant_id, course_id, key),
      foreign key (tenant_id, course_id) references library_imports (tenant_id, course_id) on delete cascade
    );
  `.execute(db);
}

import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>) {
  // path: '/rootId/childId/.../selfId/' so a subtree is one prefix match and a move one update
  await sql`
    create table orgs (
      tenant_id uuid not null references tenants(id),
      id uuid not null,
      parent_id uuid,
      path text not null,
      name text not null check (length(name) between 1 and 200),
      kind text not null check (kind in ('platform', 'region', 'department', 'site', 'school', 'class', 'group', 'other')),
      code text,
      primary_color text check (primary_color ~ '^#[0-9a-f]{6}$'),
      logo_url text,
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, parent_id) references orgs (tenant_id, id),
      unique (tenant_id, path)
    );
    create index orgs_parent on orgs (tenant_id, parent_id);
    create index orgs_path on orgs (tenant_id, path text_pattern_ops);
    create unique index orgs_code on orgs (tenant_id, code) where code is not null;
  `.execute(db);
}

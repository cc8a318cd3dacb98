import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>) {
  await sql`
    create table user_imports (
      tenant_id uuid not null,
      id uuid not null,
      actor_id uuid not null,
      org_id uuid not null,
      file_name text not null,
      status text not null check (status in ('running', 'done', 'failed')),
      total int not null,
      done int not null default 0,
      created_users int not null default 0,
      created_classes int not null default 0,
      error text,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      primary key (tenant_id, id)
    );
  `.execute(db);
}

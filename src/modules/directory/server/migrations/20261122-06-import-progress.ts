import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>) {
  // class_ids: classes the import created (removed again if it fails);
  // updated_at: a heartbeat, so an import left "running" by a stopped server is recognised and undone
  await sql`
    alter table user_imports
      add column class_ids jsonb not null default '[]',
      add column updated_at timestamptz not null default now();
    create index user_imports_running on user_imports (tenant_id, updated_at) where status = 'running';
  `.execute(db);
}

import { type Kysely, sql } from "kysely";

/**
 * Read-only access to the homework diary for people outside the class (inspectors): a grant on
 * an organisation node opens the diary of every class in its subtree, and nothing else.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table school_diary_readers (
      tenant_id uuid not null,
      id uuid not null,
      org_id uuid not null,
      user_id uuid not null,
      granted_by uuid,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, user_id, org_id),
      foreign key (tenant_id, org_id) references orgs (tenant_id, id) on delete cascade,
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create index school_diary_readers_org on school_diary_readers (tenant_id, org_id);
  `.execute(db);
}

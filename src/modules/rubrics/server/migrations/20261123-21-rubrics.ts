import { type Kysely, sql } from "kysely";

/**
 * Rubrics (criteria × levels with points) and marking guides (criteria with a maximum and a
 * comment), stored whole as JSON checked by the shared Zod schema: they are always read and
 * written as one document.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table rubrics (
      tenant_id uuid not null,
      id uuid not null,
      course_id uuid not null,
      kind text not null check (kind in ('rubric', 'guide')),
      definition jsonb not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade
    );
    create index rubrics_course on rubrics (tenant_id, course_id);
  `.execute(db);
}

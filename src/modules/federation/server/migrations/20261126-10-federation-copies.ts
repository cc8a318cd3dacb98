import { type Kysely, sql } from "kysely";

/**
 * Courses copied from a partner platform under the "copy" right: the receiving platform keeps,
 * beside the copy (an independent course of its own), where it came from. The names are kept as
 * they were on the day of the copy, so the note stays readable after the agreement ends or the
 * source course is renamed or removed. The granting platform keeps no row: both logs say it.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table federation_copies (
      tenant_id uuid not null,
      course_id uuid not null,
      agreement_id uuid not null,
      source_tenant_id uuid not null,
      source_platform text not null,
      source_course_id uuid not null,
      source_title text not null,
      copied_by uuid,
      copied_by_name text not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, course_id),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade,
      foreign key (tenant_id, copied_by) references users (tenant_id, id) on delete set null (copied_by)
    );
    create index federation_copies_source on federation_copies (tenant_id, source_course_id);
  `.execute(db);
}

import { type Kysely, sql } from "kysely";

/**
 * Who funds a learner's training in a course (an OPCO, a region, an employer...): one free-text
 * name per enrolment, which funder reports filter on. Kept beside the enrolment, not on it:
 * reporting owns it, and an enrolment removed and made again keeps its funder.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table funding (
      tenant_id uuid not null,
      course_id uuid not null,
      user_id uuid not null,
      funder text not null check (length(funder) between 1 and 200),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, course_id, user_id),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade,
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create index funding_funder on funding (tenant_id, course_id, funder);
  `.execute(db);
}

import { type Kysely, sql } from "kysely";

/**
 * Ratings and reviews of a course by its learners, one per person, with a teacher's reply; flags;
 * and a per-course aggregate (count and sum of visible stars) the catalogue joins cheaply.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table course_reviews (
      tenant_id uuid not null,
      id uuid not null,
      course_id uuid not null,
      user_id uuid not null,
      stars smallint not null check (stars between 1 and 5),
      body text not null default '' check (length(body) <= 5000),
      status text not null default 'visible' check (status in ('visible', 'hidden')),
      hidden_reason text,
      flag_count int not null default 0,
      reply text,
      reply_by uuid,
      reply_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, course_id, user_id),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade,
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create index course_reviews_course on course_reviews (tenant_id, course_id, id desc);
    create table course_review_flags (
      tenant_id uuid not null,
      review_id uuid not null,
      user_id uuid not null,
      reason text not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, review_id, user_id),
      foreign key (tenant_id, review_id) references course_reviews (tenant_id, id) on delete cascade
    );
    create table course_rating_stats (
      tenant_id uuid not null,
      course_id uuid not null,
      count int not null default 0,
      total int not null default 0,
      primary key (tenant_id, course_id),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade
    );
  `.execute(db);
}

import { type Kysely, sql } from "kysely";

/**
 * Gradebook: grade items (one per quiz or assignment, plus columns teachers add by hand) grouped
 * in weighted categories, one grade per learner and item, and the audit trail of every change a
 * person made. A grade keeps the computed score (from its source) apart from a teacher's override,
 * so a later recomputation never erases the override. Scores are double precision (pg returns
 * numbers, not strings). Also opens course items to the completion rule 'graded'.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    alter table course_items drop constraint if exists course_items_completion_check;
    alter table course_items add constraint course_items_completion_check check (completion in ('none', 'viewed', 'done', 'graded'));
    create table gradebook_platform (
      tenant_id uuid not null primary key,
      default_scale text not null default 'percent'
    );
    create table gradebook_courses (
      tenant_id uuid not null,
      course_id uuid not null,
      scale text,
      uncategorised_weight double precision not null default 1 check (uncategorised_weight >= 0 and uncategorised_weight <= 1000),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, course_id),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade
    );
    create table grade_scales (
      tenant_id uuid not null,
      id uuid not null,
      course_id uuid,
      name text not null check (length(name) between 1 and 100),
      bands jsonb not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade
    );
    create table grade_categories (
      tenant_id uuid not null,
      id uuid not null,
      course_id uuid not null,
      name text not null check (length(name) between 1 and 200),
      weight double precision not null default 1 check (weight >= 0 and weight <= 1000),
      drop_lowest int not null default 0 check (drop_lowest between 0 and 100),
      position int not null default 0,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade
    );
    create table grade_items (
      tenant_id uuid not null,
      id uuid not null,
      course_id uuid not null,
      category_id uuid,
      source_type text not null check (source_type in ('quiz', 'assignment', 'manual')),
      source_id uuid,
      course_item_id uuid,
      title text not null check (length(title) between 1 and 300),
      max_score double precision not null check (max_score > 0),
      pass_score double precision check (pass_score is null or pass_score >= 0),
      released boolean not null default false,
      position int not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      check ((source_type = 'manual') = (source_id is null)),
      unique (tenant_id, source_type, source_id),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade,
      foreign key (tenant_id, category_id) references grade_categories (tenant_id, id) on delete set null (category_id)
    );
    create index grade_items_course on grade_items (tenant_id, course_id, position);
    create index grade_items_course_item on grade_items (tenant_id, course_item_id);
    create table grades (
      tenant_id uuid not null,
      grade_item_id uuid not null,
      user_id uuid not null,
      course_id uuid not null,
      score double precision,
      overridden boolean not null default false,
      override_score double precision,
      released boolean not null default false,
      graded_by uuid,
      graded_at timestamptz,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, grade_item_id, user_id),
      foreign key (tenant_id, grade_item_id) references grade_items (tenant_id, id) on delete cascade,
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create index grades_course_user on grades (tenant_id, course_id, user_id);
    create table grade_history (
      tenant_id uuid not null,
      id uuid not null,
      grade_item_id uuid not null,
      user_id uuid not null,
      course_id uuid not null,
      actor_id uuid,
      kind text not null check (kind in ('entered', 'override', 'cleared', 'imported')),
      old_score double precision,
      new_score double precision,
      reason text not null default '' check (length(reason) <= 1000),
      at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, grade_item_id) references grade_items (tenant_id, id) on delete cascade
    );
    create index grade_history_grade on grade_history (tenant_id, grade_item_id, user_id, at);
  `.execute(db);
}

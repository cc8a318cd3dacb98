import { type Kysely, sql } from "kysely";

/**
 * Quizzes are course items of kind "quiz": their settings (one row per item), their slots (a fixed
 * question version or a random draw from a category), accommodations per learner, attempts with
 * the questions frozen at start, answers (one row per attempt and slot, guarded by the client's
 * sequence number) and the audit trail of every manual grade, override and regrade.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    alter table course_items drop constraint if exists course_items_kind_check;
    alter table course_items add constraint course_items_kind_check check (kind in ('page', 'file', 'video', 'link', 'quiz', 'assignment'));
    create table quizzes (
      tenant_id uuid not null,
      item_id uuid not null,
      course_id uuid not null,
      intro text not null default '' check (length(intro) <= 5000),
      time_limit_s int check (time_limit_s is null or time_limit_s between 60 and 604800),
      opens_at timestamptz,
      closes_at timestamptz,
      attempts_allowed int check (attempts_allowed is null or attempts_allowed between 1 and 100),
      grading_method text not null default 'highest' check (grading_method in ('highest', 'last', 'average')),
      shuffle_questions boolean not null default false,
      shuffle_answers boolean not null default true,
      review_marks text not null default 'immediately' check (review_marks in ('immediately', 'after_close', 'never')),
      review_answers text not null default 'after_close' check (review_answers in ('immediately', 'after_close', 'never')),
      pass_percent double precision check (pass_percent is null or pass_percent between 0 and 100),
      grades_released_at timestamptz,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, item_id),
      check (closes_at is null or opens_at is null or closes_at > opens_at),
      foreign key (tenant_id, item_id) references course_items (tenant_id, id) on delete cascade,
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade
    );
    create index quizzes_closes on quizzes (closes_at) where closes_at is not null and grades_released_at is null;
    create table quiz_slots (
      tenant_id uuid not null,
      id uuid not null,
      quiz_id uuid not null,
      position int not null,
      page int not null default 1 check (page between 1 and 200),
      question_id uuid,
      version_id uuid,
      category_id uuid,
      points double precision not null check (points >= 0 and points <= 1000),
      primary key (tenant_id, id),
      check ((version_id is not null and question_id is not null and category_id is null) or (version_id is null and question_id is null and category_id is not null)),
      foreign key (tenant_id, quiz_id) references quizzes (tenant_id, item_id) on delete cascade
    );
    create index quiz_slots_quiz on quiz_slots (tenant_id, quiz_id, position);
    create table quiz_accommodations (
      tenant_id uuid not null,
      quiz_id uuid not null,
      user_id uuid not null,
      extra_time_s int not null default 0 check (extra_time_s between 0 and 604800),
      extra_attempts int not null default 0 check (extra_attempts between 0 and 100),
      primary key (tenant_id, quiz_id, user_id),
      foreign key (tenant_id, quiz_id) references quizzes (tenant_id, item_id) on delete cascade,
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create table quiz_attempts (
      tenant_id uuid not null,
      id uuid not null,
      quiz_id uuid not null,
      course_id uuid not null,
      user_id uuid not null,
      number int not null,
      state text not null default 'in_progress' check (state in ('in_progress', 'submitted')),
      started_at timestamptz not null default now(),
      deadline timestamptz,
      submitted_at timestamptz,
      auto_submitted boolean not null default false,
      questions jsonb not null,
      max_score double precision not null,
      score double precision,
      needs_grading boolean not null default false,
      primary key (tenant_id, id),
      unique (tenant_id, quiz_id, user_id, number),
      foreign key (tenant_id, quiz_id) references quizzes (tenant_id, item_id) on delete cascade,
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create unique index quiz_attempts_open on quiz_attempts (tenant_id, quiz_id, user_id) where state = 'in_progress';
    create index quiz_attempts_overdue on quiz_attempts (deadline) where state = 'in_progress' and deadline is not null;
    create index quiz_attempts_grading on quiz_attempts (tenant_id, quiz_id) where needs_grading;
    create table quiz_answers (
      tenant_id uuid not null,
      attempt_id uuid not null,
      slot int not null,
      seq bigint not null check (seq > 0),
      response jsonb,
      saved_at timestamptz not null default now(),
      auto_fraction double precision,
      manual_points double precision,
      comment text,
      graded_by uuid,
      graded_at timestamptz,
      primary key (tenant_id, attempt_id, slot),
      foreign key (tenant_id, attempt_id) references quiz_attempts (tenant_id, id) on delete cascade
    );
    create table quiz_grade_log (
      tenant_id uuid not null,
      id uuid not null,
      attempt_id uuid not null,
      slot int not null,
      reason text not null check (reason in ('manual', 'override', 'regrade')),
      old_points double precision,
      new_points double precision,
      comment text,
      by_user uuid,
      at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, attempt_id) references quiz_attempts (tenant_id, id) on delete cascade
    );
    create index quiz_grade_log_attempt on quiz_grade_log (tenant_id, attempt_id, at);
  `.execute(db);
}

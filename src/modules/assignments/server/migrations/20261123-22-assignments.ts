import { type Kysely, sql } from "kysely";

/**
 * Assignments are course items of kind 'assignment'; their settings live here keyed by the item.
 * A submission row stands for one participant (a learner, or a group when submissions are per
 * group): created when they first save, or when a marker opens the list (so that anonymous
 * markers can address it by its id and its participant number). Grades and feedback sit on it.
 * The check on course_items.kind is widened to the kinds agreed for issue 4 (quiz, assignment).
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    alter table course_items drop constraint if exists course_items_kind_check;
    alter table course_items add constraint course_items_kind_check check (kind in ('page', 'file', 'video', 'link', 'quiz', 'assignment'));
    create table assignments (
      tenant_id uuid not null,
      item_id uuid not null,
      course_id uuid not null,
      instructions_doc jsonb,
      instructions_html text not null default '',
      online_text boolean not null default true,
      file_submissions boolean not null default false,
      max_files int not null default 3 check (max_files between 1 and 20),
      max_file_mb int not null default 10 check (max_file_mb between 1 and 1024),
      group_mode boolean not null default false,
      grouping_id uuid,
      opens_at timestamptz,
      due_at timestamptz,
      cutoff_at timestamptz,
      max_score numeric not null default 20 check (max_score > 0),
      pass_score numeric,
      rubric_id uuid,
      anonymous boolean not null default false,
      revealed_at timestamptz,
      released_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, item_id),
      check (cutoff_at is null or due_at is null or cutoff_at >= due_at),
      foreign key (tenant_id, item_id) references course_items (tenant_id, id) on delete cascade,
      foreign key (tenant_id, rubric_id) references rubrics (tenant_id, id) on delete set null (rubric_id),
      foreign key (tenant_id, grouping_id) references course_groupings (tenant_id, id) on delete set null (grouping_id)
    );
    create index assignments_course on assignments (tenant_id, course_id);
    create table assignment_extensions (
      tenant_id uuid not null,
      item_id uuid not null,
      target_id uuid not null,
      target_type text not null check (target_type in ('user', 'group')),
      due_at timestamptz not null,
      granted_by uuid,
      created_at timestamptz not null default now(),
      primary key (tenant_id, item_id, target_id),
      foreign key (tenant_id, item_id) references assignments (tenant_id, item_id) on delete cascade
    );
    create table assignment_submissions (
      tenant_id uuid not null,
      id uuid not null,
      item_id uuid not null,
      course_id uuid not null,
      user_id uuid,
      group_id uuid,
      participant_no int not null,
      status text not null default 'new' check (status in ('new', 'draft', 'submitted')),
      text_doc jsonb,
      text_html text not null default '',
      file_ids jsonb not null default '[]',
      revision int not null default 0,
      submitted_at timestamptz,
      submitted_by uuid,
      receipt text,
      score numeric,
      rubric_fill jsonb,
      feedback_doc jsonb,
      feedback_html text not null default '',
      feedback_file_ids jsonb not null default '[]',
      graded_by uuid,
      graded_at timestamptz,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      check ((user_id is null) <> (group_id is null)),
      unique (tenant_id, item_id, user_id),
      unique (tenant_id, item_id, group_id),
      unique (tenant_id, item_id, participant_no),
      foreign key (tenant_id, item_id) references assignments (tenant_id, item_id) on delete cascade,
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
      foreign key (tenant_id, group_id) references course_groups (tenant_id, id) on delete cascade
    );
  `.execute(db);
}

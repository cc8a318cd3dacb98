import { type Kysely, sql } from "kysely";

/**
 * Groups of a course and groupings (sets of groups used together, e.g. by an assignment).
 * Self-selection is a property of a grouping: a learner picks one of its groups, within its
 * window and each group's member limit.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table course_groupings (
      tenant_id uuid not null,
      id uuid not null,
      course_id uuid not null,
      name text not null check (length(name) between 1 and 200),
      self_select boolean not null default false,
      max_members int check (max_members is null or max_members > 0),
      opens_at timestamptz,
      closes_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade
    );
    create index course_groupings_course on course_groupings (tenant_id, course_id);
    create table course_groups (
      tenant_id uuid not null,
      id uuid not null,
      course_id uuid not null,
      grouping_id uuid,
      name text not null check (length(name) between 1 and 200),
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade,
      foreign key (tenant_id, grouping_id) references course_groupings (tenant_id, id) on delete set null (grouping_id)
    );
    create index course_groups_course on course_groups (tenant_id, course_id);
    create table group_members (
      tenant_id uuid not null,
      group_id uuid not null,
      user_id uuid not null,
      course_id uuid not null,
      added_at timestamptz not null default now(),
      primary key (tenant_id, group_id, user_id),
      foreign key (tenant_id, group_id) references course_groups (tenant_id, id) on delete cascade,
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create index group_members_user on group_members (tenant_id, course_id, user_id);
  `.execute(db);
}

import { type Kysely, sql } from "kysely";

/**
 * Enrolment rules (all learners of an organisation node's subtree are learners of a course, kept
 * in sync), course completion on the membership, and programmes: ordered sets of courses with a
 * completion rule, and the people following them.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    alter table course_members add column completed_at timestamptz;
    alter table course_members drop constraint course_members_source_check;
    alter table course_members add constraint course_members_source_check
      check (source in ('self', 'teacher', 'org', 'csv', 'creator', 'copy', 'programme'));
    create index course_members_course on course_members (tenant_id, course_id, role, status);
    create table course_enrol_rules (
      tenant_id uuid not null,
      id uuid not null,
      course_id uuid not null,
      org_id uuid not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, course_id, org_id),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade,
      foreign key (tenant_id, org_id) references orgs (tenant_id, id) on delete cascade
    );
    create index course_enrol_rules_org on course_enrol_rules (tenant_id, org_id);
    create table programmes (
      tenant_id uuid not null,
      id uuid not null,
      org_id uuid not null,
      title text not null check (length(title) between 1 and 300),
      description text not null default '',
      completion text not null default 'all' check (completion in ('all', 'count')),
      required_count int check (required_count is null or required_count > 0),
      ordered boolean not null default false,
      enrol_into text not null default 'all' check (enrol_into in ('first', 'all')),
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, org_id) references orgs (tenant_id, id)
    );
    create index programmes_org on programmes (tenant_id, org_id);
    create table programme_courses (
      tenant_id uuid not null,
      programme_id uuid not null,
      course_id uuid not null,
      position int not null,
      primary key (tenant_id, programme_id, course_id),
      foreign key (tenant_id, programme_id) references programmes (tenant_id, id) on delete cascade,
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade
    );
    create index programme_courses_course on programme_courses (tenant_id, course_id);
    create table programme_members (
      tenant_id uuid not null,
      programme_id uuid not null,
      user_id uuid not null,
      status text not null default 'active' check (status in ('active', 'unenrolled')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, programme_id, user_id),
      foreign key (tenant_id, programme_id) references programmes (tenant_id, id) on delete cascade,
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create index programme_members_user on programme_members (tenant_id, user_id);
  `.execute(db);
}

import { type Kysely, sql } from "kysely";

/**
 * Question bank. A bank belongs to a course or to an organisation node (shared down the tree);
 * it is a tree of categories. A question keeps every version of its definition: attempts point
 * at a version, and a version once used (`used`, set by the modules that store answers) is never
 * changed again — editing makes a new version.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table question_categories (
      tenant_id uuid not null,
      id uuid not null,
      course_id uuid,
      org_id uuid,
      parent_id uuid,
      name text not null check (length(name) between 1 and 200),
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      check ((course_id is null) <> (org_id is null)),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade,
      foreign key (tenant_id, org_id) references orgs (tenant_id, id) on delete cascade,
      foreign key (tenant_id, parent_id) references question_categories (tenant_id, id) on delete cascade
    );
    create index question_categories_course on question_categories (tenant_id, course_id);
    create index question_categories_org on question_categories (tenant_id, org_id);
    create table questions (
      tenant_id uuid not null,
      id uuid not null,
      category_id uuid not null,
      type text not null,
      name text not null check (length(name) between 1 and 200),
      latest_version int not null default 1,
      deleted_at timestamptz,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, category_id) references question_categories (tenant_id, id) on delete cascade
    );
    create index questions_category on questions (tenant_id, category_id, created_at);
    create table question_versions (
      tenant_id uuid not null,
      id uuid not null,
      question_id uuid not null,
      version int not null check (version >= 1),
      type text not null,
      points double precision not null default 1 check (points >= 0),
      definition jsonb not null,
      used boolean not null default false,
      created_by uuid,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, question_id, version),
      foreign key (tenant_id, question_id) references questions (tenant_id, id) on delete cascade
    );
    create table question_tags (
      tenant_id uuid not null,
      question_id uuid not null,
      tag text not null check (length(tag) between 1 and 60),
      primary key (tenant_id, question_id, tag),
      foreign key (tenant_id, question_id) references questions (tenant_id, id) on delete cascade
    );
    create index question_tags_tag on question_tags (tenant_id, tag);
  `.execute(db);
}

import { type Kysely, sql } from "kysely";

/**
 * Courses, their people, sections and items, and each learner's progress on items.
 * Rich text is stored as ProseMirror JSON (`*_doc`) next to the server-rendered, sanitised HTML
 * (`*_html`) so reading a course never renders on the request path.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table courses (
      tenant_id uuid not null,
      id uuid not null,
      org_id uuid not null,
      title text not null check (length(title) between 1 and 300),
      summary text not null default '',
      description_doc jsonb,
      description_html text not null default '',
      language text not null default 'fr',
      tags text[] not null default '{}',
      format text not null default 'online' check (format in ('online', 'blended', 'in-person')),
      status text not null default 'draft' check (status in ('draft', 'published', 'archived')),
      is_template boolean not null default false,
      visible_from timestamptz,
      visible_until timestamptz,
      self_enrol text not null default 'closed' check (self_enrol in ('closed', 'open', 'key', 'approval')),
      enrol_key_hash text,
      enrol_from timestamptz,
      enrol_until timestamptz,
      capacity int check (capacity is null or capacity > 0),
      search tsvector,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, org_id) references orgs (tenant_id, id)
    );
    create index courses_org on courses (tenant_id, org_id);
    create index courses_search on courses using gin (search);
    create table course_members (
      tenant_id uuid not null,
      id uuid not null,
      course_id uuid not null,
      user_id uuid not null,
      role text not null check (role in ('manager', 'teacher', 'assistant', 'learner', 'observer')),
      status text not null default 'active' check (status in ('active', 'pending', 'unenrolled')),
      source text not null default 'teacher' check (source in ('self', 'teacher', 'org', 'csv', 'creator', 'copy')),
      source_org_id uuid,
      starts_at timestamptz,
      ends_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, course_id, user_id, role),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade,
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create index course_members_user on course_members (tenant_id, user_id);
    create table course_sections (
      tenant_id uuid not null,
      id uuid not null,
      course_id uuid not null,
      position int not null,
      title text not null check (length(title) between 1 and 300),
      summary text not null default '',
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade
    );
    create index course_sections_course on course_sections (tenant_id, course_id, position);
    create table course_items (
      tenant_id uuid not null,
      id uuid not null,
      course_id uuid not null,
      section_id uuid not null,
      position int not null,
      kind text not null check (kind in ('page', 'file', 'video', 'link')),
      title text not null check (length(title) between 1 and 300),
      body_doc jsonb,
      body_html text not null default '',
      url text,
      file_id uuid,
      captions_file_id uuid,
      completion text not null default 'viewed' check (completion in ('none', 'viewed', 'done')),
      condition jsonb,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, section_id) references course_sections (tenant_id, id) on delete cascade,
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade
    );
    create index course_items_course on course_items (tenant_id, course_id, section_id, position);
    create table item_progress (
      tenant_id uuid not null,
      item_id uuid not null,
      user_id uuid not null,
      course_id uuid not null,
      viewed_at timestamptz,
      done_at timestamptz,
      position_seconds real,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, item_id, user_id),
      foreign key (tenant_id, item_id) references course_items (tenant_id, id) on delete cascade
    );
    create index item_progress_user on item_progress (tenant_id, user_id, course_id);
    create index item_progress_course on item_progress (tenant_id, course_id);
  `.execute(db);
}

import { type Kysely, sql } from "kysely";

/**
 * Forums of a course or of an organisation node, their threads and posts, and what moderation
 * needs: per-person forum standing (trust counters, silence, suspension), flags, the moderators'
 * log and word filters. Posts are ordered by their UUIDv7 id, so a thread pages by keyset on
 * (thread_id, id) with one index whatever its length.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table forums (
      tenant_id uuid not null,
      id uuid not null,
      course_id uuid,
      org_id uuid,
      kind text not null check (kind in ('standard', 'qanda', 'single', 'announcements')),
      title text not null check (length(title) between 1 and 200),
      description text not null default '',
      separate_groups boolean not null default false,
      premoderate_new boolean not null default false,
      edit_minutes int not null default 30 check (edit_minutes between 0 and 10080),
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      check ((course_id is null) <> (org_id is null)),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade,
      foreign key (tenant_id, org_id) references orgs (tenant_id, id) on delete cascade
    );
    create index forums_course on forums (tenant_id, course_id);
    create index forums_org on forums (tenant_id, org_id);
    create table forum_threads (
      tenant_id uuid not null,
      id uuid not null,
      forum_id uuid not null,
      group_id uuid,
      author_id uuid not null,
      title text not null check (length(title) between 1 and 300),
      first_post_id uuid,
      pinned boolean not null default false,
      locked boolean not null default false,
      answer_post_id uuid,
      reply_count int not null default 0,
      last_post_id uuid,
      last_post_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, forum_id) references forums (tenant_id, id) on delete cascade,
      foreign key (tenant_id, author_id) references users (tenant_id, id) on delete cascade
    );
    create index forum_threads_list on forum_threads (tenant_id, forum_id, pinned desc, last_post_at desc, id desc);
    create table forum_posts (
      tenant_id uuid not null,
      id uuid not null,
      thread_id uuid not null,
      forum_id uuid not null,
      author_id uuid not null,
      quote_post_id uuid,
      body_doc jsonb not null,
      body_html text not null,
      body_plain text not null,
      file_ids jsonb not null default '[]',
      status text not null default 'visible' check (status in ('visible', 'pending', 'hidden', 'deleted')),
      flag_count int not null default 0,
      search tsvector not null,
      created_at timestamptz not null default now(),
      edited_at timestamptz,
      primary key (tenant_id, id),
      foreign key (tenant_id, thread_id) references forum_threads (tenant_id, id) on delete cascade,
      foreign key (tenant_id, author_id) references users (tenant_id, id) on delete cascade
    );
    create index forum_posts_thread on forum_posts (tenant_id, thread_id, id);
    create index forum_posts_author on forum_posts (tenant_id, author_id, created_at);
    create index forum_posts_search on forum_posts using gin (search);
    create index forum_posts_review on forum_posts (tenant_id, forum_id) where status in ('pending', 'hidden') or flag_count > 0;
    create table forum_reactions (
      tenant_id uuid not null,
      post_id uuid not null,
      user_id uuid not null,
      reaction text not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, post_id, user_id, reaction),
      foreign key (tenant_id, post_id) references forum_posts (tenant_id, id) on delete cascade
    );
    create table forum_reads (
      tenant_id uuid not null,
      user_id uuid not null,
      thread_id uuid not null,
      last_post_id uuid not null,
      read_at timestamptz not null default now(),
      primary key (tenant_id, user_id, thread_id),
      foreign key (tenant_id, thread_id) references forum_threads (tenant_id, id) on delete cascade
    );
    create table forum_people (
      tenant_id uuid not null,
      user_id uuid not null,
      trust_floor smallint not null default 0 check (trust_floor between 0 and 3),
      days_visited int not null default 0,
      last_visit_day date,
      posts_read int not null default 0,
      posts_made int not null default 0,
      silenced_until timestamptz,
      suspended_until timestamptz,
      primary key (tenant_id, user_id),
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create table forum_flags (
      tenant_id uuid not null,
      id uuid not null,
      post_id uuid not null,
      forum_id uuid not null,
      user_id uuid,
      reason text not null check (reason in ('spam', 'inappropriate', 'off_topic', 'other', 'word_filter')),
      note text not null default '',
      trusted boolean not null default false,
      created_at timestamptz not null default now(),
      resolved_at timestamptz,
      primary key (tenant_id, id),
      unique (tenant_id, post_id, user_id),
      foreign key (tenant_id, post_id) references forum_posts (tenant_id, id) on delete cascade
    );
    create index forum_flags_open on forum_flags (tenant_id, forum_id) where resolved_at is null;
    create table forum_mod_log (
      tenant_id uuid not null,
      id uuid not null,
      forum_id uuid,
      post_id uuid,
      target_user_id uuid,
      moderator_id uuid,
      action text not null,
      reason text not null default '',
      until timestamptz,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id)
    );
    create index forum_mod_log_forum on forum_mod_log (tenant_id, forum_id, id desc);
    create table forum_word_filters (
      tenant_id uuid not null,
      id uuid not null,
      word text not null check (length(word) between 1 and 100),
      action text not null check (action in ('block', 'flag')),
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, word)
    );
  `.execute(db);
}

import { type Kysely, sql } from "kysely";

/**
 * Notifications: the in-app notification centre, per-person delivery preferences, subscriptions
 * to forums and threads, the feed of subscribable activity (one row per post, whatever the number
 * of subscribers: digests join it with subscriptions), background jobs claimed by conditional
 * UPDATEs (no LISTEN/NOTIFY, works on PGlite), and the per-platform key signing unsubscribe links.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table notifications (
      tenant_id uuid not null,
      id uuid not null,
      user_id uuid not null,
      kind text not null,
      params jsonb not null default '{}',
      url text,
      read_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create index notifications_user on notifications (tenant_id, user_id, id desc);
    create index notifications_unread on notifications (tenant_id, user_id) where read_at is null;
    create table notification_prefs (
      tenant_id uuid not null,
      user_id uuid not null,
      delivery text not null default 'immediate' check (delivery in ('immediate', 'daily', 'weekly', 'none')),
      by_email boolean not null default false,
      in_app boolean not null default true,
      mailing_opt_out boolean not null default false,
      digest_sent_at timestamptz,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, user_id),
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create index notification_prefs_digest on notification_prefs (tenant_id, delivery, digest_sent_at) where by_email;
    create table subscriptions (
      tenant_id uuid not null,
      target_type text not null check (target_type in ('forum', 'thread')),
      target_id uuid not null,
      user_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, target_type, target_id, user_id),
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create index subscriptions_user on subscriptions (tenant_id, user_id);
    create table notification_feed (
      tenant_id uuid not null,
      id uuid not null,
      forum_id uuid not null,
      thread_id uuid not null,
      post_id uuid not null,
      author_id uuid,
      author_name text not null default '',
      forum_title text not null default '',
      thread_title text not null default '',
      excerpt text not null default '',
      url text not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, post_id)
    );
    create index notification_feed_forum on notification_feed (tenant_id, forum_id, created_at);
    create index notification_feed_thread on notification_feed (tenant_id, thread_id, created_at);
    create table notification_jobs (
      tenant_id uuid not null,
      id uuid not null,
      kind text not null,
      payload jsonb not null default '{}',
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
      attempts int not null default 0,
      run_after timestamptz not null default now(),
      claimed_at timestamptz,
      error text,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      primary key (tenant_id, id)
    );
    create index notification_jobs_due on notification_jobs (run_after) where status in ('queued', 'running');
    create table notification_keys (
      tenant_id uuid not null primary key,
      secret text not null,
      created_at timestamptz not null default now()
    );
  `.execute(db);
}

import { type Kysely, sql } from "kysely";

/**
 * Forum posts reach the notification centre by reading the feed, not by writing one row per
 * subscriber: a reply in a forum of 36,000 subscribers costs one feed row. What a person has read
 * of the feed is a watermark ("mark all as read") plus one row per item they opened before it.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    alter table notification_prefs add column feed_read_at timestamptz;
    create table notification_feed_reads (
      tenant_id uuid not null,
      user_id uuid not null,
      feed_id uuid not null,
      primary key (tenant_id, user_id, feed_id),
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
      foreign key (tenant_id, feed_id) references notification_feed (tenant_id, id) on delete cascade
    );
    create index notification_feed_forum_id on notification_feed (tenant_id, forum_id, id desc);
    create index notification_feed_thread_id on notification_feed (tenant_id, thread_id, id desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`
    drop index notification_feed_thread_id;
    drop index notification_feed_forum_id;
    drop table notification_feed_reads;
    alter table notification_prefs drop column feed_read_at;
  `.execute(db);
}

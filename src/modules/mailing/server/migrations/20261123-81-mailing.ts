import { type Kysely, sql } from "kysely";

/**
 * Mailing lists and announcements: a mailing written to an audience (a course or a segment of
 * its learners, or an organisation node), one row per recipient carrying its delivery status (the
 * delivery report), and the addresses that bounced (never mailed again until cleared).
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table mailings (
      tenant_id uuid not null,
      id uuid not null,
      author_id uuid not null,
      audience jsonb not null,
      subject text not null check (length(subject) between 1 and 300),
      body text not null check (length(body) between 1 and 20000),
      status text not null default 'queued' check (status in ('queued', 'sending', 'done')),
      total int not null default 0,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      primary key (tenant_id, id)
    );
    create index mailings_author on mailings (tenant_id, author_id, id desc);
    create table mailing_recipients (
      tenant_id uuid not null,
      mailing_id uuid not null,
      user_id uuid not null,
      email text,
      status text not null default 'queued' check (status in ('queued', 'sent', 'failed', 'bounced', 'skipped')),
      error text,
      sent_at timestamptz,
      primary key (tenant_id, mailing_id, user_id),
      foreign key (tenant_id, mailing_id) references mailings (tenant_id, id) on delete cascade
    );
    create index mailing_recipients_queue on mailing_recipients (tenant_id, mailing_id) where status = 'queued';
    create table mail_bounces (
      tenant_id uuid not null,
      address text not null,
      reason text not null default '',
      created_at timestamptz not null default now(),
      primary key (tenant_id, address)
    );
  `.execute(db);
}

import { type Kysely, sql } from "kysely";

/**
 * Blended learning: sessions inside a course (in person or online), registrations with a waiting
 * list and manager approval, attendance per person. A seat is held by a registration in status
 * `approved`; `waiting` rows queue by `queued_at`; `pending` rows wait for a manager's decision.
 * Mails may carry attachments (ICS invitations): the outbox notes them.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table course_sessions (
      tenant_id uuid not null,
      id uuid not null,
      course_id uuid not null,
      title text not null check (length(title) between 1 and 300),
      kind text not null check (kind in ('in-person', 'online')),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      place text,
      video_url text check (video_url is null or video_url like 'https://%'),
      seats int check (seats is null or seats > 0),
      approval boolean not null default false,
      registration_opens_at timestamptz,
      registration_closes_at timestamptz,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      check (ends_at > starts_at),
      foreign key (tenant_id, course_id) references courses (tenant_id, id) on delete cascade
    );
    create index course_sessions_course on course_sessions (tenant_id, course_id, starts_at);
    create index course_sessions_starts on course_sessions (starts_at);
    create table session_registrations (
      tenant_id uuid not null,
      id uuid not null,
      session_id uuid not null,
      course_id uuid not null,
      user_id uuid not null,
      status text not null check (status in ('pending', 'approved', 'waiting', 'refused')),
      queued_at timestamptz not null default now(),
      decided_by uuid,
      decided_at timestamptz,
      reminder_sent_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, session_id, user_id),
      foreign key (tenant_id, session_id) references course_sessions (tenant_id, id) on delete cascade,
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create index session_registrations_queue on session_registrations (tenant_id, session_id, status, queued_at);
    create index session_registrations_user on session_registrations (tenant_id, user_id);
    create table session_attendance (
      tenant_id uuid not null,
      session_id uuid not null,
      user_id uuid not null,
      status text not null check (status in ('present', 'absent', 'excused')),
      signature text check (signature is null or length(signature) <= 140000),
      signed_on_paper boolean not null default false,
      taken_by uuid,
      taken_at timestamptz not null default now(),
      primary key (tenant_id, session_id, user_id),
      foreign key (tenant_id, session_id) references course_sessions (tenant_id, id) on delete cascade,
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    alter table mail_outbox add column attachments jsonb;
  `.execute(db);
}

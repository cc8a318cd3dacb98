import { type Kysely, sql } from "kysely";

/**
 * Private messages: conversations (two people or more), their members with what each has read,
 * messages with attached files, blocks between people, reports to moderators, and communication
 * rules per organisation node and sender profile (the nearest node's rule wins; none = defaults).
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table conversations (
      tenant_id uuid not null,
      id uuid not null,
      title text,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      last_message_at timestamptz not null default now(),
      primary key (tenant_id, id)
    );
    create table conversation_members (
      tenant_id uuid not null,
      conversation_id uuid not null,
      user_id uuid not null,
      last_read_at timestamptz,
      joined_at timestamptz not null default now(),
      primary key (tenant_id, conversation_id, user_id),
      foreign key (tenant_id, conversation_id) references conversations (tenant_id, id) on delete cascade,
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create index conversation_members_user on conversation_members (tenant_id, user_id);
    create table messages (
      tenant_id uuid not null,
      id uuid not null,
      conversation_id uuid not null,
      sender_id uuid not null,
      body text not null check (length(body) between 1 and 10000),
      file_ids uuid[] not null default '{}',
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, conversation_id) references conversations (tenant_id, id) on delete cascade
    );
    create index messages_conversation on messages (tenant_id, conversation_id, id desc);
    create table message_blocks (
      tenant_id uuid not null,
      user_id uuid not null,
      blocked_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, user_id, blocked_id)
    );
    create table message_reports (
      tenant_id uuid not null,
      id uuid not null,
      message_id uuid not null,
      reporter_id uuid not null,
      reason text not null,
      status text not null default 'open' check (status in ('open', 'closed')),
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, message_id, reporter_id),
      foreign key (tenant_id, message_id) references messages (tenant_id, id) on delete cascade
    );
    create table message_rules (
      tenant_id uuid not null,
      org_id uuid not null,
      profile text not null,
      relations text[] not null,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, org_id, profile)
    );
  `.execute(db);
}

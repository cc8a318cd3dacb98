import { type Kysely, sql } from "kysely";

/**
 * Homework diary (cahier de textes): per class and subject, lesson entries (what was done on a
 * day) and homework (due on a day, with an estimated workload in minutes), optionally linked to
 * a course item or quiz; and the platform's threshold above which a day is overloaded.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table school_diary_entries (
      tenant_id uuid not null,
      id uuid not null,
      class_id uuid not null,
      subject_id uuid not null,
      author_id uuid not null,
      kind text not null check (kind in ('lesson', 'homework')),
      day date not null,
      due_date date,
      title text not null check (length(title) between 1 and 200),
      content jsonb not null,
      content_html text not null,
      file_ids uuid[] not null default '{}',
      workload_minutes int check (workload_minutes between 0 and 600),
      course_item_id uuid,
      quiz_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      check ((kind = 'homework') = (due_date is not null)),
      foreign key (tenant_id, class_id) references orgs (tenant_id, id),
      foreign key (tenant_id, subject_id) references school_subjects (tenant_id, id),
      foreign key (tenant_id, author_id) references users (tenant_id, id)
    );
    create index school_diary_class_day on school_diary_entries (tenant_id, class_id, day);
    create index school_diary_class_due on school_diary_entries (tenant_id, class_id, due_date) where due_date is not null;
    create index school_diary_author on school_diary_entries (tenant_id, author_id, day);
    create table school_settings (
      tenant_id uuid not null primary key references tenants(id),
      overload_minutes int not null default 90 check (overload_minutes between 15 and 1440),
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}

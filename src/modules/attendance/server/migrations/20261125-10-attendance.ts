import { type Kysely, sql } from "kysely";

/**
 * Attendance and school life. A lesson is a slot of a class's timetable (subject, teacher, room,
 * weekday and times), weekly on every week, on week A or B only, and optionally within dates (an
 * iCalendar import stores each expanded occurrence as a one-day lesson). A roll is the teacher's
 * call of one occurrence; a mark is a pupil absent, late or excluded at it (present pupils have
 * none), with the parents' justification and the school-life staff's decision.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table attendance_lessons (
      tenant_id uuid not null,
      id uuid not null,
      class_id uuid not null,
      subject_id uuid not null,
      teacher_id uuid not null,
      room text check (length(room) between 1 and 60),
      weekday smallint not null check (weekday between 1 and 7),
      starts_at time not null,
      ends_at time not null,
      weeks text not null default 'all' check (weeks in ('all', 'A', 'B')),
      first_day date,
      last_day date,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      check (ends_at > starts_at),
      check (first_day is null or last_day is null or first_day <= last_day),
      foreign key (tenant_id, class_id) references orgs (tenant_id, id),
      foreign key (tenant_id, subject_id) references school_subjects (tenant_id, id),
      foreign key (tenant_id, teacher_id) references users (tenant_id, id)
    );
    -- importing the same timetable twice adds nothing
    create unique index attendance_lessons_slot on attendance_lessons (tenant_id, class_id, subject_id, teacher_id, weekday, starts_at, weeks,
      coalesce(first_day, '-infinity'::date), coalesce(last_day, 'infinity'::date));
    create index attendance_lessons_teacher on attendance_lessons (tenant_id, teacher_id);
    create table attendance_rolls (
      tenant_id uuid not null,
      id uuid not null,
      lesson_id uuid not null,
      day date not null,
      taken_by uuid not null,
      taken_at timestamptz not null default now(),
      updated_by uuid not null,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, lesson_id, day),
      foreign key (tenant_id, lesson_id) references attendance_lessons (tenant_id, id),
      foreign key (tenant_id, taken_by) references users (tenant_id, id)
    );
    create table attendance_marks (
      tenant_id uuid not null,
      id uuid not null,
      lesson_id uuid not null,
      day date not null,
      pupil_id uuid not null,
      status text not null check (status in ('absent', 'late', 'excluded')),
      late_minutes int check (late_minutes between 1 and 240),
      recorded_by uuid not null,
      recorded_at timestamptz not null default now(),
      justification text not null default 'none' check (justification in ('none', 'pending', 'accepted', 'refused')),
      reason text check (reason in ('illness', 'medical', 'family', 'transport', 'other')),
      reason_note text check (length(reason_note) <= 500),
      file_id uuid,
      justified_by uuid,
      justified_at timestamptz,
      decided_by uuid,
      decided_at timestamptz,
      decision_comment text check (length(decision_comment) <= 500),
      primary key (tenant_id, id),
      unique (tenant_id, lesson_id, day, pupil_id),
      check ((status = 'late') = (late_minutes is not null)),
      foreign key (tenant_id, lesson_id) references attendance_lessons (tenant_id, id),
      foreign key (tenant_id, pupil_id) references users (tenant_id, id) on delete cascade,
      foreign key (tenant_id, file_id) references files (tenant_id, id)
    );
    create index attendance_marks_pupil on attendance_marks (tenant_id, pupil_id, day);
    create index attendance_marks_pending on attendance_marks (tenant_id, day) where justification = 'pending';
    create index attendance_marks_file on attendance_marks (tenant_id, file_id) where file_id is not null;
  `.execute(db);
}

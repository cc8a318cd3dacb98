import { type Kysely, sql } from "kysely";

/**
 * Rubrics and marking guides for manually graded questions of a quiz. The rubric belongs to the
 * question as used in this quiz (quiz × question), not to the question in the bank: a bank is
 * shared by courses and organisations while a rubric is the course's marking scheme (as in
 * Moodle, where advanced grading is set per activity), and keying by question rather than by
 * slot id keeps it when the slots are saved again or a new version of the question is used.
 * The chosen levels are stored with the grade and with each line of the grade log.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table quiz_rubrics (
      tenant_id uuid not null,
      quiz_id uuid not null,
      question_id uuid not null,
      rubric_id uuid not null,
      primary key (tenant_id, quiz_id, question_id),
      foreign key (tenant_id, quiz_id) references quizzes (tenant_id, item_id) on delete cascade,
      foreign key (tenant_id, rubric_id) references rubrics (tenant_id, id) on delete cascade
    );
    alter table quiz_answers add column rubric_fill jsonb;
    alter table quiz_grade_log add column rubric_fill jsonb;
  `.execute(db);
}

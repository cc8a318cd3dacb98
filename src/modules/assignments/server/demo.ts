import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { renderRichText } from "../../../kernel/richtext/index.ts";
import { addActivityItem, firstSection } from "../../courses/server/index.ts";
import { recordGrades, upsertGradeItem } from "../../gradebook/server/api.ts";
import { loadGroupsDemo } from "../../groups/server/index.ts";
import { saveRubric } from "../../rubrics/server/index.ts";
import { gradeFromFill, type RubricDefinition, type RubricFill } from "../../rubrics/shared/rubric.ts";
import { receiptOf } from "./receipt.ts";

const para = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });

const RUBRIC: RubricDefinition = {
  kind: "rubric",
  criteria: [
    {
      id: "method",
      description: "Démarche : les gestes sont justifiés et dans le bon ordre",
      levels: [
        { id: "m0", points: 0, description: "Absente ou confuse" },
        { id: "m1", points: 4, description: "Partielle : un geste ou une justification manque" },
        { id: "m2", points: 8, description: "Complète et justifiée" },
      ],
    },
    {
      id: "clarity",
      description: "Clarté du compte rendu",
      levels: [
        { id: "c0", points: 0, description: "Difficile à suivre" },
        { id: "c1", points: 3, description: "Lisible" },
        { id: "c2", points: 6, description: "Clair et bien structuré" },
      ],
    },
    {
      id: "teamwork",
      description: "Travail d’équipe : chacun a contribué",
      levels: [
        { id: "t0", points: 0, description: "Un seul membre a contribué" },
        { id: "t1", points: 6, description: "Tous les membres ont contribué" },
      ],
    },
  ],
};

/**
 * Demo: in the course, project teams (self-selection grouping) and a group assignment graded
 * with a rubric: every team has submitted a report, the teacher graded each with the rubric and
 * released the grades, so every member sees the feedback.
 */
export async function loadAssignmentDemo(k: Kernel, opts: { tenantId: string; courseId: string; teacherId: string | null; learnerIds: string[] }) {
  const tid = opts.tenantId;
  const section = await firstSection(k.db, tid, opts.courseId);
  if (!section) return;
  const { groupingId, groups } = await loadGroupsDemo(k, { tenantId: tid, courseId: opts.courseId, learnerIds: opts.learnerIds });
  const itemId = newId();
  const now = Date.now();
  const day = 86400_000;
  const instructions = {
    type: "doc",
    content: [
      para("En équipe, rédigez le compte rendu de la mise en situation : la victime, les gestes réalisés dans l’ordre, et pourquoi."),
      para("Une seule remise par équipe ; chaque membre peut compléter le brouillon."),
    ],
  };
  await addActivityItem(k.db, tid, opts.courseId, { id: itemId, sectionId: section.id, kind: "assignment", title: "Compte rendu d’équipe : mise en situation" });
  const rubricId = await saveRubric(k.db, tid, opts.courseId, null, RUBRIC);
  const maxScore = 20;
  await k.db
    .insertInto("assignments")
    .values({
      tenant_id: tid,
      item_id: itemId,
      course_id: opts.courseId,
      instructions_doc: JSON.stringify(instructions),
      instructions_html: renderRichText(instructions as never, "fr"),
      online_text: true,
      file_submissions: true,
      group_mode: true,
      grouping_id: groupingId,
      due_at: new Date(now - 2 * day),
      cutoff_at: new Date(now + 5 * day),
      max_score: maxScore,
      pass_score: 10,
      rubric_id: rubricId,
      released_at: new Date(now - day),
    })
    .execute();
  await upsertGradeItem(k.db, tid, {
    courseId: opts.courseId,
    source: { type: "assignment", id: itemId },
    courseItemId: itemId,
    title: "Compte rendu d’équipe : mise en situation",
    maxScore,
    passScore: 10,
  });
  const fills: RubricFill[] = [
    { method: { levelId: "m2" }, clarity: { levelId: "c1", remark: "Ajoutez des intertitres." }, teamwork: { levelId: "t1" } },
    { method: { levelId: "m1", remark: "La mise en PLS vient avant l’alerte." }, clarity: { levelId: "c2" }, teamwork: { levelId: "t1" } },
  ];
  const feedback = ["Très bonne démarche, bien justifiée. Soignez la présentation.", "Compte rendu clair ; revoyez l’ordre des gestes."];
  const grades: { userId: string; score: number | null; released: boolean; gradedBy: string | null }[] = [];
  for (const [i, g] of groups.entries()) {
    if (g.members.length === 0) continue;
    const text = {
      type: "doc",
      content: [
        para(`Équipe ${i + 1} — la victime ne répond pas mais respire : nous l’avons mise en position latérale de sécurité, puis nous avons appelé le 15.`),
        para("Fréquence respiratoire observée : 14 cycles par minute."),
      ],
    };
    const submittedAt = new Date(now - 3 * day + i * 3600_000);
    const fill = fills[i % fills.length];
    const score = gradeFromFill(RUBRIC, fill, maxScore);
    const doc = { type: "doc", content: [para(feedback[i % feedback.length])] };
    await k.db
      .insertInto("assignment_submissions")
      .values({
        tenant_id: tid,
        id: newId(),
        item_id: itemId,
        course_id: opts.courseId,
        group_id: g.id,
        participant_no: i + 1,
        status: "submitted",
        text_doc: JSON.stringify(text),
        text_html: renderRichText(text as never, "fr"),
        revision: 2,
        submitted_at: submittedAt,
        submitted_by: g.members[0],
        receipt: receiptOf({ itemId, participant: g.id, textDoc: text, files: [], submittedAt }),
        score,
        rubric_fill: JSON.stringify(fill),
        feedback_doc: JSON.stringify(doc),
        feedback_html: renderRichText(doc as never, "fr"),
        graded_by: opts.teacherId,
        graded_at: new Date(now - day - 3600_000),
      })
      .execute();
    for (const userId of g.members) grades.push({ userId, score, released: true, gradedBy: opts.teacherId });
  }
  await recordGrades(k, tid, { type: "assignment", id: itemId }, grades);
}

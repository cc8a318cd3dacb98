import type { UserActor } from "../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { firstSection } from "../../courses/server/index.ts";
import type { QuestionResponse } from "../../questions/shared/types.ts";
import type { RubricDefinition } from "../../rubrics/shared/rubric.ts";
import { insertQuiz, insertSampleQuestions } from "./sample-questions.ts";
import { gradeAnswer } from "./use-cases/grade-answer.ts";
import { saveAnswer } from "./use-cases/save-answer.ts";
import { setQuestionRubric } from "./use-cases/set-question-rubric.ts";
import { startAttempt } from "./use-cases/start-attempt.ts";
import { submitAttempt } from "./use-cases/submit-attempt.ts";

/**
 * Demo: a timed quiz with one question of each type in the course's first section, and attempts
 * made through the real use cases: a learner with everything right whose essay the teacher graded
 * with the essay's rubric and a comment, a second with mistakes whose essay waits in the grading queue, a third halfway
 * through an attempt in progress.
 */
const ESSAY_RUBRIC: RubricDefinition = {
  kind: "rubric",
  criteria: [
    {
      id: "steps",
      description: "Les étapes du cycle (évaporation, condensation, précipitations, infiltration)",
      levels: [
        { id: "s0", points: 0, description: "Aucune étape juste" },
        { id: "s1", points: 2, description: "Quelques étapes" },
        { id: "s2", points: 3, description: "Presque toutes, dans l'ordre" },
        { id: "s3", points: 4, description: "Toutes, dans l'ordre" },
      ],
    },
    {
      id: "words",
      description: "Vocabulaire scientifique",
      levels: [
        { id: "w0", points: 0, description: "Imprécis" },
        { id: "w1", points: 1, description: "Juste" },
        { id: "w2", points: 2, description: "Précis et varié" },
      ],
    },
  ],
};

export async function loadQuizDemo(k: Kernel, opts: { tenantId: string; courseId: string; teacherId: string | null; learnerIds: string[] }) {
  const tid = opts.tenantId;
  const section = await firstSection(k.db, tid, opts.courseId);
  if (!section) return;
  const bank = await insertSampleQuestions(k.db, tid, opts.courseId, { categoryName: "Quiz de démonstration" });
  const quizId = await insertQuiz(k.db, tid, opts.courseId, section.id, "Quiz : un peu de tout", bank.questions, {
    time_limit_s: 30 * 60,
    attempts_allowed: 2,
    review_marks: "immediately",
    review_answers: "immediately",
    pass_percent: 50,
    intro: "Onze questions, une de chaque type. Vos réponses sont enregistrées au fur et à mesure, même si la connexion coupe.",
  });
  const t = await k.db.selectFrom("tenants").select(["id", "slug", "root_org_id", "default_locale"]).where("id", "=", tid).executeTakeFirstOrThrow();
  const actor = (userId: string): UserActor => ({
    kind: "user",
    tenant: { id: t.id, slug: t.slug, rootOrgId: t.root_org_id, defaultLocale: t.default_locale },
    userId,
    sessionId: "demo",
    profile: "learner",
    grants: [],
    isOperator: false,
  });
  const wrong: Partial<Record<QuestionResponse["type"], QuestionResponse>> = {
    single: { type: "single", optionId: "p8" },
    numeric: { type: "numeric", text: "124" },
    short: { type: "short", text: "oxygène" },
    ordering: { type: "ordering", order: ["z5", "q1", "m2"] },
  };
  const answers =
    (withMistakes: boolean, upTo = Number.POSITIVE_INFINITY) =>
    (a: Awaited<ReturnType<typeof startAttempt>>) =>
      a.questions.slice(0, upTo).flatMap((q) => {
        const s = bank.questions.find((x) => x.versionId === q.question.id);
        if (!s || s.type === "file") return [];
        return [{ slot: q.slot, response: (withMistakes && wrong[s.type]) || s.right }];
      });
  const take = async (userId: string, pick: ReturnType<typeof answers>, submit: boolean) => {
    const a = await startAttempt(k, actor(userId), opts.courseId, quizId);
    for (const x of pick(a)) await saveAnswer(k, actor(userId), a.id, x.slot, 1, x.response);
    if (submit) await submitAttempt(k, actor(userId), a.id);
    return a;
  };
  // the essay is graded with a rubric (5 of 6 points, scaled to the essay's 4)
  const essayQuestion = bank.questions.find((x) => x.type === "essay");
  if (essayQuestion && opts.teacherId) await setQuestionRubric(k, actor(opts.teacherId), opts.courseId, quizId, essayQuestion.questionId, ESSAY_RUBRIC);
  const [first, second, third] = opts.learnerIds;
  if (first) {
    const a = await take(first, answers(false), true);
    const essay = a.questions.find((q) => q.question.type === "essay");
    if (essay && opts.teacherId)
      await gradeAnswer(k, actor(opts.teacherId), a.id, essay.slot, {
        rubricFill: { steps: { levelId: "s2", remark: "Il manquait l'infiltration dans le sol." }, words: { levelId: "w2" } },
        comment: "Très clair.",
      });
  }
  if (second) await take(second, answers(true), true);
  if (third) await take(third, answers(false, 5), false);
}

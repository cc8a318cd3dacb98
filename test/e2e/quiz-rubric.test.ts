import { expect, it } from "vitest";
import type { UserActor } from "../../src/kernel/auth/actor.ts";
import { insertQuiz } from "../../src/modules/quizzes/server/sample-questions.ts";
import { saveAnswer } from "../../src/modules/quizzes/server/use-cases/save-answer.ts";
import { setQuestionRubric } from "../../src/modules/quizzes/server/use-cases/set-question-rubric.ts";
import { startAttempt } from "../../src/modules/quizzes/server/use-cases/start-attempt.ts";
import { submitAttempt } from "../../src/modules/quizzes/server/use-cases/submit-attempt.ts";
import { expectAccessible, screenshots, servedWithBrowser } from "./browser.ts";
import { catalog, msg, signIn } from "./person.ts";
import { quizCourse } from "./quiz-course.ts";

/**
 * The quiz grading queue with a rubric: the teacher grades a learner's essay with the keyboard
 * (arrow keys through each criterion's levels), the learner sees the rubric with the levels given
 * and their grade, and the gradebook has it. Then the teacher previews the quiz as a learner
 * would, and starts a fresh preview.
 */
const fr = catalog("fr");

let base: string;
let courseId: string;
let quizId: string;
let attemptId: string;
let learnerId: string;
let tenantId: string;

const t = servedWithBrowser(async (s) => {
  const made = await quizCourse(s, "grille");
  ({ base, courseId, learnerId } = made);
  const { p, sectionId, bank } = made;
  tenantId = p.tenantId;
  const used = bank.questions.filter((q) => q.type === "single" || q.type === "essay");
  quizId = await insertQuiz(s.k.db, p.tenantId, courseId, sectionId, "Le cycle de l'eau", used, {
    attempts_allowed: 1,
    review_marks: "immediately",
    review_answers: "immediately",
  });
  const actor = (userId: string): UserActor => ({
    kind: "user",
    tenant: { id: p.tenantId, slug: "grille", rootOrgId: p.rootOrgId, defaultLocale: "fr" },
    userId,
    sessionId: "test",
    profile: "learner",
    grants: [],
    isOperator: false,
  });
  const essay = bank.questions.find((q) => q.type === "essay")!;
  await setQuestionRubric(s.k, actor(made.teacherId), courseId, quizId, essay.questionId, {
    kind: "rubric",
    criteria: [
      {
        id: "steps",
        description: "Les étapes du cycle",
        levels: [
          { id: "s0", points: 0, description: "Aucune" },
          { id: "s1", points: 2, description: "Quelques-unes" },
          { id: "s2", points: 4, description: "Toutes, dans l'ordre" },
        ],
      },
      {
        id: "words",
        description: "Vocabulaire",
        levels: [
          { id: "w0", points: 0, description: "Imprécis" },
          { id: "w1", points: 1, description: "Juste" },
          { id: "w2", points: 2, description: "Précis et varié" },
        ],
      },
    ],
  });
  // the learner's attempt: the single choice right, an essay to grade
  const a = await startAttempt(s.k, actor(learnerId), courseId, quizId);
  attemptId = a.id;
  for (const q of a.questions) {
    const x = bank.questions.find((b) => b.versionId === q.question.id)!;
    await saveAnswer(s.k, actor(learnerId), a.id, q.slot, 1, x.right);
  }
  await submitAttempt(s.k, actor(learnerId), a.id);
});

it("a teacher grades an essay with its rubric by keyboard; the learner sees the levels and the grade reaches the gradebook", async () => {
  const tctx = await t.browser.newContext({ locale: "fr-FR" });
  const teacher = await tctx.newPage();
  teacher.setDefaultTimeout(15_000);
  teacher.on("pageerror", (e) => console.log("PAGEERROR", e.message));
  await signIn(teacher, base, "prof", fr);

  // the editor shows which question is graded with a rubric, and opens it in a dialog
  await teacher.goto(`${base}/courses/${courseId}/quizzes/${quizId}/edit`);
  await expect.poll(() => teacher.locator(".slot").count()).toBe(2);
  await expect.poll(() => teacher.locator("main").textContent()).toContain("noté avec une grille (2 critères)");
  await teacher.getByRole("button", { name: msg(fr, "ui.quizzes.rubricOfQuestion", { n: 2 }) }).click();
  await expect.poll(() => teacher.getByRole("dialog").textContent()).toContain(msg(fr, "ui.quizzes.rubricHelp", { points: 4 }));
  await expectAccessible(teacher, "rubric dialog");
  await screenshots(teacher, "quiz-rubric-editor");
  await teacher.keyboard.press("Escape");

  // the grading queue: one radio group per criterion, arrow keys move between levels
  await teacher.goto(`${base}/courses/${courseId}/quizzes/${quizId}/results`);
  await expect.poll(() => teacher.locator("h2#grading-h").textContent()).toBe(msg(fr, "ui.quizzes.toGrade", { n: 1 }));
  const steps = teacher.getByRole("radiogroup", { name: "Les étapes du cycle" });
  await steps.getByRole("radio").first().focus();
  await teacher.keyboard.press("ArrowDown");
  await teacher.keyboard.press("ArrowDown");
  await expect(steps.getByRole("radio", { name: /Toutes, dans l'ordre/ }).isChecked()).resolves.toBe(true);
  await teacher.keyboard.press("Tab");
  await teacher.keyboard.type("Toutes les étapes.");
  await teacher.keyboard.press("Tab");
  const words = teacher.getByRole("radiogroup", { name: "Vocabulaire" });
  await expect.poll(() => teacher.evaluate(() => document.activeElement?.closest("[role=radiogroup]")?.textContent ?? "")).toContain("Vocabulaire");
  await teacher.keyboard.press("Space");
  await teacher.keyboard.press("ArrowDown");
  await expect(words.getByRole("radio", { name: /Juste/ }).isChecked()).resolves.toBe(true);
  // 5 of 6 points on an essay worth 4
  await expect.poll(() => teacher.locator(".rubric-total").textContent()).toContain("3,33");
  await expectAccessible(teacher, "grading with a rubric");
  await screenshots(teacher, "quiz-rubric-grading");
  await teacher.getByRole("button", { name: msg(fr, "ui.quizzes.saveGrade") }).focus();
  await teacher.keyboard.press("Enter");
  await expect.poll(() => teacher.locator("h2#grading-h").textContent()).toBe(msg(fr, "ui.quizzes.toGrade", { n: 0 }));
  await expect.poll(() => teacher.locator("table").textContent()).toContain("4,33");
  const row = await t.s.k.db
    .selectFrom("quiz_answers")
    .select(["manual_points", "rubric_fill"])
    .where("tenant_id", "=", tenantId)
    .where("attempt_id", "=", attemptId)
    .where("manual_points", "is not", null)
    .executeTakeFirstOrThrow();
  expect(row).toMatchObject({ manual_points: 3.33, rubric_fill: { steps: { levelId: "s2", remark: "Toutes les étapes." }, words: { levelId: "w1" } } });

  // the learner: the rubric with the levels given, the grade, and the gradebook
  const ctx = await t.browser.newContext({ locale: "fr-FR" });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, base, "lea", fr);
  await page.goto(`${base}/courses/${courseId}/quizzes/${quizId}/attempts/${attemptId}`);
  await expect.poll(() => page.locator("main").textContent()).toContain(msg(fr, "ui.quizzes.scoreOf", { score: "4,33", max: "5" }));
  const review = page.locator(".review-rubric");
  await expect.poll(() => review.textContent()).toContain(msg(fr, "ui.quizzes.rubricFeedback.rubric"));
  await expect(review.getByRole("radio", { name: /Toutes, dans l'ordre/ }).isChecked()).resolves.toBe(true);
  await expect(review.getByRole("radio", { name: /Juste/ }).isChecked()).resolves.toBe(true);
  await expect.poll(() => review.textContent()).toContain("Toutes les étapes.");
  await expectAccessible(page, "learner's review with the rubric");
  await screenshots(page, "quiz-rubric-review");
  const mine = await page.evaluate(async (url) => (await fetch(url)).text(), `/api/v1/courses/${courseId}/my-grades`);
  expect(mine).toContain("4.33");
  await ctx.close();

  // the teacher previews the quiz as a learner would; it counts nowhere, and can start afresh
  await teacher.goto(`${base}/courses/${courseId}/quizzes/${quizId}`);
  await teacher.getByRole("button", { name: msg(fr, "ui.quizzes.preview") }).click();
  await expect.poll(() => teacher.locator("main").textContent()).toContain(msg(fr, "ui.quizzes.previewNote"));
  const first = teacher.url();
  await teacher.getByText("Rennes", { exact: true }).click();
  await expect.poll(() => teacher.locator(".save-state").getAttribute("data-state")).toBe("saved");
  await expectAccessible(teacher, "preview");
  await screenshots(teacher, "quiz-preview");
  await teacher.getByRole("button", { name: msg(fr, "ui.quizzes.submit") }).click();
  await teacher
    .getByRole("dialog")
    .getByRole("button", { name: msg(fr, "ui.quizzes.submitNow") })
    .click();
  // the review as a learner would see it (the essay left blank: 0)
  await expect.poll(() => teacher.locator("main").textContent()).toContain(msg(fr, "ui.quizzes.scoreOf", { score: "1", max: "5" }));
  await teacher.getByRole("button", { name: msg(fr, "ui.quizzes.newPreview") }).click();
  await expect.poll(() => teacher.url()).not.toBe(first);
  await expect.poll(() => teacher.locator(".save-state").getAttribute("data-state")).toBe("saved");
  const attempts = await t.s.k.db
    .selectFrom("quiz_attempts")
    .select(["user_id", "preview"])
    .where("tenant_id", "=", tenantId)
    .where("quiz_id", "=", quizId)
    .execute();
  expect(attempts.filter((x) => x.preview)).toHaveLength(1);
  await teacher.goto(`${base}/courses/${courseId}/quizzes/${quizId}/results`);
  await expect.poll(() => teacher.locator("table").textContent()).toContain("4,33");
  await expect(teacher.locator("table").textContent()).resolves.not.toContain(msg(fr, "ui.quizzes.attemptN", { n: 2 }));
  await tctx.close();
}, 120_000);

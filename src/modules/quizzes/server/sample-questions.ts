import type { Insertable, Kysely } from "kysely";
import type { DB, QuizzesTable } from "../../../kernel/db/schema.ts";
import { newId } from "../../../kernel/ids.ts";
import { QuestionDefinition, type QuestionDefinitionInput, type QuestionResponse, type QuestionType } from "../../questions/shared/types.ts";

/**
 * One question of each type with a right answer, used by the quiz demo, the tests, the server-kill
 * test and the exam-spike bench. Written straight into the bank's tables (a category of the course).
 */
export const SAMPLE: { def: QuestionDefinitionInput; right: QuestionResponse; points: number }[] = [
  {
    def: {
      type: "single",
      stem: "Quelle est la capitale de la Bretagne ?",
      options: [
        { id: "k3", text: "Rennes", fraction: 1 },
        { id: "p8", text: "Brest", fraction: 0 },
        { id: "x1", text: "Nantes", fraction: 0 },
      ],
    },
    right: { type: "single", optionId: "k3" },
    points: 1,
  },
  {
    def: {
      type: "multiple",
      stem: "Lesquels sont des nombres premiers ?",
      options: [
        { id: "a2", text: "2", correct: true },
        { id: "b9", text: "9", correct: false },
        { id: "c7", text: "7", correct: true },
        { id: "d4", text: "4", correct: false },
      ],
    },
    right: { type: "multiple", optionIds: ["a2", "c7"] },
    points: 2,
  },
  { def: { type: "truefalse", stem: "L'eau bout à 100 °C au niveau de la mer.", correct: true }, right: { type: "truefalse", value: true }, points: 1 },
  {
    def: { type: "short", stem: "Quel gaz les plantes absorbent-elles ? (formule)", answers: [{ pattern: "CO2", fraction: 1 }] },
    right: { type: "short", text: "co2" },
    points: 1,
  },
  {
    def: { type: "numeric", stem: "Combien font 12 × 12 ?", answers: [{ value: 144, tolerance: 0, fraction: 1 }] },
    right: { type: "numeric", text: "144" },
    points: 1,
  },
  { def: { type: "math", stem: "Développez \\((x+1)^2\\).", answer: "x^2+2x+1" }, right: { type: "math", latex: "x^2+2x+1" }, points: 2 },
  {
    def: {
      type: "matching",
      stem: "Associez chaque pays à sa capitale.",
      pairs: [
        { id: "fr", prompt: "France", answer: "Paris" },
        { id: "es", prompt: "Espagne", answer: "Madrid" },
        { id: "it", prompt: "Italie", answer: "Rome" },
      ],
    },
    right: { type: "matching", matches: { fr: "Paris", es: "Madrid", it: "Rome" } },
    points: 1,
  },
  {
    def: {
      type: "ordering",
      stem: "Rangez du plus petit au plus grand.",
      items: [
        { id: "q1", text: "Atome" },
        { id: "z5", text: "Cellule" },
        { id: "m2", text: "Organe" },
      ],
    },
    right: { type: "ordering", order: ["q1", "z5", "m2"] },
    points: 1,
  },
  {
    def: {
      type: "cloze",
      stem: "Complétez la phrase.",
      text: "Le soleil se lève à l'[[g1]] et se couche à l'[[g2]].",
      gaps: [
        { id: "g1", kind: "typed", answers: [{ text: "est", fraction: 1 }] },
        {
          id: "g2",
          kind: "select",
          answers: [
            { text: "ouest", fraction: 1 },
            { text: "nord", fraction: 0 },
          ],
        },
      ],
    },
    right: { type: "cloze", gaps: { g1: "est", g2: "ouest" } },
    points: 2,
  },
  {
    def: { type: "essay", stem: "Expliquez en quelques lignes le cycle de l'eau.", graderInfo: "Évaporation, condensation, précipitations." },
    right: {
      type: "essay",
      doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Évaporation, condensation, précipitations." }] }] },
    },
    points: 4,
  },
  {
    def: { type: "file", stem: "Déposez votre schéma du cycle de l'eau (PDF ou image).", accept: ["pdf", "png", "jpg"] },
    right: { type: "file", fileIds: [] },
    points: 2,
  },
];

/** A category in the course's bank with the sample questions (one version each); returns their version ids in SAMPLE's order. */
export async function insertSampleQuestions(db: Kysely<DB>, tenantId: string, courseId: string, opts: { types?: QuestionType[]; categoryName?: string } = {}) {
  const categoryId = newId();
  await db
    .insertInto("question_categories")
    .values({ tenant_id: tenantId, id: categoryId, course_id: courseId, name: opts.categoryName ?? "Quiz" })
    .execute();
  const out: { questionId: string; versionId: string; type: QuestionType; points: number; right: QuestionResponse }[] = [];
  for (const s of SAMPLE) {
    if (opts.types && !opts.types.includes(s.def.type)) continue;
    const def = QuestionDefinition.parse(s.def);
    const questionId = newId();
    const versionId = newId();
    await db
      .insertInto("questions")
      .values({ tenant_id: tenantId, id: questionId, category_id: categoryId, type: def.type, name: def.stem.slice(0, 60) })
      .execute();
    await db
      .insertInto("question_versions")
      .values({ tenant_id: tenantId, id: versionId, question_id: questionId, version: 1, type: def.type, points: s.points, definition: JSON.stringify(def) })
      .execute();
    out.push({ questionId, versionId, type: def.type, points: s.points, right: s.right });
  }
  return { categoryId, questions: out };
}

/** A quiz item at the end of a section with the given settings and one slot per version (fixtures: demo, kill test, bench). */
export async function insertQuiz(
  db: Kysely<DB>,
  tenantId: string,
  courseId: string,
  sectionId: string,
  title: string,
  versions: { questionId: string; versionId: string; points: number }[],
  settings: Partial<
    Pick<
      Insertable<QuizzesTable>,
      "time_limit_s" | "attempts_allowed" | "review_marks" | "review_answers" | "grading_method" | "closes_at" | "opens_at" | "pass_percent" | "intro"
    >
  > = {},
) {
  const id = newId();
  const position = await db
    .selectFrom("course_items")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("section_id", "=", sectionId)
    .executeTakeFirstOrThrow();
  await db
    .insertInto("course_items")
    .values({ tenant_id: tenantId, id, course_id: courseId, section_id: sectionId, position: Number(position.n), kind: "quiz", title, completion: "graded" })
    .execute();
  await db
    .insertInto("quizzes")
    .values({ tenant_id: tenantId, item_id: id, course_id: courseId, attempts_allowed: null, ...settings })
    .execute();
  await db
    .insertInto("quiz_slots")
    .values(
      versions.map((v, i) => ({
        tenant_id: tenantId,
        id: newId(),
        quiz_id: id,
        position: i,
        page: 1 + Math.floor(i / 4),
        question_id: v.questionId,
        version_id: v.versionId,
        category_id: null,
        points: v.points,
      })),
    )
    .execute();
  return id;
}

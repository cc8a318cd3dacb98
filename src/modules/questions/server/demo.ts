import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { QuestionDefinition, type QuestionDefinitionInput } from "../shared/types.ts";
import { insertCategory, insertQuestion } from "./repo.ts";
import { checkDefinition } from "./validate.ts";

/** One question of each type, in French, as a teacher would write them. */
export const DEMO_QUESTIONS: { name: string; points: number; tags: string[]; definition: QuestionDefinitionInput }[] = [
  {
    name: "Capitale de l'Italie",
    points: 1,
    tags: ["géographie"],
    definition: {
      type: "single",
      stem: "Quelle est la capitale de l'Italie ?",
      options: [
        { id: "k7Qm2a", text: "Rome", fraction: 1, feedback: "Oui, depuis 1871." },
        { id: "p3Xr9c", text: "Milan", fraction: 0, feedback: "Milan est la capitale économique, pas politique." },
        { id: "w1Nd5e", text: "Naples", fraction: 0 },
        { id: "b8Lt4f", text: "Florence", fraction: 0, feedback: "Florence fut capitale de 1865 à 1871." },
      ],
      generalFeedback: "Rome est la capitale de l'Italie.",
    },
  },
  {
    name: "Nombres premiers",
    points: 2,
    tags: ["arithmétique"],
    definition: {
      type: "multiple",
      stem: "Parmi ces nombres, lesquels sont premiers ?",
      options: [
        { id: "r2", text: "2", correct: true },
        { id: "h9", text: "9", correct: false, feedback: "9 = 3 × 3" },
        { id: "q7", text: "7", correct: true },
        { id: "z1", text: "1", correct: false, feedback: "1 n'est pas premier : il n'a qu'un diviseur." },
        { id: "m3", text: "13", correct: true },
      ],
      correctFeedback: "Parfait.",
      partialFeedback: "Certains nombres manquent, ou l'un d'eux n'est pas premier.",
    },
  },
  {
    name: "Le Rhône",
    points: 1,
    tags: ["géographie"],
    definition: {
      type: "truefalse",
      stem: "Le Rhône se jette dans la mer Méditerranée.",
      correct: true,
      falseFeedback: "Si : il se jette dans la Méditerranée en Camargue.",
    },
  },
  {
    name: "Auteur des Misérables",
    points: 1,
    tags: ["littérature"],
    definition: {
      type: "short",
      stem: "Qui a écrit « Les Misérables » ?",
      answers: [
        { pattern: "Victor Hugo", fraction: 1 },
        { pattern: "*Hugo", fraction: 0.5, feedback: "Son prénom complet est attendu." },
      ],
      accentSensitive: false,
      hints: ["Il a aussi écrit « Notre-Dame de Paris »."],
    },
  },
  {
    name: "Longueur d'une piste",
    points: 1,
    tags: ["mesures"],
    definition: {
      type: "numeric",
      stem: "Un athlète fait 4 tours d'une piste de 400 m. Quelle distance a-t-il parcourue ?",
      answers: [{ value: 1600, tolerance: 0, fraction: 1 }],
      units: [
        { unit: "m", multiplier: 1 },
        { unit: "km", multiplier: 0.001 },
      ],
      unitPenalty: 0.25,
    },
  },
  {
    name: "Développer",
    points: 2,
    tags: ["algèbre"],
    definition: {
      type: "math",
      stem: "Développez et réduisez \\((x+1)^2 - 1\\).",
      answer: "x^2+2x",
      generalFeedback: "\\((x+1)^2 - 1 = x^2 + 2x + 1 - 1 = x^2 + 2x\\)",
    },
  },
  {
    name: "Pays et capitales",
    points: 2,
    tags: ["géographie"],
    definition: {
      type: "matching",
      stem: "Associez chaque pays à sa capitale.",
      pairs: [
        { id: "fr1", prompt: "France", answer: "Paris" },
        { id: "es2", prompt: "Espagne", answer: "Madrid" },
        { id: "pt3", prompt: "Portugal", answer: "Lisbonne" },
      ],
      extraAnswers: ["Barcelone"],
    },
  },
  {
    name: "Étapes de la digestion",
    points: 1,
    tags: ["sciences"],
    definition: {
      type: "ordering",
      stem: "Rangez ces organes dans l'ordre où les aliments les traversent.",
      items: [
        { id: "Xb7", text: "Bouche" },
        { id: "aQ2", text: "Œsophage" },
        { id: "Lm9", text: "Estomac" },
        { id: "c4T", text: "Intestin grêle" },
      ],
    },
  },
  {
    name: "Le chat et le canapé",
    points: 2,
    tags: ["grammaire"],
    definition: {
      type: "cloze",
      stem: "Complétez la phrase.",
      text: "Le chat [[1]] sur le canapé pendant que les enfants [[2]] leurs devoirs.",
      gaps: [
        {
          id: "1",
          kind: "typed",
          answers: [
            { text: "dort", fraction: 1 },
            { text: "dor*", fraction: 0.5, feedback: "Attention à l'orthographe." },
          ],
        },
        {
          id: "2",
          kind: "select",
          answers: [
            { text: "font", fraction: 1 },
            { text: "fait", fraction: 0 },
            { text: "fond", fraction: 0 },
          ],
        },
      ],
    },
  },
  {
    name: "Vos vacances",
    points: 5,
    tags: ["expression écrite"],
    definition: {
      type: "essay",
      stem: "Racontez un souvenir de vacances en une dizaine de lignes.",
      minWords: 50,
      maxWords: 300,
      graderInfo: "Valoriser la structure du récit et l'usage du passé composé.",
    },
  },
  {
    name: "Schéma du circuit",
    points: 3,
    tags: ["sciences"],
    definition: { type: "file", stem: "Déposez une photo ou un PDF de votre schéma du circuit électrique.", maxFiles: 1, accept: ["pdf", "jpg", "png"] },
  },
];

/**
 * Demo: the course bank gets a category holding one question of each type (a quiz can draw
 * from it), and the organisation's bank a shared category. Returns the course category's id
 * and the question ids in the order above.
 */
export async function loadQuestionDemo(k: Kernel, opts: { tenantId: string; courseId: string; orgId: string; createdBy: string | null }) {
  const tid = opts.tenantId;
  const categoryId = newId();
  await insertCategory(k.db, tid, { id: categoryId, course_id: opts.courseId, org_id: null, parent_id: null, name: "Tous les types de questions" });
  const questionIds: string[] = [];
  for (const q of DEMO_QUESTIONS) {
    const definition = QuestionDefinition.parse(q.definition);
    checkDefinition(definition);
    questionIds.push(await insertQuestion(k.db, tid, { categoryId, name: q.name, points: q.points, tags: q.tags, definition, createdBy: opts.createdBy }));
  }
  const shared = newId();
  await insertCategory(k.db, tid, { id: shared, course_id: null, org_id: opts.orgId, parent_id: null, name: "Banque commune du réseau" });
  for (const q of DEMO_QUESTIONS.slice(0, 3)) {
    const definition = QuestionDefinition.parse(q.definition);
    await insertQuestion(k.db, tid, { categoryId: shared, name: q.name, points: q.points, tags: q.tags, definition, createdBy: opts.createdBy });
  }
  return { categoryId, questionIds };
}

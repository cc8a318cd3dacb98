import { z } from "zod";
import { RichTextDoc } from "../../../kernel/richtext/schema.ts";

/**
 * Questions: what a question is (its definition, with the right answers), what a learner may see of
 * it (PublicQuestion, never the right answers), and what a learner answers (QuestionResponse).
 * Pure Zod, shared by the server, the web client and the other modules (quizzes, QTI).
 *
 * Texts (stems, options, feedback) are plain text where maths is written between \( and \)
 * (inline) or \[ and \] (display), rendered with KaTeX; the essay answer is rich text.
 *
 * Ids of options, items and gaps are short random strings chosen by the author's client (or by the
 * importer): they must not reveal the right answer (never sequential for ordering items).
 */
export const QUESTION_TYPES = ["single", "multiple", "truefalse", "short", "numeric", "math", "matching", "ordering", "cloze", "essay", "file"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Types graded by a person: their score is null until graded. */
export const MANUAL_TYPES: readonly QuestionType[] = ["essay", "file"];

export const LIMITS = { stem: 20_000, text: 2_000, feedback: 5_000, options: 50, hints: 10, gaps: 50 } as const;

const Id = z.string().trim().min(1).max(64);
const Text = z.string().max(LIMITS.text);
const Feedback = z.string().max(LIMITS.feedback).default("");
/** share of the question's points, 0..1 (negative values only where a penalty is meant) */
const Fraction = z.number().min(0).max(1);

const base = {
  stem: z.string().trim().min(1).max(LIMITS.stem),
  /** shown to everyone after answering, whatever the answer */
  generalFeedback: Feedback,
  /** shown on full marks / partial marks / no marks (types scored automatically) */
  correctFeedback: Feedback,
  partialFeedback: Feedback,
  incorrectFeedback: Feedback,
  /** given one by one on request (interactive quizzes) */
  hints: z.array(z.string().trim().min(1).max(LIMITS.feedback)).max(LIMITS.hints).default([]),
};

export const SingleDef = z.object({
  type: z.literal("single"),
  ...base,
  /** fraction: the share of the points earned by picking this option (1 for the right one) */
  options: z
    .array(z.object({ id: Id, text: Text.trim().min(1), fraction: Fraction, feedback: Feedback }))
    .min(2)
    .max(LIMITS.options),
  shuffle: z.boolean().default(true),
});

export const MultipleDef = z.object({
  type: z.literal("multiple"),
  ...base,
  options: z
    .array(z.object({ id: Id, text: Text.trim().min(1), correct: z.boolean(), feedback: Feedback }))
    .min(2)
    .max(LIMITS.options),
  shuffle: z.boolean().default(true),
  /**
   * partial: each right pick earns 1/(number of right options), each wrong pick loses
   * `wrongPenalty` (default the same 1/(number of right options)), floored at 0;
   * all-or-nothing: full marks only for exactly the right set.
   */
  grading: z.enum(["partial", "all-or-nothing"]).default("partial"),
  wrongPenalty: Fraction.nullable().default(null),
});

export const TrueFalseDef = z.object({
  type: z.literal("truefalse"),
  ...base,
  correct: z.boolean(),
  trueFeedback: Feedback,
  falseFeedback: Feedback,
});

export const ShortDef = z.object({
  type: z.literal("short"),
  ...base,
  /** patterns where * stands for any characters; the best matching pattern gives the mark */
  answers: z
    .array(z.object({ pattern: Text.trim().min(1), fraction: Fraction, feedback: Feedback }))
    .min(1)
    .max(LIMITS.options),
  caseSensitive: z.boolean().default(false),
  accentSensitive: z.boolean().default(true),
});

export const NumericDef = z.object({
  type: z.literal("numeric"),
  ...base,
  /** value in the base unit (the first unit when units are given) */
  answers: z
    .array(
      z.object({
        value: z.number().finite(),
        tolerance: z.number().min(0).finite().default(0),
        toleranceKind: z.enum(["absolute", "relative"]).default("absolute"),
        fraction: Fraction,
        feedback: Feedback,
      }),
    )
    .min(1)
    .max(LIMITS.options),
  /** multiplier: how many of this unit make one base unit (base: 1; for "m" as base, "cm" is 100) */
  units: z
    .array(z.object({ unit: z.string().trim().min(1).max(30), multiplier: z.number().positive().finite() }))
    .max(20)
    .default([]),
  /** share of the mark lost when units are given but the answer has none or an unknown one */
  unitPenalty: Fraction.default(0),
});

export const MathDef = z.object({
  type: z.literal("math"),
  ...base,
  /** the expected expression in LaTeX (as MathLive writes it), compared by algebraic equivalence */
  answer: z.string().trim().min(1).max(2_000),
  /** other accepted expressions (each compared the same way) */
  alternatives: z.array(z.string().trim().min(1).max(2_000)).max(10).default([]),
  /** relative tolerance when comparing values at random points */
  tolerance: z.number().min(0).max(0.1).default(1e-9),
});

export const MatchingDef = z.object({
  type: z.literal("matching"),
  ...base,
  pairs: z
    .array(z.object({ id: Id, prompt: Text.trim().min(1), answer: Text.trim().min(1) }))
    .min(2)
    .max(LIMITS.options),
  /** distractors offered with the answers */
  extraAnswers: z.array(Text.trim().min(1)).max(LIMITS.options).default([]),
  shuffle: z.boolean().default(true),
});

export const OrderingDef = z.object({
  type: z.literal("ordering"),
  ...base,
  /** in the right order */
  items: z
    .array(z.object({ id: Id, text: Text.trim().min(1) }))
    .min(2)
    .max(LIMITS.options),
  /** partial: share of items at their right place; all-or-nothing: the whole order */
  grading: z.enum(["partial", "all-or-nothing"]).default("partial"),
});

export const ClozeGap = z.object({
  id: Id,
  kind: z.enum(["typed", "select"]),
  /** typed: patterns (* wildcard); select: the options offered, those with fraction > 0 are right */
  answers: z
    .array(z.object({ text: Text.trim().min(1), fraction: Fraction, feedback: Feedback }))
    .min(1)
    .max(LIMITS.options),
  caseSensitive: z.boolean().default(false),
  /** weight of the gap in the question's mark */
  weight: z.number().positive().max(100).default(1),
});
export type ClozeGap = z.infer<typeof ClozeGap>;

export const ClozeDef = z.object({
  type: z.literal("cloze"),
  ...base,
  /** an instruction, may be empty: the text with its gaps is the question */
  stem: z.string().trim().max(LIMITS.stem).default(""),
  /** the text with gaps written [[gap id]] (the stem is the instruction) */
  text: z.string().trim().min(1).max(LIMITS.stem),
  gaps: z.array(ClozeGap).min(1).max(LIMITS.gaps),
  shuffle: z.boolean().default(true),
});

export const EssayDef = z.object({
  type: z.literal("essay"),
  ...base,
  minWords: z.number().int().min(0).max(100_000).nullable().default(null),
  maxWords: z.number().int().min(1).max(100_000).nullable().default(null),
  /** shown to graders only */
  graderInfo: z.string().max(LIMITS.feedback).default(""),
});

export const FileDef = z.object({
  type: z.literal("file"),
  ...base,
  maxFiles: z.number().int().min(1).max(20).default(1),
  /** accepted extensions, e.g. ["pdf", "jpg"]; empty: any */
  accept: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9]{1,10}$/),
    )
    .max(30)
    .default([]),
  graderInfo: z.string().max(LIMITS.feedback).default(""),
});

export const QuestionDefinition = z.discriminatedUnion("type", [
  SingleDef,
  MultipleDef,
  TrueFalseDef,
  ShortDef,
  NumericDef,
  MathDef,
  MatchingDef,
  OrderingDef,
  ClozeDef,
  EssayDef,
  FileDef,
]);
export type QuestionDefinition = z.infer<typeof QuestionDefinition>;
export type QuestionDefinitionInput = z.input<typeof QuestionDefinition>;
export type DefOf<T extends QuestionType> = Extract<QuestionDefinition, { type: T }>;

/** What a learner answers, per type; the server validates it leniently (a malformed one scores 0). */
export const QuestionResponse = z.discriminatedUnion("type", [
  z.object({ type: z.literal("single"), optionId: z.string().max(64).nullable() }),
  z.object({ type: z.literal("multiple"), optionIds: z.array(z.string().max(64)).max(LIMITS.options) }),
  z.object({ type: z.literal("truefalse"), value: z.boolean().nullable() }),
  z.object({ type: z.literal("short"), text: z.string().max(LIMITS.text) }),
  /** typed text: "12.5", "12,5", "12.5 cm", "1.2e3" */
  z.object({ type: z.literal("numeric"), text: z.string().max(200) }),
  z.object({ type: z.literal("math"), latex: z.string().max(2_000) }),
  /** prompt id → the answer text picked */
  z.object({ type: z.literal("matching"), matches: z.record(z.string().max(64), z.string().max(LIMITS.text)) }),
  z.object({ type: z.literal("ordering"), order: z.array(z.string().max(64)).max(LIMITS.options) }),
  /** gap id → typed text or the option picked */
  z.object({ type: z.literal("cloze"), gaps: z.record(z.string().max(64), z.string().max(LIMITS.text)) }),
  z.object({ type: z.literal("essay"), doc: RichTextDoc }),
  z.object({ type: z.literal("file"), fileIds: z.array(z.uuid()).max(20) }),
]);
export type QuestionResponse = z.infer<typeof QuestionResponse>;
export type ResponseOf<T extends QuestionType> = Extract<QuestionResponse, { type: T }>;

const publicBase = {
  /** the version id */
  id: z.string(),
  questionId: z.string(),
  points: z.number(),
  stem: z.string(),
  hints: z.array(z.string()),
};
const Choice = z.object({ id: z.string(), text: z.string() });

/** What a learner may see of a question: never the right answers, options already shuffled. */
export const PublicQuestion = z.discriminatedUnion("type", [
  z.object({ type: z.literal("single"), ...publicBase, options: z.array(Choice) }),
  z.object({ type: z.literal("multiple"), ...publicBase, options: z.array(Choice) }),
  z.object({ type: z.literal("truefalse"), ...publicBase }),
  z.object({ type: z.literal("short"), ...publicBase }),
  z.object({ type: z.literal("numeric"), ...publicBase, units: z.array(z.string()) }),
  z.object({ type: z.literal("math"), ...publicBase }),
  z.object({ type: z.literal("matching"), ...publicBase, prompts: z.array(Choice), answers: z.array(z.string()) }),
  z.object({ type: z.literal("ordering"), ...publicBase, items: z.array(Choice) }),
  z.object({
    type: z.literal("cloze"),
    ...publicBase,
    /** the text cut at its gaps */
    parts: z.array(z.union([z.object({ text: z.string() }), z.object({ gap: z.string(), kind: z.enum(["typed", "select"]), options: z.array(z.string()) })])),
  }),
  z.object({ type: z.literal("essay"), ...publicBase, minWords: z.number().nullable(), maxWords: z.number().nullable() }),
  z.object({ type: z.literal("file"), ...publicBase, maxFiles: z.number(), accept: z.array(z.string()) }),
]);
export type PublicQuestion = z.infer<typeof PublicQuestion>;

/** The outcome of scoring one response (also what QuestionView shows in review mode). */
export const ScoreResult = z.object({
  /** 0..1 share of the points; null: a person must grade it (essay, file) */
  fraction: z.number().min(0).max(1).nullable(),
  state: z.enum(["correct", "partial", "incorrect", "unanswered", "invalid", "manual"]),
  /** feedback texts to show: per picked answer, then by outcome, then general */
  feedback: z.array(z.string()),
  /** a response that earns full marks (null for manual types) */
  rightAnswer: QuestionResponse.nullable(),
  /** per part (cloze gaps, matching prompts, ordering items, multiple options): right or not */
  parts: z.record(z.string(), z.boolean()).default({}),
});
export type ScoreResult = z.infer<typeof ScoreResult>;

/** One stored version of a question, as other modules use it. */
export type QuestionVersion = {
  id: string;
  questionId: string;
  version: number;
  type: QuestionType;
  /** default points of the question (a quiz may scale them) */
  points: number;
  definition: QuestionDefinition;
};

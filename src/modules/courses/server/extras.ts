import type { Kysely } from "kysely";
import type { DB, QuizReview } from "../../../kernel/db/schema.ts";
import type { ContentItem } from "./content.ts";

/**
 * What a copy of a course carries beside an item's own columns, for the kinds whose content lives
 * in other modules: a quiz's settings and questions, an assignment's settings and rubric. Every
 * copy goes through here: a copy inside the platform, a course from a template, a partner's copy
 * (federation), a library version. Everything here is content, never a person's work: no attempts,
 * submissions, grades, extensions or accommodations. Dates (opening, closing, due dates) belong to
 * a run of a course, not to its content: they are left out, and the copy starts without them.
 *
 * The quizzes and assignments modules own the reading and the writing; they register them at
 * start-up (`setItemExtras`), so that this module, which they depend on, never imports them.
 */
export type CarriedQuestion = { name: string; type: string; points: number; definition: unknown };
export type QuizSettings = {
  intro: string;
  time_limit_s: number | null;
  attempts_allowed: number | null;
  grading_method: "highest" | "last" | "average";
  shuffle_questions: boolean;
  shuffle_answers: boolean;
  review_marks: QuizReview;
  review_answers: QuizReview;
  pass_percent: number | null;
};
/**
 * A quiz's settings and its questions in slot order (type, points, definition), and for a slot
 * drawing at random from a category, that category's questions. Written into new categories of the
 * copy's own question bank.
 */
export type CarriedQuiz = {
  settings: QuizSettings;
  /** in order; `category` is an index into `categories` */
  slots: ({ page: number; points: number; question: CarriedQuestion } | { page: number; points: number; category: number })[];
  categories: { name: string; questions: CarriedQuestion[] }[];
};
export type AssignmentSettings = {
  instructions_doc: unknown;
  instructions_html: string;
  online_text: boolean;
  file_submissions: boolean;
  max_files: number;
  max_file_mb: number;
  group_mode: boolean;
  max_score: number;
  pass_score: number | null;
  anonymous: boolean;
};
export type CarriedAssignment = { settings: AssignmentSettings; rubric: unknown };
export type ItemExtras = { quiz?: CarriedQuiz; assignment?: CarriedAssignment };

/** Where a copy's extras are written: a course of the platform `tid`, made by `userId`. */
export type ExtrasTarget = { tid: string; courseId: string; userId: string };

/** How a module reads its items' extras on the platform that owns them, and writes them into a copy. */
export type ExtrasHandler<T> = {
  /** the extras of these items (all of the handler's kind), by item key: a few queries whatever their number */
  read: (db: Kysely<DB>, tid: string, items: readonly ContentItem[]) => Promise<Map<string, T>>;
  /** writes them for the item `itemId` of the target course, inside the caller's transaction (replacing what it had) */
  write: (tx: Kysely<DB>, to: ExtrasTarget, itemId: string, item: Pick<ContentItem, "title">, extras: T) => Promise<void>;
};

type Handlers = { [K in keyof ItemExtras]-?: ExtrasHandler<NonNullable<ItemExtras[K]>> };
const handlers: Partial<Handlers> = {};

/** Registered once by the quizzes and assignments modules at start-up. */
export function setItemExtras<K extends keyof ItemExtras>(kind: K, handler: Handlers[K]) {
  handlers[kind] = handler;
}

function handler<K extends keyof ItemExtras>(kind: K): Handlers[K] {
  const h = handlers[kind];
  // a copy without its quizzes' questions would make unopenable quizzes: never silently
  if (!h) throw new Error(`no extras handler registered for ${kind} items`);
  return h as Handlers[K];
}

/**
 * The extras of a course's items, read on the platform `tid` that owns them, by item key: items of
 * other kinds get none.
 */
export async function readItemExtras(db: Kysely<DB>, tid: string, items: readonly ContentItem[]): Promise<Map<string, ItemExtras>> {
  const out = new Map<string, ItemExtras>();
  const quizzes = items.filter((i) => i.kind === "quiz");
  const assignments = items.filter((i) => i.kind === "assignment");
  const [q, a] = await Promise.all([
    quizzes.length ? handler("quiz").read(db, tid, quizzes) : new Map<string, CarriedQuiz>(),
    assignments.length ? handler("assignment").read(db, tid, assignments) : new Map<string, CarriedAssignment>(),
  ]);
  for (const [key, quiz] of q) out.set(key, { quiz });
  for (const [key, assignment] of a) out.set(key, { assignment });
  return out;
}

/** A course's content with each item's extras beside its columns. */
export async function withItemExtras<C extends { items: readonly ContentItem[] }>(db: Kysely<DB>, tid: string, content: C) {
  const extras = await readItemExtras(db, tid, content.items);
  return { ...content, items: content.items.map((i) => ({ ...i, ...extras.get(i.key) })) };
}

/**
 * Writes an item's extras into the target course (inside the caller's transaction): the quiz's
 * settings and questions (in new categories of the course's bank; slots replaced) and its grade
 * item, the assignment's settings, rubric and grade item. An item without extras is left as it is.
 */
export async function writeItemExtras(tx: Kysely<DB>, to: ExtrasTarget, itemId: string, item: Pick<ContentItem, "title"> & ItemExtras) {
  if (item.quiz) await handler("quiz").write(tx, to, itemId, item, item.quiz);
  if (item.assignment) await handler("assignment").write(tx, to, itemId, item, item.assignment);
}

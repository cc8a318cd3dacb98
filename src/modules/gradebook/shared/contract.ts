import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";

/**
 * Gradebook of a course: grade items (from quizzes and assignments, or columns added by hand) in
 * weighted categories, one grade per learner and item, overrides with their history, letter
 * scales, exports and CSV import, and each learner's own released grades.
 */
export const GRADE_SOURCES = ["quiz", "assignment", "manual"] as const;
export const HISTORY_KINDS = ["entered", "override", "cleared", "imported"] as const;
export const SORTS = ["name", "total", "item"] as const;
/** the largest CSV accepted for import, in characters */
export const IMPORT_MAX_CHARS = 1_500_000;

const courseParams = z.object({ id: z.uuid() });
const itemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
const gradeParams = z.object({ id: z.uuid(), itemId: z.uuid(), userId: z.uuid() });
const score = z.number().min(0).max(1_000_000);
const name = z.string().trim().min(1).max(200);
const weight = z.number().min(0).max(1000);
const reason = z.string().trim().max(1000);

export const ScaleBand = z.object({ letter: z.string().trim().min(1).max(10), min: z.number().min(0).max(100) });
export const Scale = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["percent", "outOf", "letters"]),
  outOf: z.number().optional(),
  bands: z.array(ScaleBand).optional(),
});
export type Scale = z.infer<typeof Scale>;

export const Category = z.object({ id: z.uuid(), name: z.string(), weight: z.number(), dropLowest: z.number().int(), position: z.number().int() });
export type Category = z.infer<typeof Category>;

export const GradeItem = z.object({
  id: z.uuid(),
  title: z.string(),
  source: z.enum(GRADE_SOURCES),
  courseItemId: z.uuid().nullable(),
  categoryId: z.uuid().nullable(),
  maxScore: z.number(),
  passScore: z.number().nullable(),
  released: z.boolean(),
  position: z.number().int(),
});
export type GradeItem = z.infer<typeof GradeItem>;

/** One cell: the score that counts, whether it is a teacher's override, the computed score beside it. */
export const Cell = z.object({
  score: z.number().nullable(),
  computed: z.number().nullable(),
  overridden: z.boolean(),
  released: z.boolean(),
});
export type Cell = z.infer<typeof Cell>;

export const LearnerRow = z.object({
  userId: z.uuid(),
  username: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  /** course total as a percentage, null without any grade */
  total: z.number().nullable(),
  totalText: z.string(),
  /** one per item, in the order of `items`; null = no grade row */
  cells: z.array(Cell.nullable()),
});
export type LearnerRow = z.infer<typeof LearnerRow>;

const Structure = z.object({
  course: z.object({ id: z.uuid(), title: z.string() }),
  canEdit: z.boolean(),
  canGrade: z.boolean(),
  scale: Scale,
  categories: z.array(Category),
  items: z.array(GradeItem),
  uncategorisedWeight: z.number(),
});

export const getGradebook = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/gradebook",
  summary: "The teachers' grid: one page of learners × grade items, sorted and searched on the server",
  tags: ["gradebook"],
  params: courseParams,
  query: z.object({
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(100),
    sort: z.enum(SORTS).default("name"),
    /** the grade item to sort on when sort=item */
    sortItem: z.uuid().optional(),
    dir: z.enum(["asc", "desc"]).default("asc"),
    q: z.string().trim().max(100).optional(),
  }),
  response: Structure.extend({ learners: z.array(LearnerRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
});

export const HistoryEntry = z.object({
  id: z.uuid(),
  itemId: z.uuid(),
  userId: z.uuid(),
  kind: z.enum(HISTORY_KINDS),
  oldScore: z.number().nullable(),
  newScore: z.number().nullable(),
  reason: z.string(),
  at: z.string(),
  actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const setGrade = defineContract({
  method: "PUT",
  path: "/api/v1/courses/:id/gradebook/items/:itemId/grades/:userId",
  summary: "Enter a grade (columns added by hand) or override a computed one (a reason is required); recorded in the history",
  tags: ["gradebook"],
  params: gradeParams,
  body: z.object({ score: score.nullable(), reason: reason.default("") }),
  response: z.object({ cell: Cell, total: z.number().nullable(), totalText: z.string() }),
});

export const revertOverride = defineContract({
  method: "POST",
  path: "/api/v1/courses/:id/gradebook/items/:itemId/grades/:userId/revert",
  summary: "Drop an override: the computed grade counts again; recorded in the history",
  tags: ["gradebook"],
  params: gradeParams,
  body: z.object({ reason: reason.default("") }),
  response: z.object({ cell: Cell, total: z.number().nullable(), totalText: z.string() }),
});

export const createItem = defineContract({
  method: "POST",
  path: "/api/v1/courses/:id/gradebook/items",
  summary: "Add a column graded by hand (course editors)",
  tags: ["gradebook"],
  params: courseParams,
  body: z.object({
    title: z.string().trim().min(1).max(300),
    maxScore: score.positive(),
    passScore: score.nullable().default(null),
    categoryId: z.uuid().nullable().default(null),
    /** a course item whose completion rule 'graded' this column decides */
    courseItemId: z.uuid().nullable().default(null),
    released: z.boolean().default(false),
  }),
  response: GradeItem,
});

export const updateItem = defineContract({
  method: "PATCH",
  path: "/api/v1/courses/:id/gradebook/items/:itemId",
  summary: "Change a grade item: category, release (all its grades), and for columns by hand title and scores",
  tags: ["gradebook"],
  params: itemParams,
  body: z.object({
    title: z.string().trim().min(1).max(300).optional(),
    maxScore: score.positive().optional(),
    passScore: score.nullable().optional(),
    categoryId: z.uuid().nullable().optional(),
    released: z.boolean().optional(),
  }),
  response: GradeItem,
});

export const deleteItem = defineContract({
  method: "DELETE",
  path: "/api/v1/courses/:id/gradebook/items/:itemId",
  summary: "Delete a column graded by hand with its grades (items from quizzes and assignments go with them)",
  tags: ["gradebook"],
  params: itemParams,
  response: z.object({}),
});

const categoryBody = z.object({ name, weight: weight.default(1), dropLowest: z.number().int().min(0).max(100).default(0) });

export const createCategory = defineContract({
  method: "POST",
  path: "/api/v1/courses/:id/gradebook/categories",
  summary: "Add a category (course editors)",
  tags: ["gradebook"],
  params: courseParams,
  body: categoryBody,
  response: Category,
});

export const updateCategory = defineContract({
  method: "PATCH",
  path: "/api/v1/courses/:id/gradebook/categories/:categoryId",
  summary: "Rename a category, change its weight or how many lowest grades it drops",
  tags: ["gradebook"],
  params: z.object({ id: z.uuid(), categoryId: z.uuid() }),
  body: categoryBody.partial(),
  response: Category,
});

export const deleteCategory = defineContract({
  method: "DELETE",
  path: "/api/v1/courses/:id/gradebook/categories/:categoryId",
  summary: "Delete a category; its items stay, uncategorised",
  tags: ["gradebook"],
  params: z.object({ id: z.uuid(), categoryId: z.uuid() }),
  response: z.object({}),
});

export const getSettings = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/gradebook/settings",
  summary: "The course's scale (or the platform's default) and the scales to choose from",
  tags: ["gradebook"],
  params: courseParams,
  response: z.object({
    scale: z.string().nullable(),
    platformDefault: z.string(),
    uncategorisedWeight: z.number(),
    scales: z.array(Scale.extend({ courseOnly: z.boolean() })),
  }),
});

export const updateSettings = defineContract({
  method: "PUT",
  path: "/api/v1/courses/:id/gradebook/settings",
  summary: "Choose the course's scale (null = the platform's default) and the weight of uncategorised items",
  tags: ["gradebook"],
  params: courseParams,
  body: z.object({ scale: z.string().max(40).nullable(), uncategorisedWeight: weight }),
  response: z.object({ ok: z.literal(true) }),
});

export const createCourseScale = defineContract({
  method: "POST",
  path: "/api/v1/courses/:id/gradebook/scales",
  summary: "Add a letter scale for this course (course editors)",
  tags: ["gradebook"],
  params: courseParams,
  body: z.object({ name: z.string().trim().min(1).max(100), bands: z.array(ScaleBand).min(2).max(30) }),
  response: Scale,
});

export const getPlatformSettings = defineContract({
  method: "GET",
  path: "/api/v1/gradebook/settings",
  summary: "The platform's default scale and its letter scales (platform admins)",
  tags: ["gradebook"],
  response: z.object({ defaultScale: z.string(), scales: z.array(Scale) }),
});

export const updatePlatformSettings = defineContract({
  method: "PUT",
  path: "/api/v1/gradebook/settings",
  summary: "Set the platform's default scale (platform admins)",
  tags: ["gradebook"],
  body: z.object({ defaultScale: z.string().max(40) }),
  response: z.object({ ok: z.literal(true) }),
});

export const createPlatformScale = defineContract({
  method: "POST",
  path: "/api/v1/gradebook/scales",
  summary: "Add a letter scale every course of the platform may use (platform admins)",
  tags: ["gradebook"],
  body: z.object({ name: z.string().trim().min(1).max(100), bands: z.array(ScaleBand).min(2).max(30) }),
  response: Scale,
});

export const getLearnerGrades = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/gradebook/learners/:userId",
  summary: "One learner's grades with category totals and the history of changes (teachers)",
  tags: ["gradebook"],
  params: z.object({ id: z.uuid(), userId: z.uuid() }),
  response: Structure.extend({
    learner: LearnerRow,
    categoryTotals: z.array(z.object({ categoryId: z.uuid().nullable(), percent: z.number().nullable(), text: z.string() })),
    history: z.array(HistoryEntry),
  }),
});

export const getItemGrades = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/gradebook/items/:itemId",
  summary: "One grade item: statistics, every learner's grade (paged) and the history of changes (teachers)",
  tags: ["gradebook"],
  params: itemParams,
  query: z.object({
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(100),
    q: z.string().trim().max(100).optional(),
  }),
  response: z.object({
    course: z.object({ id: z.uuid(), title: z.string() }),
    canEdit: z.boolean(),
    canGrade: z.boolean(),
    item: GradeItem,
    categories: z.array(Category),
    stats: z.object({
      learners: z.number().int(),
      graded: z.number().int(),
      mean: z.number().nullable(),
      median: z.number().nullable(),
      passed: z.number().int().nullable(),
    }),
    learners: z.array(z.object({ userId: z.uuid(), username: z.string(), givenName: z.string(), familyName: z.string(), cell: Cell.nullable() })),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    history: z.array(HistoryEntry),
  }),
});

export const ImportRow = z.object({
  line: z.number().int(),
  username: z.string(),
  /** column title → message */
  errors: z.array(z.object({ column: z.string(), message: z.string() })),
  changes: z.number().int(),
});

export const importGrades = defineContract({
  method: "POST",
  path: "/api/v1/courses/:id/gradebook/import",
  summary:
    "Import grades of columns graded by hand from CSV (username, then one column per item title); dry run by default; nothing is imported if a row is wrong",
  tags: ["gradebook"],
  params: courseParams,
  body: z.object({ csv: z.string().min(1).max(IMPORT_MAX_CHARS), dryRun: z.boolean().default(true) }),
  response: z.object({
    rows: z.array(ImportRow),
    columns: z.array(z.object({ title: z.string(), itemId: z.uuid().nullable() })),
    errors: z.number().int(),
    changes: z.number().int(),
    applied: z.boolean(),
  }),
});

export const myGrades = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/my-grades",
  summary: "My released grades in a course, with my total computed from them",
  tags: ["gradebook"],
  params: courseParams,
  response: z.object({
    course: z.object({ id: z.uuid(), title: z.string() }),
    scale: Scale,
    items: z.array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        categoryName: z.string().nullable(),
        maxScore: z.number(),
        score: z.number().nullable(),
        percent: z.number().nullable(),
        text: z.string(),
        passed: z.boolean().nullable(),
      }),
    ),
    categories: z.array(
      z.object({
        id: z.uuid().nullable(),
        name: z.string().nullable(),
        weight: z.number(),
        dropLowest: z.number().int(),
        percent: z.number().nullable(),
        text: z.string(),
      }),
    ),
    total: z.number().nullable(),
    totalText: z.string(),
  }),
});

/** Not JSON routes: the grid as a spreadsheet (for links). */
export const exportPath = (courseId: string, format: "csv" | "xlsx") => `/api/v1/courses/${courseId}/gradebook/export.${format}`;

import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";
import { RubricDefinition, RubricFill } from "../../rubrics/shared/rubric.ts";

/**
 * Assignments: a course item of kind "assignment". Learners (alone, or one submission per group)
 * write online text with maths and/or attach files, save drafts then submit and get a receipt;
 * markers grade with a rubric, a marking guide or a plain score, give feedback, possibly without
 * seeing names (anonymous marking), and release the grades.
 */
const when = z.iso.datetime({ offset: true });
const title = z.string().trim().min(1).max(300);
/** a rich-text document (ProseMirror JSON), checked by the server's rich-text parser */
const richDoc = z.unknown();
const courseParams = z.object({ courseId: z.uuid() });
const itemParams = z.object({ courseId: z.uuid(), itemId: z.uuid() });
const submissionParams = z.object({ courseId: z.uuid(), itemId: z.uuid(), submissionId: z.uuid() });

export const SUBMISSION_STATUSES = ["new", "draft", "submitted"] as const;
/** Where a learner stands: before the opening, open, closed (after the cut-off or their extension). */
export const WINDOW_STATES = ["not_open", "open", "closed"] as const;

export const FileRef = z.object({ id: z.uuid(), name: z.string(), size: z.number().int(), mime: z.string() });
export type FileRef = z.infer<typeof FileRef>;

export const AssignmentSettings = z.object({
  instructionsDoc: z.unknown().nullable(),
  instructionsHtml: z.string(),
  onlineText: z.boolean(),
  fileSubmissions: z.boolean(),
  maxFiles: z.number().int(),
  maxFileMb: z.number().int(),
  groupMode: z.boolean(),
  groupingId: z.uuid().nullable(),
  opensAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  cutoffAt: z.string().nullable(),
  maxScore: z.number(),
  passScore: z.number().nullable(),
  anonymous: z.boolean(),
  /** identities shown to markers again (anonymous marking ended) */
  revealed: z.boolean(),
  /** grades and feedback visible to learners */
  released: z.boolean(),
  rubric: RubricDefinition.nullable(),
});
export type AssignmentSettings = z.infer<typeof AssignmentSettings>;

export const Feedback = z.object({
  score: z.number().nullable(),
  maxScore: z.number(),
  rubricFill: RubricFill.nullable(),
  feedbackHtml: z.string(),
  files: z.array(FileRef),
  gradedAt: z.string().nullable(),
});
export type Feedback = z.infer<typeof Feedback>;

/** A learner's own submission (their group's in group mode). */
export const MySubmission = z.object({
  id: z.uuid().nullable(),
  status: z.enum(SUBMISSION_STATUSES),
  group: z.object({ id: z.uuid(), name: z.string(), members: z.array(z.object({ id: z.uuid(), name: z.string() })) }).nullable(),
  /** group mode and the learner is in no group (or several) of the assignment's grouping */
  groupProblem: z.enum(["none", "several"]).nullable(),
  textDoc: z.unknown().nullable(),
  textHtml: z.string(),
  files: z.array(FileRef),
  revision: z.number().int(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  receipt: z.string().nullable(),
  late: z.boolean(),
  /** the due date that applies (an extension replaces the assignment's) */
  dueAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  extended: z.boolean(),
  window: z.enum(WINDOW_STATES),
  /** released grade and feedback, null until then */
  feedback: Feedback.nullable(),
});
export type MySubmission = z.infer<typeof MySubmission>;

export const AssignmentView = z.object({
  course: z.object({ id: z.uuid(), title: z.string() }),
  item: z.object({ id: z.uuid(), title: z.string(), sectionId: z.uuid() }),
  settings: AssignmentSettings,
  canEdit: z.boolean(),
  canGrade: z.boolean(),
  isLearner: z.boolean(),
  mine: MySubmission.nullable(),
  groupings: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type AssignmentView = z.infer<typeof AssignmentView>;

const settingsInput = {
  instructions: richDoc.nullable(),
  onlineText: z.boolean(),
  fileSubmissions: z.boolean(),
  maxFiles: z.number().int().min(1).max(20),
  maxFileMb: z.number().int().min(1).max(1024),
  groupMode: z.boolean(),
  groupingId: z.uuid().nullable(),
  opensAt: when.nullable(),
  dueAt: when.nullable(),
  cutoffAt: when.nullable(),
  maxScore: z.number().positive().max(1000),
  passScore: z.number().min(0).max(1000).nullable(),
  anonymous: z.boolean(),
  /** null removes the rubric or guide: scores are then typed */
  rubric: RubricDefinition.nullable(),
};

export const createAssignment = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/assignments",
  summary: "Add an assignment to a section of the course (course editors): the course item and its settings",
  tags: ["assignments"],
  params: courseParams,
  body: z.object({ sectionId: z.uuid(), title, ...z.object(settingsInput).partial().shape }),
  response: AssignmentView,
});

export const getAssignment = defineContract({
  method: "GET",
  path: "/api/v1/courses/:courseId/assignments/:itemId",
  summary: "An assignment with the actor's own (or group's) submission and released feedback",
  tags: ["assignments"],
  params: itemParams,
  response: AssignmentView,
});

export const updateAssignment = defineContract({
  method: "PATCH",
  path: "/api/v1/courses/:courseId/assignments/:itemId",
  summary: "Change an assignment's settings, rubric or marking guide (course editors)",
  tags: ["assignments"],
  params: itemParams,
  body: z.object({ title: title.optional(), ...z.object(settingsInput).partial().shape }),
  response: AssignmentView,
});

export const saveSubmission = defineContract({
  method: "PUT",
  path: "/api/v1/courses/:courseId/assignments/:itemId/submission",
  summary: "Save the draft of one's (or one's group's) submission; `revision` is the one last read (409 if someone saved since)",
  tags: ["assignments"],
  params: itemParams,
  body: z.object({ text: richDoc.nullable().optional(), fileIds: z.array(z.uuid()).max(20).optional(), revision: z.number().int().min(0) }),
  response: MySubmission,
});

export const submitSubmission = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/assignments/:itemId/submission/submit",
  summary: "Submit the draft for marking: it is then locked; a receipt is shown and mailed",
  tags: ["assignments"],
  params: itemParams,
  body: z.object({ revision: z.number().int().min(0) }),
  response: MySubmission,
});

export const MarkingRow = z.object({
  id: z.uuid(),
  participantNo: z.number().int(),
  /** null while anonymous marking hides identities */
  name: z.string().nullable(),
  userId: z.uuid().nullable(),
  groupId: z.uuid().nullable(),
  members: z.array(z.string()),
  status: z.enum(SUBMISSION_STATUSES),
  submittedAt: z.string().nullable(),
  late: z.boolean(),
  extensionDueAt: z.string().nullable(),
  score: z.number().nullable(),
  graded: z.boolean(),
});
export type MarkingRow = z.infer<typeof MarkingRow>;

export const listSubmissions = defineContract({
  method: "GET",
  path: "/api/v1/courses/:courseId/assignments/:itemId/submissions",
  summary: "Everyone's submission for markers (participant numbers only under anonymous marking)",
  tags: ["assignments"],
  params: itemParams,
  response: z.object({ anonymous: z.boolean(), released: z.boolean(), rows: z.array(MarkingRow) }),
});

export const SubmissionDetail = MarkingRow.extend({
  textHtml: z.string(),
  files: z.array(FileRef),
  receipt: z.string().nullable(),
  rubricFill: RubricFill.nullable(),
  feedbackDoc: z.unknown().nullable(),
  feedbackHtml: z.string(),
  feedbackFiles: z.array(FileRef),
  gradedAt: z.string().nullable(),
});
export type SubmissionDetail = z.infer<typeof SubmissionDetail>;

export const getSubmission = defineContract({
  method: "GET",
  path: "/api/v1/courses/:courseId/assignments/:itemId/submissions/:submissionId",
  summary: "One submission with its grade and feedback (markers)",
  tags: ["assignments"],
  params: submissionParams,
  response: SubmissionDetail,
});

export const gradeSubmission = defineContract({
  method: "PUT",
  path: "/api/v1/courses/:courseId/assignments/:itemId/submissions/:submissionId/grade",
  summary: "Grade a submission: a complete rubric or guide fill (score computed) or a score, with feedback text and files",
  tags: ["assignments"],
  params: submissionParams,
  body: z.object({
    score: z.number().min(0).max(1000).nullable().optional(),
    rubricFill: RubricFill.nullable().optional(),
    feedback: richDoc.nullable().optional(),
    feedbackFileIds: z.array(z.uuid()).max(20).optional(),
  }),
  response: SubmissionDetail,
});

export const setExtension = defineContract({
  method: "PUT",
  path: "/api/v1/courses/:courseId/assignments/:itemId/submissions/:submissionId/extension",
  summary: "Give a learner (or a group) until this date; null withdraws the extension",
  tags: ["assignments"],
  params: submissionParams,
  body: z.object({ dueAt: when.nullable() }),
  response: MarkingRow,
});

export const releaseGrades = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/assignments/:itemId/release",
  summary: "Release grades and feedback to learners (later grades are released at once)",
  tags: ["assignments"],
  params: itemParams,
  response: z.object({ released: z.number().int() }),
});

export const revealIdentities = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/assignments/:itemId/reveal",
  summary: "End anonymous marking: markers see names again (cannot be undone)",
  tags: ["assignments"],
  params: itemParams,
  response: z.object({ ok: z.literal(true) }),
});

export const reopenSubmission = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/assignments/:itemId/submissions/:submissionId/reopen",
  summary: "Give a submitted work back as a draft so that its learner (or group) can change and submit it again",
  tags: ["assignments"],
  params: submissionParams,
  response: SubmissionDetail,
});

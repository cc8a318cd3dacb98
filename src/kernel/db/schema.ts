import type { ColumnType, Generated } from "kysely";

/** Table types, kept in step with the migrations (src/modules/*\/server/migrations). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type LibraryLevel = "beginner" | "intermediate" | "advanced";
export interface LibraryEntriesTable {
  id: string;
  publisher_tenant_id: string;
  source_course_id: string;
  title: string;
  description: Defaulted<string>;
  language: string;
  level: LibraryLevel;
  licence: string;
  subjects: Defaulted<string[]>;
  latest_version: Defaulted<number>;
  withdrawn_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface LibraryVersionsTable {
  entry_id: string;
  number: number;
  change_notes: Defaulted<string>;
  content: unknown;
  sections: number;
  items: number;
  published_by_name: string;
  published_at: Generated<Date>;
}
export interface LibrarySettingsTable {
  tenant_id: string;
  teachers_may_publish: Defaulted<boolean>;
}
export interface LibraryImportsTable {
  tenant_id: string;
  course_id: string;
  entry_id: string;
  version: number;
  linked: boolean;
  imported_by: string | null;
  imported_at: Generated<Date>;
  updated_at: Generated<Date>;
}
/** Deployment-wide: bytes of the files library versions carry, by SHA-256 (see 20261126-30-library-blobs). */
export interface LibraryBlobsTable {
  sha256: string;
  size: number;
  created_at: Generated<Date>;
}
export interface LibraryBlobChunksTable {
  sha256: string;
  n: number;
  data: Buffer;
}
export interface LibraryOriginsTable {
  tenant_id: string;
  course_id: string;
  key: string;
  kind: "section" | "item";
  local_id: string;
  hash: string;
}
export interface FundingTable {
  tenant_id: string;
  course_id: string;
  user_id: string;
  funder: string;
  updated_at: Generated<Date>;
}

export interface ProgrammeFundingTable {
  tenant_id: string;
  programme_id: string;
  user_id: string;
  funder: string;
  updated_at: Generated<Date>;
}

export type Profile = "learner" | "teacher" | "parent" | "staff" | "admin";

export interface TenantsTable {
  id: string;
  slug: string;
  status: Defaulted<"active" | "suspended">;
  default_locale: Defaulted<string>;
  root_org_id: string;
  /** the platform this one sits under in its network (one level: a parent has no parent) */
  parent_id: Defaulted<string | null>;
  created_at: Generated<Date>;
}
export interface HostnamesTable {
  hostname: string;
  tenant_id: string;
}
export interface DeploymentOperatorsTable {
  tenant_id: string;
  user_id: string;
  created_at: Generated<Date>;
}
export interface MailOutboxTable {
  tenant_id: string;
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: "kept" | "sent" | "failed";
  error: string | null;
  /** attachments sent with the mail (name, type, size, base64 content when small); null when none */
  attachments: unknown | null;
  created_at: Generated<Date>;
}
export interface OrgsTable {
  tenant_id: string;
  id: string;
  parent_id: string | null;
  path: string;
  name: string;
  kind: string;
  code: string | null;
  primary_color: string | null;
  logo_url: string | null;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
}
export interface UsersTable {
  tenant_id: string;
  id: string;
  username: string;
  email: string | null;
  given_name: string;
  family_name: string;
  profile: Profile;
  locale: string | null;
  password_hash: string | null;
  status: Defaulted<"active" | "disabled" | "importing">;
  import_id: string | null;
  failed_logins: Defaulted<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: Generated<Date>;
}
export interface RoleAssignmentsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  org_id: string;
  role: Profile;
  created_at: Generated<Date>;
}
export interface SessionsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  user_agent: string | null;
  ip: string | null;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}
export interface PasswordResetsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}
export interface EventsTable {
  tenant_id: string;
  id: string;
  actor_id: string | null;
  verb: string;
  object_type: string;
  object_id: string | null;
  context: Defaulted<unknown>;
  at: Timestamp;
}
export interface UserImportsTable {
  tenant_id: string;
  id: string;
  actor_id: string;
  org_id: string;
  file_name: string;
  status: "running" | "done" | "failed";
  total: number;
  done: Defaulted<number>;
  created_users: Defaulted<number>;
  created_classes: Defaulted<number>;
  error: string | null;
  created_at: Generated<Date>;
  finished_at: Timestamp | null;
  /** jsonb array of the ids of the classes the import created; written as JSON text */
  class_ids: ColumnType<string[], string | undefined, string>;
  updated_at: Timestamp;
}

export type CourseRole = "manager" | "teacher" | "assistant" | "learner" | "observer";
export interface CoursesTable {
  tenant_id: string;
  id: string;
  org_id: string;
  title: string;
  summary: Defaulted<string>;
  description_doc: unknown | null;
  description_html: Defaulted<string>;
  language: Defaulted<string>;
  tags: Defaulted<string[]>;
  format: Defaulted<"online" | "blended" | "in-person">;
  status: Defaulted<"draft" | "published" | "archived">;
  is_template: Defaulted<boolean>;
  visible_from: Timestamp | null;
  visible_until: Timestamp | null;
  self_enrol: Defaulted<"closed" | "open" | "key" | "approval">;
  enrol_key_hash: string | null;
  enrol_from: Timestamp | null;
  enrol_until: Timestamp | null;
  capacity: number | null;
  search: unknown | null;
  /** bumped by triggers whenever a section or item of the course changes (outline caches) */
  outline_version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface CourseMembersTable {
  tenant_id: string;
  id: string;
  course_id: string;
  user_id: string;
  role: CourseRole;
  status: Defaulted<"active" | "pending" | "unenrolled">;
  source: Defaulted<"self" | "teacher" | "org" | "csv" | "creator" | "copy" | "programme" | "federation">;
  source_org_id: string | null;
  starts_at: Timestamp | null;
  ends_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** set once when the learner has completed every item with a completion rule (enrolment module) */
  completed_at: Timestamp | null;
}
export interface CourseSectionsTable {
  tenant_id: string;
  id: string;
  course_id: string;
  position: number;
  title: string;
  summary: Defaulted<string>;
  created_at: Generated<Date>;
}
export interface CourseItemsTable {
  tenant_id: string;
  id: string;
  course_id: string;
  section_id: string;
  position: number;
  kind: "page" | "file" | "video" | "link" | "quiz" | "assignment";
  title: string;
  body_doc: unknown | null;
  body_html: Defaulted<string>;
  url: string | null;
  file_id: string | null;
  captions_file_id: string | null;
  completion: Defaulted<"none" | "viewed" | "done" | "graded">;
  condition: unknown | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface ItemProgressTable {
  tenant_id: string;
  item_id: string;
  user_id: string;
  course_id: string;
  viewed_at: Timestamp | null;
  done_at: Timestamp | null;
  position_seconds: number | null;
  updated_at: Generated<Date>;
}

export type FilePurpose = "document" | "video" | "captions" | "image";
export interface FilesTable {
  tenant_id: string;
  id: string;
  owner_id: string | null;
  purpose: FilePurpose;
  name: string;
  mime: string;
  size: Defaulted<number>;
  sha256: string | null;
  status: Defaulted<"uploading" | "ready">;
  created_at: Generated<Date>;
}
export interface FileChunksTable {
  tenant_id: string;
  file_id: string;
  n: number;
  data: Buffer;
}

/** enrolment module: "all learners of this node's subtree are learners of the course" */
export interface CourseEnrolRulesTable {
  tenant_id: string;
  id: string;
  course_id: string;
  org_id: string;
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface ProgrammesTable {
  tenant_id: string;
  id: string;
  org_id: string;
  title: string;
  description: Defaulted<string>;
  completion: Defaulted<"all" | "count">;
  required_count: number | null;
  ordered: Defaulted<boolean>;
  enrol_into: Defaulted<"first" | "all">;
  /** people of the programme's branch may join it themselves */
  self_enrol: Defaulted<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface ProgrammeCoursesTable {
  tenant_id: string;
  programme_id: string;
  course_id: string;
  position: number;
}
export interface ProgrammeMembersTable {
  tenant_id: string;
  programme_id: string;
  user_id: string;
  status: Defaulted<"active" | "unenrolled">;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CourseSessionsTable {
  tenant_id: string;
  id: string;
  course_id: string;
  title: string;
  kind: "in-person" | "online";
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: string | null;
  video_url: string | null;
  seats: number | null;
  approval: Defaulted<boolean>;
  registration_opens_at: Timestamp | null;
  registration_closes_at: Timestamp | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type RegistrationStatus = "pending" | "approved" | "waiting" | "refused";
export interface SessionRegistrationsTable {
  tenant_id: string;
  id: string;
  session_id: string;
  course_id: string;
  user_id: string;
  status: RegistrationStatus;
  queued_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  reminder_sent_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface SessionAttendanceTable {
  tenant_id: string;
  session_id: string;
  user_id: string;
  status: "present" | "absent" | "excused";
  signature: string | null;
  signed_on_paper: Defaulted<boolean>;
  taken_by: string | null;
  taken_at: Generated<Date>;
}

// ---------- gradebook ----------
export interface GradebookPlatformTable {
  tenant_id: string;
  default_scale: Defaulted<string>;
}
export interface GradebookCoursesTable {
  tenant_id: string;
  course_id: string;
  /** a built-in scale key or a grade_scales id; null = the platform's default */
  scale: string | null;
  uncategorised_weight: Defaulted<number>;
  updated_at: Generated<Date>;
}
export interface GradeScalesTable {
  tenant_id: string;
  id: string;
  course_id: string | null;
  name: string;
  /** [{ letter, min }] with min a percentage, highest first */
  bands: unknown;
  created_at: Generated<Date>;
}
export interface GradeCategoriesTable {
  tenant_id: string;
  id: string;
  course_id: string;
  name: string;
  weight: Defaulted<number>;
  drop_lowest: Defaulted<number>;
  position: Defaulted<number>;
  created_at: Generated<Date>;
}
export interface GradeItemsTable {
  tenant_id: string;
  id: string;
  course_id: string;
  category_id: string | null;
  source_type: "quiz" | "assignment" | "manual";
  source_id: string | null;
  course_item_id: string | null;
  title: string;
  max_score: number;
  pass_score: number | null;
  released: Defaulted<boolean>;
  position: Defaulted<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface GradesTable {
  tenant_id: string;
  grade_item_id: string;
  user_id: string;
  course_id: string;
  score: number | null;
  overridden: Defaulted<boolean>;
  override_score: number | null;
  released: Defaulted<boolean>;
  graded_by: string | null;
  graded_at: Timestamp | null;
  updated_at: Generated<Date>;
}
export interface GradeHistoryTable {
  tenant_id: string;
  id: string;
  grade_item_id: string;
  user_id: string;
  course_id: string;
  actor_id: string | null;
  kind: "entered" | "override" | "cleared" | "imported";
  old_score: number | null;
  new_score: number | null;
  reason: Defaulted<string>;
  at: Generated<Date>;
}

export type QuizReview = "immediately" | "after_close" | "never";
export interface QuizzesTable {
  tenant_id: string;
  item_id: string;
  course_id: string;
  intro: Defaulted<string>;
  time_limit_s: number | null;
  opens_at: Timestamp | null;
  closes_at: Timestamp | null;
  attempts_allowed: number | null;
  grading_method: Defaulted<"highest" | "last" | "average">;
  shuffle_questions: Defaulted<boolean>;
  shuffle_answers: Defaulted<boolean>;
  review_marks: Defaulted<QuizReview>;
  review_answers: Defaulted<QuizReview>;
  pass_percent: number | null;
  grades_released_at: Timestamp | null;
  updated_at: Generated<Date>;
}
export interface QuizSlotsTable {
  tenant_id: string;
  id: string;
  quiz_id: string;
  position: number;
  page: Defaulted<number>;
  question_id: string | null;
  version_id: string | null;
  category_id: string | null;
  points: number;
}
export interface QuizAccommodationsTable {
  tenant_id: string;
  quiz_id: string;
  user_id: string;
  extra_time_s: Defaulted<number>;
  extra_attempts: Defaulted<number>;
}
export interface QuizAttemptsTable {
  tenant_id: string;
  id: string;
  quiz_id: string;
  course_id: string;
  user_id: string;
  number: number;
  state: Defaulted<"in_progress" | "submitted">;
  started_at: Generated<Date>;
  deadline: Timestamp | null;
  submitted_at: Timestamp | null;
  auto_submitted: Defaulted<boolean>;
  questions: ColumnType<unknown, string, string>;
  max_score: number;
  score: number | null;
  needs_grading: Defaulted<boolean>;
  /** a teacher's preview: counts nowhere */
  preview: Defaulted<boolean>;
}
export interface QuizAnswersTable {
  tenant_id: string;
  attempt_id: string;
  slot: number;
  seq: number;
  response: ColumnType<unknown, string | null, string | null>;
  saved_at: Generated<Date>;
  auto_fraction: number | null;
  manual_points: number | null;
  comment: string | null;
  graded_by: string | null;
  graded_at: Timestamp | null;
  rubric_fill: ColumnType<unknown, string | null | undefined, string | null>;
}
export interface QuizGradeLogTable {
  tenant_id: string;
  id: string;
  attempt_id: string;
  slot: number;
  reason: "manual" | "override" | "regrade";
  old_points: number | null;
  new_points: number | null;
  comment: string | null;
  by_user: string | null;
  at: Generated<Date>;
  rubric_fill: ColumnType<unknown, string | null | undefined, string | null>;
}
/** a rubric or marking guide for a manually graded question of a quiz */
export interface QuizRubricsTable {
  tenant_id: string;
  quiz_id: string;
  question_id: string;
  rubric_id: string;
}
/** groups module: groupings, groups of a course and their members */
export interface CourseGroupingsTable {
  tenant_id: string;
  id: string;
  course_id: string;
  name: string;
  self_select: Defaulted<boolean>;
  max_members: number | null;
  opens_at: Timestamp | null;
  closes_at: Timestamp | null;
  created_at: Generated<Date>;
}
export interface CourseGroupsTable {
  tenant_id: string;
  id: string;
  course_id: string;
  grouping_id: string | null;
  name: string;
  created_at: Generated<Date>;
}
export interface GroupMembersTable {
  tenant_id: string;
  group_id: string;
  user_id: string;
  course_id: string;
  added_at: Generated<Date>;
}
/** rubrics module: a rubric or marking guide, stored whole */
export interface RubricsTable {
  tenant_id: string;
  id: string;
  course_id: string;
  kind: "rubric" | "guide";
  definition: unknown;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
/** assignments module: settings of an assignment course item, extensions, submissions with their grade */
export interface AssignmentsTable {
  tenant_id: string;
  item_id: string;
  course_id: string;
  instructions_doc: unknown | null;
  instructions_html: Defaulted<string>;
  online_text: Defaulted<boolean>;
  file_submissions: Defaulted<boolean>;
  max_files: Defaulted<number>;
  max_file_mb: Defaulted<number>;
  group_mode: Defaulted<boolean>;
  grouping_id: string | null;
  opens_at: Timestamp | null;
  due_at: Timestamp | null;
  cutoff_at: Timestamp | null;
  max_score: ColumnType<string, number | string | undefined, number | string>;
  pass_score: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  rubric_id: string | null;
  anonymous: Defaulted<boolean>;
  revealed_at: Timestamp | null;
  released_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface AssignmentExtensionsTable {
  tenant_id: string;
  item_id: string;
  target_id: string;
  target_type: "user" | "group";
  due_at: Timestamp;
  granted_by: string | null;
  created_at: Generated<Date>;
}
export interface AssignmentSubmissionsTable {
  tenant_id: string;
  id: string;
  item_id: string;
  course_id: string;
  user_id: string | null;
  group_id: string | null;
  participant_no: number;
  status: Defaulted<"new" | "draft" | "submitted">;
  text_doc: unknown | null;
  text_html: Defaulted<string>;
  file_ids: ColumnType<string[], string | undefined, string>;
  revision: Defaulted<number>;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
  receipt: string | null;
  score: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  rubric_fill: unknown | null;
  feedback_doc: unknown | null;
  feedback_html: Defaulted<string>;
  feedback_file_ids: ColumnType<string[], string | undefined, string>;
  graded_by: string | null;
  graded_at: Timestamp | null;
  updated_at: Generated<Date>;
}
export interface QuestionCategoriesTable {
  tenant_id: string;
  id: string;
  course_id: string | null;
  org_id: string | null;
  parent_id: string | null;
  name: string;
  created_at: Generated<Date>;
}
export interface QuestionsTable {
  tenant_id: string;
  id: string;
  category_id: string;
  type: string;
  name: string;
  latest_version: Defaulted<number>;
  deleted_at: Timestamp | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface QuestionVersionsTable {
  tenant_id: string;
  id: string;
  question_id: string;
  version: number;
  type: string;
  points: Defaulted<number>;
  definition: unknown;
  used: Defaulted<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface QuestionTagsTable {
  tenant_id: string;
  question_id: string;
  tag: string;
}

export type ForumKind = "standard" | "qanda" | "single" | "announcements";
export type ForumPostStatus = "visible" | "pending" | "hidden" | "deleted";
export interface ForumsTable {
  tenant_id: string;
  id: string;
  course_id: string | null;
  org_id: string | null;
  kind: ForumKind;
  title: string;
  description: Generated<string>;
  separate_groups: Generated<boolean>;
  premoderate_new: Generated<boolean>;
  edit_minutes: Generated<number>;
  created_at: Generated<Date>;
}
export interface ForumThreadsTable {
  tenant_id: string;
  id: string;
  forum_id: string;
  group_id: string | null;
  author_id: string;
  title: string;
  first_post_id: string | null;
  pinned: Generated<boolean>;
  locked: Generated<boolean>;
  answer_post_id: string | null;
  reply_count: Generated<number>;
  last_post_id: string | null;
  last_post_at: Generated<Date>;
  created_at: Generated<Date>;
}
export interface ForumPostsTable {
  tenant_id: string;
  id: string;
  thread_id: string;
  forum_id: string;
  author_id: string;
  quote_post_id: string | null;
  body_doc: ColumnType<unknown, string, string>;
  body_html: string;
  body_plain: string;
  file_ids: ColumnType<string[], string | undefined, string>;
  status: Generated<ForumPostStatus>;
  flag_count: Generated<number>;
  search: ColumnType<unknown, unknown, unknown>;
  created_at: Generated<Date>;
  edited_at: Date | null;
}
export interface ForumReactionsTable {
  tenant_id: string;
  post_id: string;
  user_id: string;
  reaction: string;
  created_at: Generated<Date>;
}
export interface ForumReadsTable {
  tenant_id: string;
  user_id: string;
  thread_id: string;
  last_post_id: string;
  read_at: Generated<Date>;
}
export interface ForumPeopleTable {
  tenant_id: string;
  user_id: string;
  trust_floor: Generated<number>;
  days_visited: Generated<number>;
  last_visit_day: ColumnType<string | null, string | null | undefined, string | null>;
  posts_read: Generated<number>;
  posts_made: Generated<number>;
  silenced_until: Date | null;
  suspended_until: Date | null;
}
export interface ForumFlagsTable {
  tenant_id: string;
  id: string;
  post_id: string;
  forum_id: string;
  user_id: string | null;
  reason: "spam" | "inappropriate" | "off_topic" | "other" | "word_filter";
  note: Generated<string>;
  trusted: Generated<boolean>;
  created_at: Generated<Date>;
  resolved_at: Date | null;
}
export interface ForumModLogTable {
  tenant_id: string;
  id: string;
  forum_id: string | null;
  post_id: string | null;
  target_user_id: string | null;
  moderator_id: string | null;
  action: string;
  reason: Generated<string>;
  until: Date | null;
  created_at: Generated<Date>;
}
export interface ForumWordFiltersTable {
  tenant_id: string;
  id: string;
  word: string;
  action: "block" | "flag";
  created_at: Generated<Date>;
}
export interface FederationAgreementsTable {
  tenant_id: string;
  id: string;
  side: "grantor" | "grantee";
  grantor_tenant_id: string;
  grantee_tenant_id: string;
  browse: Defaulted<boolean>;
  enrol_course_ids: Defaulted<string[]>;
  copy_course_ids: Defaulted<string[]>;
  coteach_course_ids: Defaulted<string[]>;
  course_titles: ColumnType<Record<string, string>, string | undefined, string>;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  status: Defaulted<"proposed" | "accepted" | "declined" | "revoked">;
  created_at: Generated<Date>;
  updated_at: Defaulted<Date>;
}
export interface FederationAuditTable {
  tenant_id: string;
  id: string;
  agreement_id: string | null;
  action: string;
  actor_platform: string;
  actor_name: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Generated<Date>;
}
export interface FederationPeopleTable {
  tenant_id: string;
  user_id: string;
  home_tenant_id: string;
  home_user_id: string;
  created_at: Generated<Date>;
}
export interface FederationEnrolmentsTable {
  tenant_id: string;
  user_id: string;
  course_id: string;
  role: "learner" | "teacher";
  agreement_id: string;
  host_tenant_id: string;
  host_name: string;
  course_title: string;
  created_at: Generated<Date>;
}
export interface FederationRecordsTable {
  tenant_id: string;
  user_id: string;
  course_id: string;
  item_id: string;
  item_title: string;
  done_at: Timestamp | null;
}
export interface FederationCopiesTable {
  tenant_id: string;
  course_id: string;
  agreement_id: string;
  source_tenant_id: string;
  source_platform: string;
  source_course_id: string;
  source_title: string;
  copied_by: string | null;
  copied_by_name: string;
  created_at: Generated<Date>;
}
export interface SupportGrantsTable {
  tenant_id: string;
  id: string;
  operator_tenant_id: string;
  operator_user_id: string;
  operator_name: string;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  created_by: string;
  created_at: Generated<Date>;
}
export interface CourseReviewsTable {
  tenant_id: string;
  id: string;
  course_id: string;
  user_id: string;
  stars: number;
  body: Generated<string>;
  status: Generated<"visible" | "hidden">;
  hidden_reason: string | null;
  flag_count: Generated<number>;
  reply: string | null;
  reply_by: string | null;
  reply_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface CourseReviewFlagsTable {
  tenant_id: string;
  review_id: string;
  user_id: string;
  reason: string;
  created_at: Generated<Date>;
}
export interface CourseRatingStatsTable {
  tenant_id: string;
  course_id: string;
  count: Generated<number>;
  total: Generated<number>;
}

/** notifications module */
export interface NotificationsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  kind: string;
  params: ColumnType<Record<string, unknown>, string | undefined, string>;
  url: string | null;
  read_at: Timestamp | null;
  created_at: Generated<Date>;
}
export type Delivery = "immediate" | "daily" | "weekly" | "none";
export interface NotificationPrefsTable {
  tenant_id: string;
  user_id: string;
  delivery: Defaulted<Delivery>;
  by_email: Defaulted<boolean>;
  in_app: Defaulted<boolean>;
  mailing_opt_out: Defaulted<boolean>;
  digest_sent_at: Timestamp | null;
  /** forum posts in the feed up to this time count as read ("mark all as read") */
  feed_read_at: Timestamp | null;
  updated_at: Generated<Date>;
}
export interface SubscriptionsTable {
  tenant_id: string;
  target_type: "forum" | "thread";
  target_id: string;
  user_id: string;
  created_at: Generated<Date>;
}
export interface NotificationFeedTable {
  tenant_id: string;
  id: string;
  forum_id: string;
  thread_id: string;
  post_id: string;
  author_id: string | null;
  author_name: Defaulted<string>;
  forum_title: Defaulted<string>;
  thread_title: Defaulted<string>;
  excerpt: Defaulted<string>;
  url: string;
  created_at: Timestamp;
}
export interface NotificationFeedReadsTable {
  tenant_id: string;
  user_id: string;
  feed_id: string;
}
export interface NotificationKeysTable {
  tenant_id: string;
  secret: string;
  created_at: Generated<Date>;
}
/** mailing module */
export interface MailingsTable {
  tenant_id: string;
  id: string;
  author_id: string;
  audience: ColumnType<Record<string, unknown>, string, string>;
  subject: string;
  body: string;
  status: Defaulted<"queued" | "sending" | "done">;
  total: Defaulted<number>;
  created_at: Generated<Date>;
  finished_at: Timestamp | null;
}
export interface MailingRecipientsTable {
  tenant_id: string;
  mailing_id: string;
  user_id: string;
  email: string | null;
  status: Defaulted<"queued" | "sent" | "failed" | "bounced" | "skipped">;
  error: string | null;
  sent_at: Timestamp | null;
}
export interface MailBouncesTable {
  tenant_id: string;
  address: string;
  reason: Defaulted<string>;
  created_at: Generated<Date>;
}
/** messages module */
export interface ConversationsTable {
  tenant_id: string;
  id: string;
  title: string | null;
  created_by: string;
  created_at: Generated<Date>;
  last_message_at: Timestamp;
}
export interface ConversationMembersTable {
  tenant_id: string;
  conversation_id: string;
  user_id: string;
  last_read_at: Timestamp | null;
  joined_at: Generated<Date>;
}
export interface MessagesTable {
  tenant_id: string;
  id: string;
  conversation_id: string;
  sender_id: string;
  body: string;
  file_ids: Defaulted<string[]>;
  created_at: Generated<Date>;
}
export interface MessageBlocksTable {
  tenant_id: string;
  user_id: string;
  blocked_id: string;
  created_at: Generated<Date>;
}
export interface MessageReportsTable {
  tenant_id: string;
  id: string;
  message_id: string;
  reporter_id: string;
  reason: string;
  status: Defaulted<"open" | "closed">;
  created_at: Generated<Date>;
}
export interface MessageRulesTable {
  tenant_id: string;
  org_id: string;
  profile: string;
  relations: string[];
  updated_at: Generated<Date>;
}
export interface SchoolSubjectsTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  color: string;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
}
export interface SchoolTeachingsTable {
  tenant_id: string;
  id: string;
  class_id: string;
  subject_id: string;
  teacher_id: string;
  created_at: Generated<Date>;
}
export interface SchoolGuardiansTable {
  tenant_id: string;
  id: string;
  parent_id: string;
  child_id: string;
  created_at: Generated<Date>;
}
export interface SchoolInvitationsTable {
  tenant_id: string;
  id: string;
  child_id: string;
  email: string;
  given_name: string;
  family_name: string;
  invited_by: string;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  created_at: Generated<Date>;
}
/** one secret per platform for signed links (kernel/auth/invitation-token.ts) */
export interface SigningKeysTable {
  tenant_id: string;
  secret: string;
  created_at: Generated<Date>;
}
export interface SchoolDiaryEntriesTable {
  tenant_id: string;
  id: string;
  class_id: string;
  subject_id: string;
  author_id: string;
  kind: "lesson" | "homework";
  day: ColumnType<string, string, string>;
  due_date: ColumnType<string | null, string | null | undefined, string | null>;
  title: string;
  content: unknown;
  content_html: string;
  file_ids: Defaulted<string[]>;
  workload_minutes: number | null;
  course_item_id: string | null;
  quiz_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface SchoolSettingsTable {
  tenant_id: string;
  overload_minutes: Defaulted<number>;
  updated_at: Generated<Date>;
}
export type SsoKind = "oidc" | "saml" | "cas";
export interface SsoProvidersTable {
  tenant_id: string;
  id: string;
  kind: SsoKind;
  name: string;
  enabled: Defaulted<boolean>;
  settings: ColumnType<Record<string, unknown>, string, string>;
  secret: string | null;
  mapping: ColumnType<Record<string, unknown>, string, string>;
  default_profile: Profile;
  link_by_email: Defaulted<boolean>;
  create_accounts: Defaulted<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface SsoIdentitiesTable {
  tenant_id: string;
  id: string;
  provider_id: string;
  subject: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
}
export interface SsoFlowsTable {
  tenant_id: string;
  id: string;
  provider_id: string;
  binding_hash: string;
  code_verifier: string | null;
  nonce: string | null;
  request_id: string | null;
  expires_at: Timestamp;
  created_at: Generated<Date>;
}
export interface SsoFailuresTable {
  tenant_id: string;
  id: string;
  provider_id: string | null;
  code: string;
  detail: string;
  at: Generated<Date>;
}
export interface AttendanceLessonsTable {
  tenant_id: string;
  id: string;
  class_id: string;
  subject_id: string;
  teacher_id: string;
  room: string | null;
  weekday: number;
  starts_at: string;
  ends_at: string;
  weeks: Defaulted<"all" | "A" | "B">;
  first_day: ColumnType<string | null, string | null | undefined, string | null>;
  last_day: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: Generated<Date>;
}
export interface AttendanceRollsTable {
  tenant_id: string;
  id: string;
  lesson_id: string;
  day: ColumnType<string, string, string>;
  taken_by: string;
  taken_at: Generated<Date>;
  updated_by: string;
  updated_at: Generated<Date>;
}
export interface AttendanceMarksTable {
  tenant_id: string;
  id: string;
  lesson_id: string;
  day: ColumnType<string, string, string>;
  pupil_id: string;
  status: "absent" | "late" | "excluded";
  late_minutes: number | null;
  recorded_by: string;
  recorded_at: Generated<Date>;
  justification: Defaulted<"none" | "pending" | "accepted" | "refused">;
  reason: "illness" | "medical" | "family" | "transport" | "other" | null;
  reason_note: string | null;
  file_id: string | null;
  justified_by: string | null;
  justified_at: Timestamp | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_comment: string | null;
}
/** read-only access to the homework diary of a node's subtree (inspectors) */
export interface SchoolDiaryReadersTable {
  tenant_id: string;
  id: string;
  org_id: string;
  user_id: string;
  granted_by: string | null;
  created_at: Generated<Date>;
}
export interface DB {
  attendance_lessons: AttendanceLessonsTable;
  attendance_rolls: AttendanceRollsTable;
  attendance_marks: AttendanceMarksTable;
}
export type SignOn = "oidc" | "cas" | "none";
export interface PortalCatalogTable {
  id: string;
  name: string;
  description: Defaulted<string>;
  icon_url: string | null;
  url: string;
  sign_on: SignOn;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
}
export interface PortalServicesTable {
  tenant_id: string;
  id: string;
  catalog_id: string | null;
  org_id: string;
  name: string;
  description: Defaulted<string>;
  icon_url: string | null;
  url: string;
  sign_on: SignOn;
  archived_at: Timestamp | null;
  created_at: Generated<Date>;
}
export interface PortalSettingsTable {
  tenant_id: string;
  org_id: string;
  service_id: string;
  enabled: boolean;
  profiles: Defaulted<Profile[]>;
  updated_at: Generated<Date>;
}
export interface PortalUsageTable {
  tenant_id: string;
  service_id: string;
  day: ColumnType<string, string, string>;
  launches: Defaulted<number>;
  people: Defaulted<number>;
}
export interface PortalLaunchersTable {
  tenant_id: string;
  service_id: string;
  day: ColumnType<string, string, string>;
  user_id: string;
}
export interface IdpKeysTable {
  tenant_id: string;
  jwks: unknown;
  cookie_keys: string[];
  created_at: Generated<Date>;
}
export interface IdpClientsTable {
  tenant_id: string;
  service_id: string;
  client_id: string;
  secret_hash: string;
  auth_method: Defaulted<"client_secret_basic" | "client_secret_post">;
  redirect_uris: string[];
  post_logout_redirect_uris: Defaulted<string[]>;
  backchannel_logout_uri: string | null;
  frontchannel_logout_uri: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface IdpModelsTable {
  tenant_id: string;
  model: string;
  id_hash: string;
  payload: unknown;
  grant_id: string | null;
  uid: string | null;
  expires_at: Timestamp | null;
  consumed_at: Timestamp | null;
  /** the Archipel session a provider Session follows */
  archipel_session_id: string | null;
  issuer: string | null;
}
export interface CasTicketsTable {
  tenant_id: string;
  ticket_hash: string;
  service: string;
  service_id: string;
  user_id: string;
  expires_at: Timestamp;
  session_id: string | null;
  renewed: Defaulted<boolean>;
}
export interface CasLoginsTable {
  tenant_id: string;
  session_id: string;
  ticket: string;
  service: string;
  service_id: string;
  created_at: Generated<Date>;
}
export interface CasServicesTable {
  tenant_id: string;
  service_id: string;
  single_logout: Defaulted<boolean>;
  updated_at: Generated<Date>;
}
export interface DB {
  portal_catalog: PortalCatalogTable;
  portal_services: PortalServicesTable;
  portal_settings: PortalSettingsTable;
  portal_usage: PortalUsageTable;
  portal_launchers: PortalLaunchersTable;
  idp_keys: IdpKeysTable;
  idp_clients: IdpClientsTable;
  idp_models: IdpModelsTable;
  cas_tickets: CasTicketsTable;
  cas_logins: CasLoginsTable;
  cas_services: CasServicesTable;
}
export type PartnerStatus = "invited" | "active" | "suspended" | "ended";
export type PartnerRole = "manager" | "trainer" | "learner";
export interface PartnersTable {
  tenant_id: string;
  id: string;
  org_id: string;
  name: string;
  contact_email: string;
  status: Defaulted<PartnerStatus>;
  starts_at: Timestamp | null;
  ends_at: Timestamp | null;
  invite_expires_at: Timestamp;
  invited_by: string;
  accepted_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface PartnerScopesTable {
  tenant_id: string;
  partner_id: string;
  kind: "teach" | "enrol";
  course_id: string | null;
  org_id: string | null;
}
export interface PartnerPeopleTable {
  tenant_id: string;
  user_id: string;
  partner_id: string;
  role: PartnerRole;
  created_at: Generated<Date>;
}
export interface DB {
  partners: PartnersTable;
  partner_scopes: PartnerScopesTable;
  partner_people: PartnerPeopleTable;
  school_subjects: SchoolSubjectsTable;
  school_teachings: SchoolTeachingsTable;
  school_guardians: SchoolGuardiansTable;
  school_invitations: SchoolInvitationsTable;
  signing_keys: SigningKeysTable;
  school_diary_entries: SchoolDiaryEntriesTable;
  school_settings: SchoolSettingsTable;
  school_diary_readers: SchoolDiaryReadersTable;
  notifications: NotificationsTable;
  notification_prefs: NotificationPrefsTable;
  subscriptions: SubscriptionsTable;
  notification_feed: NotificationFeedTable;
  notification_feed_reads: NotificationFeedReadsTable;
  notification_keys: NotificationKeysTable;
  mailings: MailingsTable;
  mailing_recipients: MailingRecipientsTable;
  mail_bounces: MailBouncesTable;
  conversations: ConversationsTable;
  conversation_members: ConversationMembersTable;
  messages: MessagesTable;
  message_blocks: MessageBlocksTable;
  message_rules: MessageRulesTable;
  message_reports: MessageReportsTable;
  forums: ForumsTable;
  forum_threads: ForumThreadsTable;
  forum_posts: ForumPostsTable;
  forum_reactions: ForumReactionsTable;
  forum_reads: ForumReadsTable;
  forum_people: ForumPeopleTable;
  forum_flags: ForumFlagsTable;
  forum_mod_log: ForumModLogTable;
  forum_word_filters: ForumWordFiltersTable;
  course_reviews: CourseReviewsTable;
  federation_agreements: FederationAgreementsTable;
  federation_audit: FederationAuditTable;
  federation_people: FederationPeopleTable;
  federation_enrolments: FederationEnrolmentsTable;
  federation_records: FederationRecordsTable;
  support_grants: SupportGrantsTable;
  federation_copies: FederationCopiesTable;
  course_review_flags: CourseReviewFlagsTable;
  course_rating_stats: CourseRatingStatsTable;
  quizzes: QuizzesTable;
  quiz_slots: QuizSlotsTable;
  quiz_accommodations: QuizAccommodationsTable;
  quiz_attempts: QuizAttemptsTable;
  quiz_answers: QuizAnswersTable;
  quiz_grade_log: QuizGradeLogTable;
  quiz_rubrics: QuizRubricsTable;
  tenants: TenantsTable;
  library_entries: LibraryEntriesTable;
  library_versions: LibraryVersionsTable;
  library_settings: LibrarySettingsTable;
  library_imports: LibraryImportsTable;
  library_origins: LibraryOriginsTable;
  library_blobs: LibraryBlobsTable;
  library_blob_chunks: LibraryBlobChunksTable;
  funding: FundingTable;
  programme_funding: ProgrammeFundingTable;
  hostnames: HostnamesTable;
  deployment_operators: DeploymentOperatorsTable;
  mail_outbox: MailOutboxTable;
  orgs: OrgsTable;
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  events: EventsTable;
  user_imports: UserImportsTable;
  courses: CoursesTable;
  course_members: CourseMembersTable;
  course_sections: CourseSectionsTable;
  course_items: CourseItemsTable;
  item_progress: ItemProgressTable;
  gradebook_platform: GradebookPlatformTable;
  gradebook_courses: GradebookCoursesTable;
  grade_scales: GradeScalesTable;
  grade_categories: GradeCategoriesTable;
  grade_items: GradeItemsTable;
  grades: GradesTable;
  grade_history: GradeHistoryTable;
  course_sessions: CourseSessionsTable;
  session_registrations: SessionRegistrationsTable;
  session_attendance: SessionAttendanceTable;
  course_enrol_rules: CourseEnrolRulesTable;
  programmes: ProgrammesTable;
  programme_courses: ProgrammeCoursesTable;
  programme_members: ProgrammeMembersTable;
  files: FilesTable;
  file_chunks: FileChunksTable;
  question_categories: QuestionCategoriesTable;
  questions: QuestionsTable;
  question_versions: QuestionVersionsTable;
  question_tags: QuestionTagsTable;
  course_groupings: CourseGroupingsTable;
  course_groups: CourseGroupsTable;
  group_members: GroupMembersTable;
  rubrics: RubricsTable;
  assignments: AssignmentsTable;
  assignment_extensions: AssignmentExtensionsTable;
  assignment_submissions: AssignmentSubmissionsTable;
  sso_providers: SsoProvidersTable;
  sso_identities: SsoIdentitiesTable;
  sso_flows: SsoFlowsTable;
  sso_failures: SsoFailuresTable;
}

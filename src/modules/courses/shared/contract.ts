import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";

export const COURSE_LANGUAGES = ["fr", "en", "es", "nl", "de", "it"] as const;
export const COURSE_FORMATS = ["online", "blended", "in-person"] as const;
export const COURSE_STATUSES = ["draft", "published", "archived"] as const;
export const COURSE_ROLES = ["manager", "teacher", "assistant", "learner", "observer"] as const;
/** roles given through the members panel; learners come through enrolment */
export const STAFF_ROLES = ["manager", "teacher", "assistant", "observer"] as const;
export const ITEM_KINDS = ["page", "file", "video", "link", "quiz", "assignment"] as const;
/** "graded": complete once the learner's grade for the item reaches its pass score (gradebook) */
export const COMPLETION_RULES = ["none", "viewed", "done", "graded"] as const;

const ok = z.object({ ok: z.literal(true) });
const courseId = z.object({ id: z.uuid() });
const title = z.string().trim().min(1).max(300);
const tag = z.string().trim().min(1).max(40);
const when = z.iso.datetime({ offset: true });
/** a rich-text document (ProseMirror JSON); checked by the server's rich-text parser */
const richDoc = z.unknown();

export type CourseRoleName = (typeof COURSE_ROLES)[number];
export type ItemKind = (typeof ITEM_KINDS)[number];

export const Capabilities = z.object({
  view: z.boolean(),
  edit: z.boolean(),
  teach: z.boolean(),
  learner: z.boolean(),
  /** runs the teaching team and copies the course: an editor of the platform, not a partner organisation's trainer */
  team: z.boolean(),
});

/** A course as listed (catalogue, my courses, templates). */
export const CourseCard = z.object({
  id: z.uuid(),
  title: z.string(),
  summary: z.string(),
  language: z.string(),
  tags: z.array(z.string()),
  format: z.enum(COURSE_FORMATS),
  status: z.enum(COURSE_STATUSES),
  isTemplate: z.boolean(),
  orgId: z.uuid(),
  orgName: z.string(),
  roles: z.array(z.enum(COURSE_ROLES)),
  /** learners' rating (catalogue listings only): average stars and number of ratings */
  rating: z.object({ average: z.number(), count: z.number().int() }).nullable().optional(),
});
export type CourseCard = z.infer<typeof CourseCard>;

export const CourseSettings = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  title: z.string(),
  summary: z.string(),
  descriptionDoc: z.unknown().nullable(),
  descriptionHtml: z.string(),
  language: z.string(),
  tags: z.array(z.string()),
  format: z.enum(COURSE_FORMATS),
  status: z.enum(COURSE_STATUSES),
  isTemplate: z.boolean(),
  visibleFrom: z.string().nullable(),
  visibleUntil: z.string().nullable(),
  updatedAt: z.string(),
});
export type CourseSettings = z.infer<typeof CourseSettings>;

export const Item = z.object({
  id: z.uuid(),
  sectionId: z.uuid(),
  position: z.number().int(),
  kind: z.enum(ITEM_KINDS),
  title: z.string(),
  url: z.string().nullable(),
  fileId: z.uuid().nullable(),
  captionsFileId: z.uuid().nullable(),
  completion: z.enum(COMPLETION_RULES),
  condition: z.unknown().nullable(),
});
export type Item = z.infer<typeof Item>;

/**
 * An item as the course outline lists it. The outline is most of the course page (a big course
 * has hundreds of items), so what its place already says (section, position) and empty fields
 * (null) are left out; the item page and the editor's answers carry the whole Item.
 */
export const OutlineItem = z.object({
  id: z.uuid(),
  kind: z.enum(ITEM_KINDS),
  title: z.string(),
  completion: z.enum(COMPLETION_RULES),
  url: z.string().optional(),
  fileId: z.uuid().optional(),
  captionsFileId: z.uuid().optional(),
  condition: z.unknown().optional(),
});
export type OutlineItem = z.infer<typeof OutlineItem>;

/** A section with its items, in order. */
export const Section = z.object({ id: z.uuid(), title: z.string(), summary: z.string(), items: z.array(OutlineItem) });
export type Section = z.infer<typeof Section>;

export const ItemProgress = z.object({ itemId: z.uuid(), viewedAt: z.string().nullable(), doneAt: z.string().nullable(), positionSeconds: z.number().nullable() });

export const CoursePage = z.object({
  course: CourseSettings,
  roles: z.array(z.enum(COURSE_ROLES)),
  capabilities: Capabilities,
  sections: z.array(Section),
  /** the actor's own progress, one entry per item they have touched */
  progress: z.array(ItemProgress),
});
export type CoursePage = z.infer<typeof CoursePage>;

const courseFields = {
  title,
  summary: z.string().trim().max(1000),
  description: richDoc.nullable(),
  language: z.enum(COURSE_LANGUAGES),
  tags: z.array(tag).max(20),
  format: z.enum(COURSE_FORMATS),
  visibleFrom: when.nullable(),
  visibleUntil: when.nullable(),
};

export const createCourse = defineContract({
  method: "POST",
  path: "/api/v1/courses",
  summary: "Create a draft course on an organisation node; the creator becomes its manager",
  tags: ["courses"],
  body: z.object({
    orgId: z.uuid(),
    title,
    summary: courseFields.summary.default(""),
    description: courseFields.description.optional(),
    language: courseFields.language.default("fr"),
    tags: courseFields.tags.default([]),
    format: courseFields.format.default("online"),
    visibleFrom: courseFields.visibleFrom.optional(),
    visibleUntil: courseFields.visibleUntil.optional(),
  }),
  response: CourseSettings,
});

export const updateCourse = defineContract({
  method: "PATCH",
  path: "/api/v1/courses/:id",
  summary: "Change a course's settings; status publishes, unpublishes (draft), archives or restores it",
  tags: ["courses"],
  params: courseId,
  body: z.object({
    title: title.optional(),
    summary: courseFields.summary.optional(),
    description: courseFields.description.optional(),
    language: courseFields.language.optional(),
    tags: courseFields.tags.optional(),
    format: courseFields.format.optional(),
    visibleFrom: courseFields.visibleFrom.optional(),
    visibleUntil: courseFields.visibleUntil.optional(),
    status: z.enum(COURSE_STATUSES).optional(),
  }),
  response: CourseSettings,
});

export const getCourse = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id",
  summary: "A course with its sections and items, the person's roles, capabilities and progress (a fixed number of queries)",
  tags: ["courses"],
  params: courseId,
  response: CoursePage,
});

export const listMyCourses = defineContract({
  method: "GET",
  path: "/api/v1/my/courses",
  summary: "Courses the person is a member of (any role), drafts included for those who run them",
  tags: ["courses"],
  response: z.object({ items: z.array(CourseCard) }),
});

export const listTemplates = defineContract({
  method: "GET",
  path: "/api/v1/course-templates",
  summary: "Course templates the person may start a course from",
  tags: ["courses"],
  response: z.object({ items: z.array(CourseCard) }),
});

export const copyCourse = defineContract({
  method: "POST",
  path: "/api/v1/courses/:id/copy",
  summary: "Copy a course's structure and content (no learners): a plain copy, a template (template=true) or a course from a template",
  tags: ["courses"],
  params: courseId,
  body: z.object({ title: title.optional(), orgId: z.uuid().optional(), template: z.boolean().default(false) }),
  response: CourseSettings,
});

// ---- members ----
export const Member = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  username: z.string(),
  role: z.enum(COURSE_ROLES),
  status: z.enum(["active", "pending", "unenrolled"]),
  source: z.string(),
});
export type Member = z.infer<typeof Member>;

export const listMembers = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/team",
  summary: "People of a course by role (teachers see everyone; others see the teaching team)",
  tags: ["courses"],
  params: courseId,
  query: z.object({ role: z.enum(COURSE_ROLES).optional(), status: z.enum(["active", "pending", "unenrolled"]).default("active") }),
  response: z.object({ items: z.array(Member) }),
});

export const addMember = defineContract({
  method: "POST",
  path: "/api/v1/courses/:id/team",
  summary: "Give someone of the course's branch a teaching role (manager, teacher, assistant, observer)",
  tags: ["courses"],
  params: courseId,
  body: z.object({ userId: z.uuid(), role: z.enum(STAFF_ROLES) }),
  response: Member,
});

export const removeMember = defineContract({
  method: "DELETE",
  path: "/api/v1/courses/:id/team/:memberId",
  summary: "Take a teaching role away (the last manager stays)",
  tags: ["courses"],
  params: z.object({ id: z.uuid(), memberId: z.uuid() }),
  response: ok,
});

export const PersonHit = z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string(), username: z.string(), profile: z.string() });

export const searchPeople = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/team/candidates",
  summary: "People of the course's organisation branch, to add as members",
  tags: ["courses"],
  params: courseId,
  query: z.object({ q: z.string().trim().max(100).default("") }),
  response: z.object({ items: z.array(PersonHit) }),
});

// ---- sections and items ----
const sectionParams = z.object({ id: z.uuid(), sectionId: z.uuid() });
const itemParams = z.object({ id: z.uuid(), itemId: z.uuid() });

export const addSection = defineContract({
  method: "POST",
  path: "/api/v1/courses/:id/sections",
  summary: "Add a section at the end of a course",
  tags: ["courses"],
  params: courseId,
  body: z.object({ title, summary: z.string().trim().max(1000).default("") }),
  response: Section,
});

export const updateSection = defineContract({
  method: "PATCH",
  path: "/api/v1/courses/:id/sections/:sectionId",
  summary: "Rename a section",
  tags: ["courses"],
  params: sectionParams,
  body: z.object({ title: title.optional(), summary: z.string().trim().max(1000).optional() }),
  response: Section,
});

export const deleteSection = defineContract({
  method: "DELETE",
  path: "/api/v1/courses/:id/sections/:sectionId",
  summary: "Delete a section and its items",
  tags: ["courses"],
  params: sectionParams,
  response: ok,
});

/** Fields of every kind; which ones are required or allowed depends on the kind (checked in one place on the server). */
const itemFields = {
  title,
  body: richDoc.optional(),
  url: z.string().trim().max(2000).nullish(),
  fileId: z.uuid().nullish(),
  captionsFileId: z.uuid().nullish(),
  completion: z.enum(COMPLETION_RULES).optional(),
};

/** An item as saved: with its page's sanitised HTML, which the course outline leaves out. */
export const ItemSaved = Item.extend({ bodyHtml: z.string() });

export const addItem = defineContract({
  method: "POST",
  path: "/api/v1/courses/:id/items",
  summary: "Add an item (page, link, file, video) at the end of a section",
  tags: ["courses"],
  params: courseId,
  body: z.object({ sectionId: z.uuid(), kind: z.enum(ITEM_KINDS), ...itemFields }),
  response: ItemSaved,
});

/** One item opened: the outline's fields plus its content (the course page leaves page bodies out). */
export const ItemDetail = ItemSaved.extend({ bodyDoc: z.unknown().nullable(), progress: ItemProgress.nullable() });

export const getItem = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/items/:itemId",
  summary: "Open an item: records that the person viewed it (learners' progress)",
  tags: ["courses"],
  params: itemParams,
  response: ItemDetail,
});

export const updateItem = defineContract({
  method: "PATCH",
  path: "/api/v1/courses/:id/items/:itemId",
  summary: "Change an item's title, content or completion rule (its kind stays)",
  tags: ["courses"],
  params: itemParams,
  body: z.object({
    ...itemFields,
    title: title.optional(),
    /** {afterItemId?, from?, groupOrgId?} or null: checked by the enrolment module (422 with fields condition.*) */
    condition: z.unknown().optional(),
  }),
  response: ItemSaved,
});

export const deleteItem = defineContract({
  method: "DELETE",
  path: "/api/v1/courses/:id/items/:itemId",
  summary: "Delete an item",
  tags: ["courses"],
  params: itemParams,
  response: ok,
});

export const reorderCourse = defineContract({
  method: "PUT",
  path: "/api/v1/courses/:id/structure",
  summary: "Set the order of sections and of the items in each section (items may move between sections) in one call",
  tags: ["courses"],
  params: courseId,
  body: z.object({ sections: z.array(z.object({ id: z.uuid(), items: z.array(z.uuid()).max(5000) })).max(1000) }),
  response: ok,
});

// ---- catalogue ----
export const catalogue = defineContract({
  method: "GET",
  path: "/api/v1/catalogue",
  summary: "Search the courses the person may see (full-text, with the course language's stemming, accent-insensitive)",
  tags: ["courses"],
  query: z.object({
    q: z.string().trim().max(200).default(""),
    orgId: z.uuid().optional(),
    language: z.enum(COURSE_LANGUAGES).optional(),
    tags: z.string().trim().max(400).optional(),
    format: z.enum(COURSE_FORMATS).optional(),
    page: z.coerce.number().int().min(1).max(1000).default(1),
  }),
  response: z.object({ items: z.array(CourseCard), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
});

export const Teacher = z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string(), role: z.enum(COURSE_ROLES) });

export const getCourseAbout = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/about",
  summary: "A course's catalogue page: description, teachers, sessions",
  tags: ["courses"],
  params: courseId,
  response: z.object({
    course: CourseSettings,
    roles: z.array(z.enum(COURSE_ROLES)),
    capabilities: Capabilities,
    teachers: z.array(Teacher),
    sectionCount: z.number().int(),
    itemCount: z.number().int(),
    /** in-person or online sessions: filled by the sessions module (empty until then) */
    sessions: z.array(z.unknown()),
  }),
});

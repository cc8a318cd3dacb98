import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";

/**
 * The network's shared library: platforms publish courses (immutable versions with change notes),
 * member platforms browse them and import a version as an independent or a linked copy.
 */
export const LEVELS = ["beginner", "intermediate", "advanced"] as const;
export const LICENCES = ["cc-by", "cc-by-sa", "cc-by-nc", "cc-by-nc-sa", "cc-by-nd", "cc-by-nc-nd", "cc0", "all-rights-reserved"] as const;
/**
 * Item kinds a library version carries, in the order a preview counts them: pages and links, files
 * and videos with their bytes (and captions), quizzes with their questions, assignments with their
 * settings and rubric. Never anyone's attempts, submissions or grades. A kind added to courses
 * later is left out (and listed as such) until the library learns to carry it.
 */
export const CARRIED_KINDS = ["page", "link", "file", "video", "quiz", "assignment"] as const;
export const KindCount = z.object({ kind: z.string(), count: z.number().int() });
export type KindCount = z.infer<typeof KindCount>;
const tags = ["library"];

export const EntryCard = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  language: z.string(),
  level: z.enum(LEVELS),
  licence: z.enum(LICENCES),
  subjects: z.array(z.string()),
  publisher: z.string(),
  latestVersion: z.number().int(),
  updatedAt: z.string(),
  /** courses made from it, all platforms together, and on how many platforms */
  imports: z.number().int(),
  platforms: z.number().int(),
});
export type EntryCard = z.infer<typeof EntryCard>;

export const OutlineSection = z.object({
  title: z.string(),
  items: z.array(z.object({ kind: z.string(), title: z.string() })),
});
export const Version = z.object({
  number: z.number().int(),
  changeNotes: z.string(),
  sections: z.number().int(),
  items: z.number().int(),
  publishedBy: z.string(),
  publishedAt: z.string(),
});
export type Version = z.infer<typeof Version>;

export const Entry = EntryCard.extend({
  versions: z.array(Version),
  /** the outline of the version asked for (the latest by default) */
  preview: z.object({
    version: z.number().int(),
    sections: z.array(OutlineSection),
    /** items of the version by kind */
    counts: z.array(KindCount),
    /** what the publisher's course had that the version leaves out (a file whose bytes were gone, a kind not carried) */
    notCarried: z.array(z.object({ kind: z.string(), title: z.string() })),
  }),
  /** per platform: shown to the publisher's admins and the deployment operator only */
  usage: z.array(z.object({ platform: z.string(), imports: z.number().int() })).nullable(),
  mine: z.boolean(),
  canImport: z.boolean(),
});
export type Entry = z.infer<typeof Entry>;

export const browse = defineContract({
  method: "GET",
  path: "/api/v1/library",
  summary: "Browse the network library (teachers and admins of member platforms)",
  tags,
  query: z.object({
    q: z.string().trim().max(200).optional(),
    language: z.string().max(10).optional(),
    level: z.enum(LEVELS).optional(),
    licence: z.enum(LICENCES).optional(),
    subject: z.string().max(60).optional(),
    page: z.coerce.number().int().min(1).max(1000).default(1),
  }),
  response: z.object({
    items: z.array(EntryCard),
    total: z.number().int(),
    pageSize: z.number().int(),
    subjects: z.array(z.string()),
    languages: z.array(z.string()),
  }),
});

export const getEntry = defineContract({
  method: "GET",
  path: "/api/v1/library/entries/:id",
  summary: "One library entry: versions, change notes, preview of an outline",
  tags,
  params: z.object({ id: z.uuid() }),
  query: z.object({ version: z.coerce.number().int().min(1).optional() }),
  response: Entry,
});

export const PublishInput = z.object({
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(5000).default(""),
  language: z.string().trim().min(2).max(10),
  level: z.enum(LEVELS),
  licence: z.enum(LICENCES),
  subjects: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  changeNotes: z.string().trim().max(5000).default(""),
});
export type PublishInput = z.infer<typeof PublishInput>;

export const Publication = z.object({
  course: z.object({ id: z.uuid(), title: z.string(), summary: z.string(), language: z.string(), tags: z.array(z.string()) }),
  canPublish: z.boolean(),
  entry: Entry.nullable(),
  /** what a version made now would leave out (a file or video whose file is gone, a kind not carried) */
  notCarried: z.array(z.object({ kind: z.string(), title: z.string() })),
});

export const getPublication = defineContract({
  method: "GET",
  path: "/api/v1/library/courses/:courseId",
  summary: "A course's place in the library: its entry if published, and whether the person may publish it",
  tags,
  params: z.object({ courseId: z.uuid() }),
  response: Publication,
});

export const publish = defineContract({
  method: "POST",
  path: "/api/v1/library/courses/:courseId/versions",
  summary: "Publish a new version of a course in the library (platform admins; course editors when the platform allows it)",
  tags,
  params: z.object({ courseId: z.uuid() }),
  body: PublishInput,
  response: Entry,
});

export const withdraw = defineContract({
  method: "DELETE",
  path: "/api/v1/library/entries/:id",
  summary: "Withdraw an entry from the library (the publisher's platform admins); copies already made stay",
  tags,
  params: z.object({ id: z.uuid() }),
  response: z.object({}),
});

export const importEntry = defineContract({
  method: "POST",
  path: "/api/v1/library/entries/:id/import",
  summary: "Import a version as a new draft course: an independent copy, or a linked copy told of new versions",
  tags,
  params: z.object({ id: z.uuid() }),
  body: z.object({ version: z.number().int().min(1).optional(), linked: z.boolean(), title: z.string().trim().min(1).max(300).optional() }),
  response: z.object({ courseId: z.uuid() }),
});

export const ImportRow = z.object({
  courseId: z.uuid(),
  courseTitle: z.string(),
  entryId: z.uuid(),
  entryTitle: z.string(),
  linked: z.boolean(),
  version: z.number().int(),
  latestVersion: z.number().int(),
  withdrawn: z.boolean(),
  importedAt: z.string(),
});
export type ImportRow = z.infer<typeof ImportRow>;

export const listImports = defineContract({
  method: "GET",
  path: "/api/v1/library/imports",
  summary: "Courses of this platform made from the library that the person may edit, with available updates",
  tags,
  response: z.object({ items: z.array(ImportRow) }),
});

export const UpdateReport = z.object({
  from: z.number().int(),
  to: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  /** rows changed here and upstream: the local version is kept */
  conflicts: z.array(z.object({ kind: z.enum(["section", "item"]), title: z.string(), upstream: z.enum(["changed", "removed"]) })),
});
export type UpdateReport = z.infer<typeof UpdateReport>;

export const getLink = defineContract({
  method: "GET",
  path: "/api/v1/library/imports/:courseId",
  summary: "A linked copy: the newer versions with their notes, and what applying the latest would do",
  tags,
  params: z.object({ courseId: z.uuid() }),
  response: ImportRow.extend({ newer: z.array(Version), plan: UpdateReport.nullable() }),
});

export const applyUpdate = defineContract({
  method: "POST",
  path: "/api/v1/library/imports/:courseId/update",
  summary: "Bring a linked copy to the latest version, keeping what was added or edited here",
  tags,
  params: z.object({ courseId: z.uuid() }),
  body: z.object({ version: z.number().int().min(1) }),
  response: UpdateReport,
});

export const settings = defineContract({
  method: "GET",
  path: "/api/v1/library/settings",
  summary: "The platform's library settings",
  tags,
  response: z.object({ teachersMayPublish: z.boolean(), canChange: z.boolean() }),
});

export const updateSettings = defineContract({
  method: "PUT",
  path: "/api/v1/library/settings",
  summary: "Let course editors publish in the library, or keep it to platform admins",
  tags,
  body: z.object({ teachersMayPublish: z.boolean() }),
  response: z.object({ teachersMayPublish: z.boolean(), canChange: z.boolean() }),
});

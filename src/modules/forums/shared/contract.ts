import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";
import { RichTextDoc } from "../../../kernel/richtext/schema.ts";

/**
 * Forums of a course or of an organisation node: threads, replies, reactions, answers, reading
 * state, and their moderation (flags, review queue, moderators' log, silence and suspension,
 * word filters). Rules people meet are constants here so the client can say them.
 */
export const FORUM_KINDS = ["standard", "qanda", "single", "announcements"] as const;
export const REACTIONS = ["like", "love", "laugh", "thinking", "celebrate"] as const;
export const FLAG_REASONS = ["spam", "inappropriate", "off_topic", "other"] as const;
export const MOD_ACTIONS = ["approve", "hide", "delete"] as const;
export const TRUST_LEVELS = ["new", "member", "regular", "leader"] as const;
export type TrustLevel = (typeof TRUST_LEVELS)[number];

/**
 * Trust is earned from activity on the platform's forums (Discourse-like, simplified):
 * member after 2 days visited and 20 posts read; regular after 10 days, 200 posts read and 10
 * posts written; leader after 30 days, 1,000 read and 50 written (or granted by an admin).
 */
export const TRUST_RULES = {
  member: { days: 2, read: 20, made: 0 },
  regular: { days: 10, read: 200, made: 10 },
  leader: { days: 30, read: 1000, made: 50 },
} as const;
/** A new member may write this many posts per hour, without links or attachments. */
export const NEW_MEMBER_POSTS_PER_HOUR = 3;
/** Flags by trusted people (member and above, or moderators) that hide a post until reviewed. */
export const FLAGS_TO_HIDE = 3;
/** Posts of a thread per page. */
export const THREAD_PAGE = 50;
export const THREADS_PAGE = 30;

const Person = z.object({ id: z.uuid(), name: z.string() });
const FileRef = z.object({ id: z.uuid(), name: z.string() });

export const ForumSummary = z.object({
  id: z.uuid(),
  kind: z.enum(FORUM_KINDS),
  title: z.string(),
  description: z.string(),
  separateGroups: z.boolean(),
  premoderateNew: z.boolean(),
  editMinutes: z.number().int(),
  threads: z.number().int(),
  unread: z.number().int(),
});
export type ForumSummary = z.infer<typeof ForumSummary>;

export const ForumScope = z.object({ kind: z.enum(["course", "org"]), id: z.uuid(), title: z.string() });

export const ForumInput = z.object({
  kind: z.enum(FORUM_KINDS),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).default(""),
  separateGroups: z.boolean().default(false),
  premoderateNew: z.boolean().default(false),
  editMinutes: z.number().int().min(0).max(10080).default(30),
});

export const ThreadSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  author: Person,
  groupName: z.string().nullable(),
  pinned: z.boolean(),
  locked: z.boolean(),
  answered: z.boolean(),
  replies: z.number().int(),
  lastPostAt: z.string(),
  unread: z.boolean(),
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;

export const Post = z.object({
  id: z.uuid(),
  author: Person,
  html: z.string(),
  /** the document, for its author or a moderator to edit */
  doc: z.unknown().nullable(),
  status: z.enum(["visible", "pending", "hidden", "deleted"]),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  quote: z.object({ postId: z.uuid(), author: z.string(), excerpt: z.string() }).nullable(),
  files: z.array(FileRef),
  reactions: z.array(z.object({ reaction: z.enum(REACTIONS), count: z.number().int(), mine: z.boolean() })),
  flags: z.number().int(),
  isAnswer: z.boolean(),
  canEdit: z.boolean(),
  canFlag: z.boolean(),
});
export type Post = z.infer<typeof Post>;

const Me = z.object({ trust: z.enum(TRUST_LEVELS), silencedUntil: z.string().nullable(), canModerate: z.boolean() });

const forumParams = z.object({ forumId: z.uuid() });
const threadParams = z.object({ threadId: z.uuid() });
const postParams = z.object({ postId: z.uuid() });

export const listCourseForums = defineContract({
  method: "GET",
  path: "/api/v1/courses/:courseId/forums",
  summary: "Forums of a course, with their thread and unread counts",
  tags: ["forums"],
  params: z.object({ courseId: z.uuid() }),
  response: z.object({ scope: ForumScope, canManage: z.boolean(), forums: z.array(ForumSummary) }),
});

export const listOrgForums = defineContract({
  method: "GET",
  path: "/api/v1/orgs/:orgId/forums",
  summary: "Forums of an organisation node",
  tags: ["forums"],
  params: z.object({ orgId: z.uuid() }),
  response: z.object({ scope: ForumScope, canManage: z.boolean(), forums: z.array(ForumSummary) }),
});

export const createCourseForum = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/forums",
  summary: "Add a forum to a course (course editors)",
  tags: ["forums"],
  params: z.object({ courseId: z.uuid() }),
  body: ForumInput,
  response: ForumSummary,
});

export const createOrgForum = defineContract({
  method: "POST",
  path: "/api/v1/orgs/:orgId/forums",
  summary: "Add a forum to an organisation node (its admins)",
  tags: ["forums"],
  params: z.object({ orgId: z.uuid() }),
  body: ForumInput,
  response: ForumSummary,
});

export const updateForum = defineContract({
  method: "PATCH",
  path: "/api/v1/forums/:forumId",
  summary: "Change a forum's settings (its managers)",
  tags: ["forums"],
  params: forumParams,
  body: ForumInput.omit({ kind: true }).partial(),
  response: ForumSummary,
});

export const getForum = defineContract({
  method: "GET",
  path: "/api/v1/forums/:forumId",
  summary: "A forum and a page of its threads (pinned first, then latest activity)",
  tags: ["forums"],
  params: forumParams,
  query: z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) }),
  response: z.object({
    forum: ForumSummary,
    scope: ForumScope,
    me: Me,
    canStartThread: z.boolean(),
    groups: z.array(z.object({ id: z.uuid(), name: z.string() })),
    threads: z.array(ThreadSummary),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
});

export const searchForum = defineContract({
  method: "GET",
  path: "/api/v1/forums/:forumId/search",
  summary: "Search a forum's posts",
  tags: ["forums"],
  params: forumParams,
  query: z.object({ q: z.string().trim().min(1).max(200) }),
  response: z.object({
    items: z.array(z.object({ postId: z.uuid(), threadId: z.uuid(), threadTitle: z.string(), author: z.string(), excerpt: z.string(), createdAt: z.string() })),
  }),
});

const PostBody = z.object({
  body: RichTextDoc,
  fileIds: z.array(z.uuid()).max(10).default([]),
});

export const createThread = defineContract({
  method: "POST",
  path: "/api/v1/forums/:forumId/threads",
  summary: "Start a thread",
  tags: ["forums"],
  params: forumParams,
  body: PostBody.extend({ title: z.string().trim().min(1).max(300), groupId: z.uuid().nullish() }),
  response: z.object({ threadId: z.uuid(), postId: z.uuid(), status: z.enum(["visible", "pending"]) }),
});

export const getThread = defineContract({
  method: "GET",
  path: "/api/v1/threads/:threadId",
  summary: "A thread and a page of its posts, oldest first, paged by keyset (after = the last post id seen)",
  tags: ["forums"],
  params: threadParams,
  query: z.object({ after: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(100).default(THREAD_PAGE) }),
  response: z.object({
    thread: z.object({
      id: z.uuid(),
      title: z.string(),
      pinned: z.boolean(),
      locked: z.boolean(),
      answerPostId: z.uuid().nullable(),
      replies: z.number().int(),
      authorId: z.uuid(),
    }),
    forum: z.object({ id: z.uuid(), title: z.string(), kind: z.enum(FORUM_KINDS), editMinutes: z.number().int() }),
    scope: ForumScope,
    me: Me,
    canReply: z.boolean(),
    canMarkAnswer: z.boolean(),
    /** Q&A: others' answers are hidden until the person has answered */
    answersHidden: z.boolean(),
    posts: z.array(Post),
    nextCursor: z.uuid().nullable(),
  }),
});

export const replyToThread = defineContract({
  method: "POST",
  path: "/api/v1/threads/:threadId/posts",
  summary: "Reply in a thread, optionally quoting a post",
  tags: ["forums"],
  params: threadParams,
  body: PostBody.extend({ quotePostId: z.uuid().nullish() }),
  response: z.object({ postId: z.uuid(), status: z.enum(["visible", "pending"]) }),
});

export const updateThread = defineContract({
  method: "PATCH",
  path: "/api/v1/threads/:threadId",
  summary: "Pin, lock or mark the answer of a thread",
  tags: ["forums"],
  params: threadParams,
  body: z.object({ pinned: z.boolean().optional(), locked: z.boolean().optional(), answerPostId: z.uuid().nullish() }),
  response: z.object({ ok: z.literal(true) }),
});

export const editPost = defineContract({
  method: "PATCH",
  path: "/api/v1/posts/:postId",
  summary: "Edit a post: its author within the forum's edit window, or a moderator with a reason",
  tags: ["forums"],
  params: postParams,
  body: z.object({ body: RichTextDoc, reason: z.string().trim().max(500).default("") }),
  response: z.object({ ok: z.literal(true) }),
});

export const setReaction = defineContract({
  method: "PUT",
  path: "/api/v1/posts/:postId/reactions/:reaction",
  summary: "Add a reaction to a post",
  tags: ["forums"],
  params: z.object({ postId: z.uuid(), reaction: z.enum(REACTIONS) }),
  response: z.object({ ok: z.literal(true) }),
});

export const removeReaction = defineContract({
  method: "DELETE",
  path: "/api/v1/posts/:postId/reactions/:reaction",
  summary: "Remove one's reaction from a post",
  tags: ["forums"],
  params: z.object({ postId: z.uuid(), reaction: z.enum(REACTIONS) }),
  response: z.object({ ok: z.literal(true) }),
});

export const flagPost = defineContract({
  method: "POST",
  path: "/api/v1/posts/:postId/flags",
  summary: "Report a post to the moderators",
  tags: ["moderation"],
  params: postParams,
  body: z.object({ reason: z.enum(FLAG_REASONS), note: z.string().trim().max(1000).default("") }),
  response: z.object({ hidden: z.boolean() }),
});

export const moderatePost = defineContract({
  method: "POST",
  path: "/api/v1/posts/:postId/moderation",
  summary: "Approve, hide or delete a post (moderators), with the reason recorded",
  tags: ["moderation"],
  params: postParams,
  body: z.object({ action: z.enum(MOD_ACTIONS), reason: z.string().trim().max(500).default("") }),
  response: z.object({ ok: z.literal(true) }),
});

export const QueueItem = z.object({
  postId: z.uuid(),
  threadId: z.uuid(),
  threadTitle: z.string(),
  forumId: z.uuid(),
  forumTitle: z.string(),
  author: Person,
  html: z.string(),
  status: z.enum(["visible", "pending", "hidden", "deleted"]),
  createdAt: z.string(),
  flags: z.array(z.object({ reason: z.string(), note: z.string(), by: z.string().nullable() })),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const LogEntry = z.object({
  id: z.uuid(),
  action: z.string(),
  reason: z.string(),
  moderator: z.string().nullable(),
  target: z.string().nullable(),
  postId: z.uuid().nullable(),
  forumTitle: z.string().nullable(),
  until: z.string().nullable(),
  createdAt: z.string(),
});
export type LogEntry = z.infer<typeof LogEntry>;

const queueResponse = z.object({ title: z.string(), items: z.array(QueueItem) });
const logResponse = z.object({ title: z.string(), items: z.array(LogEntry) });

export const forumReviewQueue = defineContract({
  method: "GET",
  path: "/api/v1/forums/:forumId/review",
  summary: "Posts of a forum waiting for a moderator: pending, hidden or flagged",
  tags: ["moderation"],
  params: forumParams,
  response: queueResponse,
});

export const platformReviewQueue = defineContract({
  method: "GET",
  path: "/api/v1/moderation/review",
  summary: "Posts of every forum of the platform waiting for a moderator (platform admins)",
  tags: ["moderation"],
  response: queueResponse,
});

export const forumModLog = defineContract({
  method: "GET",
  path: "/api/v1/forums/:forumId/log",
  summary: "The moderators' log of a forum",
  tags: ["moderation"],
  params: forumParams,
  response: logResponse,
});

export const platformModLog = defineContract({
  method: "GET",
  path: "/api/v1/moderation/log",
  summary: "The moderators' log of the platform (platform admins)",
  tags: ["moderation"],
  response: logResponse,
});

export const restrictPerson = defineContract({
  method: "POST",
  path: "/api/v1/moderation/people/:userId",
  summary: "Silence (read only) or suspend (no forums) a person until a date, or lift it (platform admins)",
  tags: ["moderation"],
  params: z.object({ userId: z.uuid() }),
  body: z.object({
    action: z.enum(["silence", "suspend", "lift"]),
    until: z.iso.datetime({ offset: true }).nullish(),
    reason: z.string().trim().min(1).max(500),
  }),
  response: z.object({ ok: z.literal(true) }),
});

export const RestrictedPerson = z.object({
  id: z.uuid(),
  name: z.string(),
  username: z.string(),
  silencedUntil: z.string().nullable(),
  suspendedUntil: z.string().nullable(),
});
export type RestrictedPerson = z.infer<typeof RestrictedPerson>;
export const listRestrictedPeople = defineContract({
  method: "GET",
  path: "/api/v1/moderation/people",
  summary: "People currently silenced or suspended in the forums, soonest end first (platform admins)",
  tags: ["moderation"],
  response: z.object({ items: z.array(RestrictedPerson) }),
});

export const WordFilter = z.object({ id: z.uuid(), word: z.string(), action: z.enum(["block", "flag"]) });
export const listWordFilters = defineContract({
  method: "GET",
  path: "/api/v1/moderation/word-filters",
  summary: "Words that block a post or send it to review (platform admins)",
  tags: ["moderation"],
  response: z.object({ items: z.array(WordFilter) }),
});
export const addWordFilter = defineContract({
  method: "POST",
  path: "/api/v1/moderation/word-filters",
  summary: "Add a word filter",
  tags: ["moderation"],
  body: z.object({ word: z.string().trim().min(1).max(100), action: z.enum(["block", "flag"]) }),
  response: WordFilter,
});
export const deleteWordFilter = defineContract({
  method: "DELETE",
  path: "/api/v1/moderation/word-filters/:filterId",
  summary: "Remove a word filter",
  tags: ["moderation"],
  params: z.object({ filterId: z.uuid() }),
  response: z.object({ ok: z.literal(true) }),
});

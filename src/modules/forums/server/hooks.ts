/**
 * In-process listeners for new posts (notifications subscribe here, see api.ts). They run after
 * the post is committed and the response is on its way: posting never waits for a fan-out.
 */
export type ForumPostEvent = {
  tenantId: string;
  forumId: string;
  threadId: string;
  postId: string;
  authorId: string;
  courseId: string | null;
  orgId: string | null;
  /** the thread's title */
  title: string;
  /** the first 280 characters of the post as plain text */
  excerpt: string;
  /** true for the post that opened the thread */
  isThreadStart: boolean;
  /** with separate groups: the thread's group (null: everyone who sees the forum) */
  groupId: string | null;
  forumKind: "standard" | "qanda" | "single" | "announcements";
};

type Listener = (e: ForumPostEvent) => void | Promise<void>;
const listeners: Listener[] = [];

export function onForumPost(listener: Listener): () => void {
  listeners.push(listener);
  return () => {
    const i = listeners.indexOf(listener);
    if (i >= 0) listeners.splice(i, 1);
  };
}

export function emitForumPost(e: ForumPostEvent, log: (err: unknown) => void = console.error) {
  if (listeners.length === 0) return;
  setImmediate(() => {
    for (const l of listeners) {
      try {
        Promise.resolve(l(e)).catch(log);
      } catch (err) {
        log(err);
      }
    }
  });
}

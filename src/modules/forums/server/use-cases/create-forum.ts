import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import { emptyDoc, escapeHtml } from "../../../../kernel/richtext/index.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/index.ts";
import type { ForumInput } from "../../shared/contract.ts";
import { presentForum } from "../access.ts";
import { searchOf } from "../posting.ts";
import type { z } from "zod";

/**
 * A forum in a course (its editors) or on an organisation node (its admins). A single-discussion
 * forum gets its one thread at once, opened by its creator with the forum's description.
 */
export async function createForum(k: Kernel, actor: Actor, scope: { courseId: string } | { orgId: string }, input: z.output<typeof ForumInput>) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const tid = actor.tenant.id;
  if ("courseId" in scope) requireCourse(await loadCourse(k.db, actor, scope.courseId), "edit");
  else {
    const org = await k.db.selectFrom("orgs").select(["path"]).where("tenant_id", "=", tid).where("id", "=", scope.orgId).executeTakeFirst();
    if (!org) throw notFound();
    authorize(actor, "org.manage", { orgPath: org.path });
  }
  const id = newId();
  const row = await k.db
    .insertInto("forums")
    .values({
      tenant_id: tid,
      id,
      course_id: "courseId" in scope ? scope.courseId : null,
      org_id: "orgId" in scope ? scope.orgId : null,
      kind: input.kind,
      title: input.title,
      description: input.description,
      separate_groups: "courseId" in scope ? input.separateGroups : false,
      premoderate_new: input.premoderateNew,
      edit_minutes: input.editMinutes,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (input.kind === "single") {
    const threadId = newId();
    const postId = newId();
    const doc = input.description
      ? { type: "doc" as const, content: [{ type: "paragraph" as const, content: [{ type: "text" as const, text: input.description }] }] }
      : emptyDoc();
    await k.db.transaction().execute(async (trx) => {
      await trx.insertInto("forum_threads").values({ tenant_id: tid, id: threadId, forum_id: id, group_id: null, author_id: actor.userId, title: input.title, first_post_id: postId, answer_post_id: null, last_post_id: postId }).execute();
      await trx
        .insertInto("forum_posts")
        .values({
          tenant_id: tid,
          id: postId,
          thread_id: threadId,
          forum_id: id,
          author_id: actor.userId,
          quote_post_id: null,
          body_doc: JSON.stringify(doc),
          body_html: input.description ? `<p>${escapeHtml(input.description)}</p>` : "<p></p>",
          body_plain: input.description,
          search: searchOf(input.title, input.description),
          edited_at: null,
        })
        .execute();
    });
  }
  return presentForum(row, { threads: input.kind === "single" ? 1 : 0 });
}

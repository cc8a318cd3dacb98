import { sql } from "kysely";
import type { FileReferenceCheck } from "../../../kernel/files/index.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { loadPost } from "./access.ts";

/** A file attached to a post is read by whoever may see the post (its forum, group and status). */
export const forumFiles =
  (k: Kernel): FileReferenceCheck =>
  async (db, actor, file) => {
    const rows = await db
      .selectFrom("forum_posts")
      .select("id")
      .where("tenant_id", "=", actor.tenant.id)
      .where(sql<boolean>`file_ids @> ${JSON.stringify([file.id])}::jsonb`)
      .limit(5)
      .execute();
    for (const r of rows) {
      const ok = await loadPost(k, actor, r.id).then(
        () => true,
        () => false,
      );
      if (ok) return true;
    }
    return false;
  };

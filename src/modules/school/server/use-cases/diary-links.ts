import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { LinkableCourse } from "../../shared/contract.ts";
import { managesPath } from "../access.ts";
import { linkableItems } from "../diary-repo.ts";
import { loadVisibleClass } from "./get-class.ts";

/** What a class's writers may link homework to, by course: three statements. */
export async function listLinkable(k: Kernel, actor: Actor, classId: string): Promise<{ items: LinkableCourse[] }> {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const cls = await loadVisibleClass(k, actor, classId);
  if (!managesPath(actor, cls.path)) {
    const teaches = await k.db
      .selectFrom("school_teachings")
      .select("id")
      .where("tenant_id", "=", actor.tenant.id)
      .where("class_id", "=", cls.id)
      .where("teacher_id", "=", actor.userId)
      .executeTakeFirst();
    if (!teaches) throw new AppError("forbidden");
  }
  const items: LinkableCourse[] = [];
  for (const r of await linkableItems(k.db, actor.tenant.id, cls.path)) {
    if (items.at(-1)?.id !== r.course_id) items.push({ id: r.course_id, title: r.course_title, items: [] });
    items.at(-1)!.items.push({ id: r.id, title: r.title, kind: r.kind });
  }
  return { items };
}

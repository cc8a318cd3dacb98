import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { managesPath } from "../access.ts";
import { presentClass } from "../present.ts";
import { classesFor, teachingsOf } from "../repo.ts";

/** Classes the actor may see (the query itself is the scope), with who teaches what: two statements. */
export async function listClasses(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const rows = await classesFor(k.db, actor);
  const teachings = await teachingsOf(
    k.db,
    actor.tenant.id,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentClass(r, teachings, managesPath(actor, r.path))) };
}

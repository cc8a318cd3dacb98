import { sql } from "kysely";
import { type Actor, authorize, type UserActor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { ClassDetail } from "../../shared/contract.ts";
import { managesPath, staffOver, teachesIn } from "../access.ts";
import { presentClass } from "../present.ts";
import { childClassIds, diaryReaderPaths, getClassRow, guardiansOf, pupilsOf, teachingsOf } from "../repo.ts";

/**
 * A class the actor may see, else 404 (another platform's, or one they have nothing to do with):
 * its admins (the head of school) and staff, its teachers and pupils, their parents, and the
 * with `diaryReader`, the diary readers of a node above it (inspectors: the diary's pages only,
 * read-only; they write nothing and see no pupils, nor anything other modules show of the class).
 * Its pupils and their parents are listed for its admins, staff and teachers only.
 */
export async function loadVisibleClass(k: Kernel, actor: UserActor, id: string, opts: { diaryReader?: boolean } = {}) {
  const c = await getClassRow(k.db, actor.tenant.id, id);
  if (!c) throw notFound();
  const direct = staffOver(actor, c.path) || teachesIn(actor, c.path) || actor.grants.some((g) => g.orgId === c.id);
  if (!direct) {
    const mine =
      actor.profile === "parent" ? await childClassIds(k.db, actor.tenant.id, actor.userId).where("r.org_id", "=", id).executeTakeFirst() : undefined;
    const reads = !mine && opts.diaryReader && (await diaryReaderPaths(k.db, actor.tenant.id, actor.userId).where(sql<boolean>`${c.path} like ro.path || '%'`).executeTakeFirst());
    if (!mine && !reads) throw notFound();
  }
  return c;
}

export async function getClass(k: Kernel, actor: Actor, id: string): Promise<ClassDetail> {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const c = await loadVisibleClass(k, actor, id, { diaryReader: true });
  const teachings = await teachingsOf(k.db, actor.tenant.id, [c.id]);
  const canManage = managesPath(actor, c.path);
  let pupilList: ClassDetail["pupilList"] = null;
  if (staffOver(actor, c.path) || teachesIn(actor, c.path)) {
    const pupils = await pupilsOf(k.db, actor.tenant.id, c.id);
    const links = await guardiansOf(
      k.db,
      actor.tenant.id,
      pupils.map((p) => p.id),
    );
    pupilList = pupils.map((p) => ({
      id: p.id,
      name: `${p.given_name} ${p.family_name}`,
      username: p.username,
      parents: links
        .filter((l) => l.child_id === p.id && !l.pending)
        .map((l) => ({ id: l.parent_id!, linkId: l.link_id!, name: `${l.given_name} ${l.family_name}` })),
      pendingInvitations: links.filter((l) => l.child_id === p.id && l.pending).length,
    }));
  }
  return { ...presentClass(c, teachings, canManage), pupilList };
}

import type { Actor } from "../../../../kernel/auth/actor.ts";
import { invalid } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { ItemKind } from "../../shared/contract.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { type ItemInput, kindColumns } from "../item-kinds.ts";
import { presentItemWithBody } from "../present.ts";
import { getSection, insertItem } from "../repo.ts";

/** Appends an item to a section; the kind's own fields are checked by kindColumns (one place for every kind). */
export async function addItem(k: Kernel, actor: Actor, id: string, input: ItemInput & { sectionId: string; kind: ItemKind; title: string }) {
  const a = await loadCourse(k.db, actor, id);
  requireCourse(a, "edit");
  const tid = a.course.tenant_id;
  if (!(await getSection(k.db, tid, id, input.sectionId))) throw invalid({ sectionId: { code: "courses.section_unknown" } });
  if (actor.kind !== "user") throw invalid({});
  const cols = await kindColumns(actor, a.course, input.kind, input);
  const row = await insertItem(k.db, tid, {
    id: newId(),
    course_id: id,
    section_id: input.sectionId,
    kind: input.kind,
    title: input.title,
    completion: input.completion ?? (input.kind === "link" ? "viewed" : "viewed"),
    ...cols,
  });
  return presentItemWithBody(row);
}
